package io.teammusic.ingest.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.teammusic.testing.Api;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Presigned multipart uploads straight to the bucket, then ingest, against S3Proxy. */
class DirectUploadTests extends BucketAppTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int PART = 5 * 1024 * 1024;

    @Autowired
    DirectUploadService service;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aDirectUploadOfSeveralPartsIngestsAndStreamsByteExact() throws Exception {
        Path flac = noiseFlac("direct.flac", 85, "Direct noise");
        byte[] data = Files.readAllBytes(flac);
        assertThat(data.length).isGreaterThan(2 * PART);
        Api admin = admin();

        JsonNode started = start(admin, "Direct noise.flac", data.length);
        String id = started.get("id").asText();
        assertThat(started.get("key").asText()).isEqualTo("uploads/" + id);
        assertThat(started.get("partSize").asLong()).isEqualTo(PART);
        assertThat(started.get("partCount").asInt()).isEqualTo(3);
        assertThat(started.get("parts")).hasSize(3);
        List<Map<String, Object>> etags = sendParts(started, data);
        Api.Response completed = admin.post("/api/uploads/direct/" + id + "/complete", Map.of("parts", etags));
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);
        assertThat(keys("uploads/")).containsExactly(PREFIX + "uploads/" + id);

        Api.Response ingested = admin.post("/api/uploads/direct/" + id + "/ingest", Map.of());

        assertThat(ingested.status()).as(ingested.body()).isEqualTo(201);
        JsonNode track = ingested.json();
        assertThat(track.get("title").asText()).isEqualTo("Direct noise");
        assertThat(track.get("sizeBytes").asLong()).isEqualTo(data.length);
        assertThat(track.get("originalFilename").asText()).isEqualTo("Direct noise.flac");
        String hash = track.get("contentHash").asText();
        assertThat(keys("")).contains(PREFIX + hash).noneMatch(k -> k.startsWith(PREFIX + "uploads/"));
        assertThat(openMultipartUploads("uploads/")).isZero();
        String stream = "/api/tracks/" + track.get("id").asText() + "/stream";
        Api.Response whole = admin.get(stream);
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.bytes()).isEqualTo(data);
        Api.Response across = admin.send(admin.request(stream)
                .header("Range", "bytes=" + (PART - 10) + "-" + (2 * PART + 9)).GET().build());
        assertThat(across.status()).isEqualTo(206);
        assertThat(across.bytes()).isEqualTo(Arrays.copyOfRange(data, PART - 10, 2 * PART + 10));
        assertThat(admin.post("/api/uploads/direct/" + id + "/ingest", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void theSameBytesUploadedDirectlyAgainAreTheExistingTrackAndLeaveNoObject() throws Exception {
        byte[] data = Files.readAllBytes(noiseFlac("again.flac", 3, "Again"));
        Api admin = admin();
        String first = uploadAndComplete(admin, "again.flac", data);
        assertThat(admin.post("/api/uploads/direct/" + first + "/ingest", Map.of()).status()).isEqualTo(201);

        String second = uploadAndComplete(admin, "again-copy.flac", data);
        Api.Response duplicate = admin.post("/api/uploads/direct/" + second + "/ingest", Map.of());

        assertThat(duplicate.status()).as(duplicate.body()).isEqualTo(200);
        assertThat(keys("uploads/")).isEmpty();
    }

    @Test
    void anAbortedUploadLeavesNoPartsNoObjectAndNoRow() throws Exception {
        byte[] data = randomBytes(PART + 1000, 1);
        Api admin = admin();
        JsonNode started = start(admin, "aborted.flac", data.length);
        String id = started.get("id").asText();
        put(started.get("parts").get(0).get("url").asText(), Arrays.copyOfRange(data, 0, PART));
        assertThat(openMultipartUploads("uploads/" + id)).isEqualTo(1);

        Api.Response aborted = admin.delete("/api/uploads/direct/" + id);

        assertThat(aborted.status()).isEqualTo(204);
        assertThat(openMultipartUploads("uploads/" + id)).isZero();
        assertThat(keys("uploads/" + id)).isEmpty();
        assertThat(admin.get("/api/uploads/direct/" + id + "/parts").status()).isEqualTo(404);
    }

    @Test
    void anObjectThatIsNotAudioIsRejectedAndRemoved() throws Exception {
        Api admin = admin();
        byte[] text = "These are notes, not audio, whatever the name says.\n".repeat(60)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String id = uploadAndComplete(admin, "notes.flac", text);

        Api.Response rejected = admin.post("/api/uploads/direct/" + id + "/ingest", Map.of());

        assertThat(rejected.status()).as(rejected.body()).isEqualTo(415);
        assertThat(rejected.header("Content-Type")).startsWith("application/problem+json");
        assertThat(keys("uploads/" + id)).isEmpty();
        assertThat(admin.post("/api/uploads/direct/" + id + "/ingest", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void anObjectOfAnotherSizeThanAnnouncedIsRefusedAtCompleteAndRemoved() throws Exception {
        Api admin = admin();
        JsonNode started = start(admin, "short.flac", 5000);
        String id = started.get("id").asText();
        String etag = put(started.get("parts").get(0).get("url").asText(), randomBytes(4000, 3));

        Api.Response completed = admin.post("/api/uploads/direct/" + id + "/complete",
                Map.of("parts", List.of(Map.of("partNumber", 1, "etag", etag))));

        assertThat(completed.status()).as(completed.body()).isEqualTo(400);
        assertThat(completed.body()).contains("4000 bytes");
        assertThat(keys("uploads/" + id)).isEmpty();
    }

    @Test
    void aNonAdminIsRefusedEveryStep() {
        Api admin = admin();
        admin.post("/api/users", Map.of("username", "listener-direct", "password", "listener-password-1",
                "role", "USER"));
        Api user = api().login("listener-direct", "listener-password-1");

        assertThat(user.post("/api/uploads/direct", Map.of("filename", "x.flac", "size", 10)).status())
                .isEqualTo(403);
        assertThat(user.get("/api/uploads/direct").status()).isEqualTo(403);
        assertThat(user.post("/api/uploads/direct/any/complete", Map.of()).status()).isEqualTo(403);
        assertThat(user.post("/api/uploads/direct/any/ingest", Map.of()).status()).isEqualTo(403);
        assertThat(user.delete("/api/uploads/direct/any").status()).isEqualTo(403);
        assertThat(api().post("/api/uploads/direct", Map.of("filename", "x.flac", "size", 10)).status())
                .isEqualTo(401);
    }

    @Test
    void theSettingsSayDirectUploadsAreOnWithTheThreshold() {
        JsonNode settings = admin().get("/api/uploads/direct").json();

        assertThat(settings.get("enabled").asBoolean()).isTrue();
        assertThat(settings.get("thresholdBytes").asLong()).isEqualTo(64L * 1024 * 1024);
        assertThat(settings.get("partSizeBytes").asLong()).isEqualTo(PART);
    }

    @Test
    void aBadStartIsA400AndAFileOverTheLimitA413() {
        Api admin = admin();

        assertThat(admin.post("/api/uploads/direct", Map.of("filename", "", "size", 10)).status()).isEqualTo(400);
        assertThat(admin.post("/api/uploads/direct", Map.of("filename", "a.flac", "size", 0)).status())
                .isEqualTo(400);
        assertThat(admin.post("/api/uploads/direct", Map.of("filename", "a.flac", "size", 3L << 30)).status())
                .isEqualTo(413);
    }

    @Test
    void anAbandonedUploadIsAbortedByTheSweep() throws Exception {
        Api admin = admin();
        JsonNode started = start(admin, "abandoned.flac", PART + 10);
        String id = started.get("id").asText();
        put(started.get("parts").get(0).get("url").asText(), randomBytes(PART, 4));
        jdbc.sql("UPDATE direct_uploads SET expires_at = 1 WHERE id = ?").param(id).update();

        service.sweep();

        assertThat(openMultipartUploads("uploads/" + id)).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM direct_uploads WHERE id = ?").param(id).query(Integer.class)
                .single()).isZero();
    }

    private String uploadAndComplete(Api admin, String name, byte[] data) throws Exception {
        JsonNode started = start(admin, name, data.length);
        String id = started.get("id").asText();
        Api.Response completed = admin.post("/api/uploads/direct/" + id + "/complete",
                Map.of("parts", sendParts(started, data)));
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);
        return id;
    }

    private static JsonNode start(Api admin, String name, long size) {
        Api.Response started = admin.post("/api/uploads/direct", Map.of("filename", name, "size", size,
                "contentType", "audio/flac"));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        return started.json();
    }

    /** PUTs each part to its presigned URL as a browser would, and returns what complete wants. */
    private static List<Map<String, Object>> sendParts(JsonNode started, byte[] data) throws Exception {
        long partSize = started.get("partSize").asLong();
        List<Map<String, Object>> etags = new ArrayList<>();
        for (JsonNode part : started.get("parts")) {
            int n = part.get("partNumber").asInt();
            int from = (int) ((n - 1) * partSize);
            int to = (int) Math.min(data.length, from + partSize);
            etags.add(Map.of("partNumber", n, "etag", put(part.get("url").asText(),
                    Arrays.copyOfRange(data, from, to))));
        }
        return etags;
    }

    private static String put(String url, byte[] bytes) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.headers().firstValue("ETag").orElseThrow();
    }

    private static byte[] randomBytes(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed + System.nanoTime()).nextBytes(b);
        return b;
    }
}
