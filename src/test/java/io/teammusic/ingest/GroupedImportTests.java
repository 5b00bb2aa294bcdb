package io.teammusic.ingest;

import static io.teammusic.ingest.AudioFixtures.tags;
import static io.teammusic.ingest.ImportCommandTests.runImport;
import static io.teammusic.ingest.InPlaceImportTests.query;
import static io.teammusic.ingest.InPlaceImportTests.titles;
import static org.assertj.core.api.Assertions.assertThat;

import io.teammusic.ingest.AudioFixtures.Kind;
import io.teammusic.ingest.ImportCommandTests.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bulk importer commits the rows of several files in one transaction (see CatalogWriter's grouped commit).
 * These runs make one file's row fail for real, in the database, among files imported at the same time: that
 * file alone is rejected and leaves no row and no blob; the others, and a duplicate, are counted and stored as
 * ever.
 */
class GroupedImportTests {

    private static final int GOOD = 9;

    @TempDir
    Path work;

    private final AudioFixtures audio = new AudioFixtures();

    @Test
    void aFileWhoseRowFailsIsRejectedAloneAndLeavesNoBlobWhileTheFilesBesideItLand() throws Exception {
        Path music = folderWithOnePoisonedFileAndADuplicate();
        Path data = poisonedDataDir();

        Run r = runImport(music, data);

        assertThat(r.status()).as(r.output()).isEqualTo(ImportCommand.EXIT_REJECTED);
        assertThat(r.stdout()).contains("imported:   " + GOOD).contains("duplicates: 1").contains("rejected:   1")
                .contains("failed to store").contains("poison.mp3");
        assertThat(titles(data)).hasSize(GOOD).doesNotContain("Poison Row");
        // Audio and covers of the stored tracks are the blobs, all of them: the poisoned file's are gone.
        assertThat(blobNames(data)).hasSize(2 * GOOD).isEqualTo(namedBlobs(data));
    }

    @Test
    void inPlaceAFileWhoseRowFailsLeavesNoRecordNorCoverAndIsReadAgainByTheNextRun() throws Exception {
        Path music = folderWithOnePoisonedFileAndADuplicate();
        Path data = poisonedDataDir();

        Run r = runImport(music, data, "--in-place");

        assertThat(r.status()).as(r.output()).isEqualTo(ImportCommand.EXIT_REJECTED);
        assertThat(r.stdout()).contains("imported:   " + GOOD).contains("duplicates: 1").contains("rejected:   1")
                .contains("failed to store").contains("poison.mp3");
        assertThat(titles(data)).hasSize(GOOD).doesNotContain("Poison Row");
        assertThat(blobNames(data)).as("covers only").hasSize(GOOD).isEqualTo(namedBlobs(data));
        assertThat(query(data, "SELECT COUNT(*) FROM local_files WHERE state = 'track'")).isEqualTo(GOOD);
        assertThat(query(data, "SELECT COUNT(*) FROM local_files f WHERE state = 'track' AND NOT EXISTS"
                + " (SELECT 1 FROM tracks t WHERE t.storage_key = f.storage_key)")).isZero();
        assertThat(query(data, "SELECT COUNT(*) FROM local_files WHERE path LIKE '%poison.mp3'")).isZero();

        try (var db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("teammusic.db"))) {
            db.createStatement().execute("DROP TRIGGER poison");
        }
        Run again = runImport(music, data, "--in-place");

        assertThat(again.status()).as(again.output()).isEqualTo(ImportCommand.EXIT_OK);
        assertThat(again.stdout()).contains("imported:   1").contains("unchanged:  " + (GOOD + 1));
        assertThat(titles(data)).hasSize(GOOD + 1).contains("Poison Row");
    }

    /** GOOD files with covers, one more whose row the database refuses, and a copy of the first. */
    private Path folderWithOnePoisonedFileAndADuplicate() throws Exception {
        Path music = Files.createDirectories(work.resolve("music"));
        for (int i = 0; i < GOOD; i++) {
            Files.copy(audio.make(Kind.MP3, tags("title", "Grouped " + i, "artist", "Grouped Artist " + i),
                    1.0, audio.jpeg()), music.resolve(String.format("%02d.mp3", i)));
        }
        Files.copy(music.resolve("00.mp3"), music.resolve("00-copy.mp3"));
        Files.copy(audio.make(Kind.MP3, tags("title", "Poison Row", "artist", "Poison Artist"), 1.0, audio.jpeg()),
                music.resolve("poison.mp3"));
        return music;
    }

    /** A data dir whose database refuses any track titled "Poison Row", the way a real failure would. */
    private Path poisonedDataDir() throws Exception {
        Path data = work.resolve("data");
        Run init = runImport(Files.createDirectories(work.resolve("empty")), data);
        assertThat(init.status()).as(init.output()).isEqualTo(ImportCommand.EXIT_OK);
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("teammusic.db"))) {
            db.createStatement().execute("CREATE TRIGGER poison BEFORE INSERT ON tracks"
                    + " WHEN new.title = 'Poison Row' BEGIN SELECT RAISE(ABORT, 'poisoned row'); END");
        }
        return data;
    }

    private static Set<String> blobNames(Path data) throws Exception {
        Set<String> names = new HashSet<>();
        Path blobs = data.resolve("blobs");
        if (!Files.exists(blobs)) {
            return names;
        }
        try (Stream<Path> all = Files.walk(blobs)) {
            all.filter(Files::isRegularFile).forEach(p -> names.add(p.getFileName().toString()));
        }
        return names;
    }

    /** Every blob key a row names: the audio of copied tracks and every cover. */
    private static Set<String> namedBlobs(Path data) throws Exception {
        Set<String> names = new HashSet<>();
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("teammusic.db"));
                var rs = db.createStatement().executeQuery("SELECT storage_key FROM tracks"
                        + " WHERE storage_key NOT LIKE 'file-%' UNION SELECT hash FROM covers")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
