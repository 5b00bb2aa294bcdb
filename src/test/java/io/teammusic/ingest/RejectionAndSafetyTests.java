package io.teammusic.ingest;

import static io.teammusic.ingest.AudioFixtures.tags;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.teammusic.ingest.AudioFixtures.Kind;
import io.teammusic.testing.Api;
import io.teammusic.testing.ServerTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class RejectionAndSafetyTests extends ServerTest {

    @Autowired
    JdbcClient jdbc;

    AudioFixtures audio;
    Api admin;

    @BeforeEach
    void setUp() {
        audio = new AudioFixtures();
        admin = admin();
    }

    @Test
    void textNamedMp3IsRejectedWith415ProblemJson() throws IOException {
        Path text = audio.dir().resolve("notes.mp3");
        Files.writeString(text, "This is not an MP3 file, just text.\n".repeat(20));
        long blobs = blobCount();

        Api.Response r = Uploads.raw(admin, text);

        assertProblem(r, 415);
        assertThat(blobCount()).isEqualTo(blobs);
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void audioThatCannotBeDecodedIsRejectedWith422ProblemJson() throws IOException {
        Path id3Only = audio.dir().resolve("tag-only.mp3");
        byte[] tagOnly = {'I', 'D', '3', 3, 0, 0, 0, 0, 0, 10, 'T', 'I', 'T', '2', 0, 0, 0, 2, 0, 0, 0, 'x'};
        Files.write(id3Only, tagOnly);
        Path flacHeaderThenNoise = audio.dir().resolve("broken.flac");
        byte[] noise = new byte[4096];
        new java.util.Random(7).nextBytes(noise);
        noise[0] = 'f';
        noise[1] = 'L';
        noise[2] = 'a';
        noise[3] = 'C';
        Files.write(flacHeaderThenNoise, noise);
        Path truncatedM4a = audio.renamed(audio.make(Kind.M4A_AAC, tags("title", "cut")), "cut.m4a");
        byte[] whole = Files.readAllBytes(truncatedM4a);
        Files.write(truncatedM4a, java.util.Arrays.copyOf(whole, 40));

        assertProblem(Uploads.raw(admin, id3Only), 422);
        assertProblem(Uploads.raw(admin, flacHeaderThenNoise), 422);
        assertProblem(Uploads.raw(admin, truncatedM4a), 422);
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void oneBadFileInABatchDoesNotFailTheOthers() throws IOException {
        Path good = audio.make(Kind.OGG_VORBIS, tags("title", "Batch Good"));
        Path bad = audio.dir().resolve("bad.ogg");
        Files.writeString(bad, "not audio at all");
        Path good2 = audio.make(Kind.MP3, tags("title", "Batch Good Two"));

        Api.Response r = Uploads.multipart(admin, good, bad, good2);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode results = r.json().get("results");
        assertThat(results).hasSize(3);
        assertThat(results.get(0).get("status").asText()).isEqualTo("created");
        assertThat(results.get(1).get("status").asText()).isEqualTo("rejected");
        assertThat(results.get(1).get("error").get("status").asInt()).isEqualTo(415);
        assertThat(results.get(1).get("error").get("detail").asText()).isNotBlank();
        assertThat(results.get(2).get("status").asText()).isEqualTo("created");
        assertThat(results.get(2).get("track").get("title").asText()).isEqualTo("Batch Good Two");
    }

    @Test
    void twoConcurrentUploadsOfTheSameFileEndInOneTrack() {
        Path mp3 = audio.make(Kind.MP3, tags("title", "Racing"), 20.0, null);

        for (int round = 0; round < 3; round++) {
            Path copy = audio.renamed(mp3, "race-" + round + ".mp3");
            if (round > 0) {
                jdbc.sql("DELETE FROM tracks WHERE title = 'Racing'").update();
            }
            List<CompletableFuture<Api.Response>> uploads = Stream.of(1, 2, 3)
                    .map(i -> CompletableFuture.supplyAsync(() -> Uploads.raw(admin, copy))).toList();
            List<Api.Response> done = uploads.stream().map(CompletableFuture::join).toList();

            assertThat(done).extracting(Api.Response::status).containsOnly(200, 201).contains(201);
            assertThat(done.stream().filter(r -> r.status() == 201)).hasSize(1);
            assertThat(done.stream().map(r -> r.json().get("id").asText()).distinct()).hasSize(1);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM tracks WHERE title = 'Racing'").query(Integer.class).single())
                    .isEqualTo(1);
        }
    }

    @Test
    void aKilledUploadLeavesNoRowNoBlobAndNoTempFile() throws Exception {
        long tracks = trackCount();
        long blobs = blobCount();
        byte[] start = Files.readAllBytes(audio.make(Kind.MP3, tags("title", "Killed"), 10.0, null));

        try (Socket s = new Socket("localhost", port)) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/tracks?filename=killed.mp3 HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + admin.token() + "\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Length: " + (start.length * 4L) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(start);
            out.flush();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !tempFiles().isEmpty());
        }

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> tempFiles().isEmpty());
        assertThat(trackCount()).isEqualTo(tracks);
        assertThat(blobCount()).isEqualTo(blobs);
    }

    @Test
    void aUserCannotEditOrDeleteTracks() {
        admin.post("/api/users", Map.of("username", "listener-ed", "password", "listener-pass-2", "role", "USER"));
        Api user = api().login("listener-ed", "listener-pass-2");
        String id = FormatAndTagTests.created(Uploads.raw(admin, audio.make(Kind.MP3, tags("title", "Keep Me"))))
                .get("id").asText();

        Api.Response patch = user.patch("/api/tracks/" + id, Map.of("title", "Hacked"));
        Api.Response delete = user.delete("/api/tracks/" + id);

        assertProblem(patch, 403);
        assertProblem(delete, 403);
        assertThat(jdbc.sql("SELECT title FROM tracks WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo("Keep Me");
    }

    static void assertProblem(Api.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        JsonNode p = r.json();
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.get("title").asText()).isNotBlank();
        assertThat(p.has("detail")).isTrue();
    }

    long trackCount() {
        return jdbc.sql("SELECT COUNT(*) FROM tracks").query(Long.class).single();
    }

    static long blobCount() throws IOException {
        Path root = DATA_DIR.resolve("blobs");
        if (!Files.exists(root)) {
            return 0;
        }
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).count();
        }
    }

    static List<Path> tempFiles() throws IOException {
        Path root = DATA_DIR.resolve("tmp");
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).toList();
        }
    }
}
