package io.teammusic.ingest;

import static io.teammusic.ingest.AudioFixtures.tags;
import static org.assertj.core.api.Assertions.assertThat;

import io.teammusic.ingest.AudioFixtures.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bulk importer as a user runs it: a separate JVM started with {@code import DIR}, its exit status, its
 * summary, and the SQLite file it leaves.
 */
class ImportCommandTests {

    @TempDir
    Path work;

    @Test
    void importingAFolderStoresEveryAudioFileAndPrintsASummary() throws Exception {
        AudioFixtures audio = new AudioFixtures();
        Path music = Files.createDirectories(work.resolve("music").resolve("Artist").resolve("Album"));
        Files.copy(audio.make(Kind.MP3, tags("title", "Cli One", "artist", "Cli Artist", "album", "Cli Album")),
                music.resolve("01.mp3"));
        Files.copy(audio.make(Kind.FLAC, tags("title", "Cli Two", "artist", "Cli Artist", "album", "Cli Album")),
                music.resolve("02.flac"));
        Files.writeString(music.resolve("notes.txt"), "liner notes, not audio");
        Files.writeString(music.resolve(".hidden"), "skipped");
        Path data = work.resolve("data");

        Run first = runImport(work.resolve("music"), data);
        Run second = runImport(work.resolve("music"), data);

        assertThat(first.status).as(first.output).isEqualTo(ImportCommand.EXIT_REJECTED);
        assertThat(first.stdout).contains("imported:   2").contains("duplicates: 0").contains("rejected:   1")
                .contains("not audio (415)").contains("notes.txt").contains("files/s");
        assertThat(second.stdout).as(second.output).contains("imported:   0").contains("duplicates: 2");
        assertThat(Files.exists(music.resolve("01.mp3"))).as("originals are copied, not moved").isTrue();
        try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + data.resolve("teammusic.db"));
                var rs = db.createStatement().executeQuery("SELECT COUNT(*) FROM tracks")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
        }
    }

    @Test
    void aMissingFolderIsAUsageError() throws Exception {
        Run r = runImport(work.resolve("does-not-exist"), work.resolve("data"));

        assertThat(r.status).as(r.output).isEqualTo(ImportCommand.EXIT_USAGE);
        assertThat(r.output).contains("not a folder");
    }

    record Run(int status, String stdout, String output) {
    }

    static Run runImport(Path dir, Path data, String... options) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path out = Files.createTempFile("import-out", ".txt");
        Path err = Files.createTempFile("import-err", ".txt");
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), "io.teammusic.TeammusicApplication", "import"));
        cmd.addAll(List.of(options));
        cmd.add(dir.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("TEAMMUSIC_DATA_DIR", data.toString());
        Process p = pb.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("import did not finish in 180 s");
        }
        String stdout = Files.readString(out);
        return new Run(p.exitValue(), stdout, stdout + "\n--- stderr ---\n" + Files.readString(err));
    }
}
