package io.teammusic.ingest;

import static io.teammusic.ingest.AudioFixtures.tags;
import static io.teammusic.ingest.ImportCommandTests.runImport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.teammusic.ingest.AudioFixtures.Kind;
import io.teammusic.ingest.ImportCommandTests.Run;
import io.teammusic.testing.Api;
import io.teammusic.testing.ServerTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Tracks imported in place, served by a running server: the importer runs as its own JVM on the server's data dir
 * (as a user would run it beside the server), and the server streams from the user's files, refusing any that
 * changed or vanished since, and never deleting one.
 */
class InPlaceStreamingTests extends ServerTest {

    /** A little over {@code LocalFiles.REVALIDATE}: how long a change on disk may go unnoticed. */
    static final long REVALIDATE_MILLIS = 2300;

    @TempDir
    Path work;
    @Autowired
    JdbcClient jdbc;

    private final AudioFixtures audio = new AudioFixtures();
    private Api user;

    @BeforeEach
    void login() {
        // The importer is a second process on the same SQLite file; the PostgreSQL runs have no such file.
        assumeFalse(allOnPostgresql());
        user = api().withToken(adminToken());
    }

    private Path library(String title, double seconds, boolean cover) throws IOException {
        Path dir = Files.createDirectories(work.resolve("lib-" + title.replace(' ', '-')));
        return Files.copy(audio.make(Kind.MP3, tags("title", title, "artist", "In Place"), seconds,
                cover ? audio.jpeg() : null), dir.resolve(title + ".mp3"));
    }

    private Run importInPlace(Path dir) throws Exception {
        Run r = runImport(dir, DATA_DIR, "--in-place");
        assertThat(r.status()).as(r.output()).isEqualTo(ImportCommand.EXIT_OK);
        return r;
    }

    private String trackId(String title) {
        return jdbc.sql("SELECT id FROM tracks WHERE title = ?").param(title).query(String.class).single();
    }

    private Api.Response get(String id, String... headers) {
        HttpRequest.Builder b = user.request("/api/tracks/" + id + "/stream").GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return user.send(b.build());
    }

    private Api.Response head(String id) {
        return user.send(user.request("/api/tracks/" + id + "/stream")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    }

    @Test
    void aTrackImportedInPlaceStreamsByteExactWithRangesAndHasItsCoverAndSubsonicDownload() throws Exception {
        Path file = library("Streams Here", 3.0, true);
        byte[] bytes = Files.readAllBytes(file);
        importInPlace(file.getParent());
        String id = trackId("Streams Here");

        Api.Response whole = get(id);
        Api.Response range = get(id, "Range", "bytes=100-1099");
        Api.Response suffix = get(id, "Range", "bytes=-500");
        Api.Response h = head(id);

        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.bytes()).isEqualTo(bytes);
        assertThat(range.status()).isEqualTo(206);
        assertThat(range.bytes()).isEqualTo(Arrays.copyOfRange(bytes, 100, 1100));
        assertThat(range.header("Content-Range")).isEqualTo("bytes 100-1099/" + bytes.length);
        assertThat(suffix.bytes()).isEqualTo(Arrays.copyOfRange(bytes, bytes.length - 500, bytes.length));
        assertThat(h.header("Content-Length")).isEqualTo(String.valueOf(bytes.length));
        assertThat(h.header("ETag")).isEqualTo("\"" + InPlaceImportTests.sha256(file) + "\"");

        Api.Response cover = user.get("/api/tracks/" + id + "/cover");
        assertThat(cover.status()).isEqualTo(200);
        assertThat(cover.header("Content-Type")).isEqualTo("image/jpeg");

        String secret = user.post("/api/app-passwords", Map.of("name", "in place")).json().get("secret").asText();
        Api.Response download = api().get("/rest/download?u=admin&p=" + URLEncoder.encode(secret,
                StandardCharsets.UTF_8) + "&v=1.16.1&c=test&id=" + id);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.bytes()).isEqualTo(bytes);
    }

    @Test
    void aFileChangedAfterImportIsNotServedStaleAndAReimportServesTheNewBytes() throws Exception {
        Path file = library("Changes Later", 2.0, false);
        importInPlace(file.getParent());
        String id = trackId("Changes Later");
        assertThat(get(id, "Range", "bytes=0-999").status()).isEqualTo(206);

        byte[] replacement = Files.readAllBytes(audio.make(Kind.MP3, tags("title", "Changes Later")));
        Files.write(file, replacement);
        Thread.sleep(REVALIDATE_MILLIS);

        Api.Response stale = get(id, "Range", "bytes=0-999");
        assertThat(stale.status()).as(stale.body()).isEqualTo(409);
        assertThat(stale.header("Content-Type")).contains("application/problem+json");
        assertThat(stale.body()).contains("changed on disk");
        assertThat(head(id).status()).isEqualTo(409);
        assertThat(get(id).status()).isEqualTo(409);

        Run again = importInPlace(file.getParent());
        assertThat(again.stdout()).contains("changed:    1").contains("imported:   1");
        String newId = trackId("Changes Later");
        assertThat(newId).isNotEqualTo(id);
        Api.Response fresh = get(newId);
        assertThat(fresh.status()).isEqualTo(200);
        assertThat(fresh.bytes()).isEqualTo(replacement);
    }

    @Test
    void aVanishedFileIsNotFoundAndAReimportDropsItsTrack() throws Exception {
        Path file = library("Goes Away", 1.0, false);
        importInPlace(file.getParent());
        String id = trackId("Goes Away");
        Files.delete(file);
        Thread.sleep(REVALIDATE_MILLIS);

        assertThat(get(id).status()).isEqualTo(404);

        Run again = importInPlace(file.getParent());
        assertThat(again.stdout()).contains("vanished:   1").contains(file.toString());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tracks WHERE id = ?").param(id).query(Integer.class).single())
                .isZero();
    }

    @Test
    void deletingATrackImportedInPlaceKeepsTheFileAndARerunDoesNotBringItBack() throws Exception {
        Path file = library("Deleted Not Gone", 1.0, false);
        byte[] bytes = Files.readAllBytes(file);
        importInPlace(file.getParent());
        String id = trackId("Deleted Not Gone");

        assertThat(user.delete("/api/tracks/" + id).status()).isEqualTo(204);

        assertThat(file).exists();
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
        Run again = importInPlace(file.getParent());
        assertThat(again.stdout()).contains("unchanged:  1").contains("imported:   0");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tracks WHERE title = 'Deleted Not Gone'").query(Integer.class)
                .single()).isZero();
    }

    @Test
    void aFileTruncatedWhileMappedNeverGetsA500AndIsRefusedOnceRechecked() throws Exception {
        Path file = library("Cut Short", 20.0, false);
        long size = Files.size(file);
        importInPlace(file.getParent());
        String id = trackId("Cut Short");
        assertThat(get(id, "Range", "bytes=0-65535").status()).as("maps the file").isEqualTo(206);

        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(1000);
        }
        long until = System.currentTimeMillis() + REVALIDATE_MILLIS;
        long giveUp = until + 10_000;
        int refused = 0;
        while ((System.currentTimeMillis() < until || refused == 0) && System.currentTimeMillis() < giveUp) {
            int status;
            try {
                status = get(id, "Range", "bytes=" + (size - 70000) + "-" + (size - 1)).status();
            } catch (UncheckedIOException e) {
                // The range was cut from the old mapping: the connection drops mid-body, which is all HTTP allows.
                continue;
            }
            assertThat(status).isNotEqualTo(500);
            if (status == 409) {
                refused++;
            }
        }
        assertThat(refused).isPositive();
        Path other = library("Still Fine", 1.0, false);
        importInPlace(other.getParent());
        assertThat(get(trackId("Still Fine")).bytes()).isEqualTo(Files.readAllBytes(other));
    }
}
