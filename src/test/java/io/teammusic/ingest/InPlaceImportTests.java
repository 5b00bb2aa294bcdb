package io.teammusic.ingest;

import static io.teammusic.ingest.AudioFixtures.tags;
import static io.teammusic.ingest.ImportCommandTests.runImport;
import static org.assertj.core.api.Assertions.assertThat;

import io.teammusic.ingest.AudioFixtures.Kind;
import io.teammusic.ingest.ImportCommandTests.Run;
import io.teammusic.storage.StorageProperties;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import --in-place DIR} as a user runs it (a separate JVM, its summary, the SQLite file it leaves): the
 * files are read where they are and never copied or touched, a re-run reads only what changed, and files that
 * are gone leave the catalog.
 */
class InPlaceImportTests {

    @TempDir
    Path work;

    private final AudioFixtures audio = new AudioFixtures();

    @Test
    void importingInPlaceLeavesTheFilesAsTheyAreAndStoresNoCopyOfTheAudio() throws Exception {
        Path music = Files.createDirectories(work.resolve("music").resolve("Artist"));
        Path one = Files.copy(audio.make(Kind.MP3, tags("title", "Here One", "artist", "Here"), 1.0, audio.jpeg()),
                music.resolve("01.mp3"));
        Path two = Files.copy(audio.make(Kind.FLAC, tags("title", "Here Two", "artist", "Here")),
                music.resolve("02.flac"));
        Files.writeString(music.resolve("notes.txt"), "not audio");
        List<Path> audioFiles = List.of(one, two);
        List<String> before = new ArrayList<>();
        for (Path p : audioFiles) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("r--r--r--"));
            before.add(sha256(p) + " " + Files.getLastModifiedTime(p).toMillis());
        }
        Path data = work.resolve("data");

        Run r = runImport(work.resolve("music"), data, "--in-place");

        assertThat(r.status()).as(r.output()).isEqualTo(ImportCommand.EXIT_REJECTED);
        assertThat(r.stdout()).contains("Import in place of").contains("imported:   2").contains("rejected:   1")
                .contains("unchanged:  0").contains("notes.txt");
        for (int i = 0; i < audioFiles.size(); i++) {
            Path p = audioFiles.get(i);
            assertThat(sha256(p) + " " + Files.getLastModifiedTime(p).toMillis()).as("untouched: " + p)
                    .isEqualTo(before.get(i));
        }
        long largestAudio = Math.max(Files.size(one), Files.size(two));
        try (Stream<Path> blobs = Files.walk(data.resolve("blobs"))) {
            List<Path> stored = blobs.filter(Files::isRegularFile).toList();
            assertThat(stored).as("only the cover is stored").hasSize(1);
            assertThat(Files.size(stored.get(0))).isLessThan(largestAudio);
        }
        assertThat(query(data, "SELECT COUNT(*) FROM tracks WHERE storage_key LIKE 'file-%'")).isEqualTo(2);
    }

    @Test
    void aRerunSkipsUnchangedFilesWithoutReadingThemReadsChangedOnesAndDropsVanishedOnes() throws Exception {
        Path music = Files.createDirectories(work.resolve("lib"));
        Path a = Files.copy(audio.make(Kind.MP3, tags("title", "Keep A")), music.resolve("a.mp3"));
        Path b = Files.copy(audio.make(Kind.MP3, tags("title", "Change B")), music.resolve("b.mp3"));
        Path c = Files.copy(audio.make(Kind.MP3, tags("title", "Vanish C")), music.resolve("c.mp3"));
        Path data = work.resolve("data");
        Run first = runImport(music, data, "--in-place");
        assertThat(first.stdout()).as(first.output()).contains("imported:   3");

        Run second = runImport(music, data, "--in-place");

        assertThat(second.status()).as(second.output()).isEqualTo(ImportCommand.EXIT_OK);
        assertThat(second.stdout()).contains("imported:   0").contains("duplicates: 0").contains("unchanged:  3")
                .contains("changed:    0").contains("vanished:   0");

        // b is rewritten in place (same inode, new bytes), c removed, d added.
        Files.write(b, Files.readAllBytes(audio.make(Kind.MP3, tags("title", "Changed B"))));
        Files.delete(c);
        Files.copy(audio.make(Kind.MP3, tags("title", "New D")), music.resolve("d.mp3"));
        Run third = runImport(music, data, "--in-place");

        assertThat(third.status()).as(third.output()).isEqualTo(ImportCommand.EXIT_OK);
        assertThat(third.stdout()).contains("imported:   2").contains("unchanged:  1").contains("changed:    1")
                .contains("vanished:   1").contains("first vanished:").contains(c.toString());
        assertThat(titles(data)).containsExactlyInAnyOrder("Keep A", "Changed B", "New D");

        // A file whose bytes are the same but whose modification time moved is read again, and is its own duplicate
        // no more: its old track went first.
        Files.setLastModifiedTime(a, FileTime.fromMillis(Files.getLastModifiedTime(a).toMillis() + 5000));
        Run fourth = runImport(music, data, "--in-place");
        assertThat(fourth.stdout()).as(fourth.output()).contains("imported:   1").contains("changed:    1")
                .contains("unchanged:  2");
        assertThat(titles(data)).containsExactlyInAnyOrder("Keep A", "Changed B", "New D");
    }

    @Test
    void aFileWithTheBytesOfAnotherTakesOverItsTrackWhenTheOtherGoes() throws Exception {
        Path music = Files.createDirectories(work.resolve("dups"));
        Path original = audio.make(Kind.MP3, tags("title", "Twice"));
        Path first = Files.copy(original, music.resolve("a-first.mp3"));
        Path second = Files.copy(original, music.resolve("b-second.mp3"));
        Path data = work.resolve("data");
        Run r = runImport(music, data, "--in-place");
        assertThat(r.stdout()).as(r.output()).contains("imported:   1").contains("duplicates: 1");
        // Both are read at once, so either may have become the track.
        boolean firstIsTrack = query(data, "SELECT COUNT(*) FROM local_files WHERE state = 'track'"
                + " AND path LIKE '%a-first.mp3'") == 1;
        Path track = firstIsTrack ? first : second;
        Path duplicate = firstIsTrack ? second : first;

        Files.delete(track);
        Run again = runImport(music, data, "--in-place");

        assertThat(again.stdout()).as(again.output()).contains("vanished:   1").contains("imported:   1");
        assertThat(titles(data)).containsExactly("Twice");
        assertThat(query(data, "SELECT COUNT(*) FROM local_files WHERE state = 'track' AND path = '"
                + duplicate + "'")).isEqualTo(1);
    }

    @Test
    void inPlaceNeedsLocalStorage() throws Exception {
        // Only the type matters: the command refuses before anything would connect to the bucket.
        StorageProperties s3 = new StorageProperties(StorageProperties.Type.S3, null);
        ImportCommand command = new ImportCommand(null, null, null, s3, null);
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = command.execute(List.of("import", work.toString()), true, new PrintStream(err),
                new PrintStream(new ByteArrayOutputStream()));

        assertThat(status).isEqualTo(ImportCommand.EXIT_USAGE);
        assertThat(err.toString()).contains("needs local storage").contains("teammusic.storage.type=local");
    }

    static List<String> titles(Path data) throws Exception {
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("teammusic.db"));
                var rs = db.createStatement().executeQuery("SELECT title FROM tracks")) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    static int query(Path data, String sql) throws Exception {
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("teammusic.db"));
                var rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }
}
