package io.teammusic.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.teammusic.shared.TeammusicProperties;
import io.teammusic.storage.BlobStore;
import io.teammusic.testing.Api;
import io.teammusic.testing.SystemTools;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The whole application in S3 mode against S3Proxy: it starts, its BlobStore is S3, and blobs round-trip.
 *
 * <p>Like {@code ServerTest} (a real server on a random port) but with a data dir of its own: a catalog shared
 * with the local-mode servers of the same JVM would list tracks whose bytes are not in this bucket.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class S3ServerTests {

    static final String ADMIN_PASSWORD = "s3-admin-test-password";
    static final String BUCKET = "teammusic-server-tests";
    static final String PREFIX = "node-a/";
    static final Path S3_DATA_DIR = tempDir();

    @LocalServerPort
    int port;

    @Autowired
    BlobStore blobs;

    @Autowired
    TeammusicProperties app;

    @TempDir
    Path tmp;

    @DynamicPropertySource
    static void s3Properties(DynamicPropertyRegistry registry) {
        S3ProxyServer s3 = S3ProxyServer.get();
        s3.createBucket(BUCKET);
        // The default AWS chain reads these first; a deployment would use its environment or role instead.
        System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
        registry.add("teammusic.data-dir", S3_DATA_DIR::toString);
        registry.add("teammusic.admin-password", () -> ADMIN_PASSWORD);
        registry.add("teammusic.storage.type", () -> "s3");
        registry.add("teammusic.storage.s3.bucket", () -> BUCKET);
        registry.add("teammusic.storage.s3.prefix", () -> PREFIX);
        registry.add("teammusic.storage.s3.endpoint", () -> s3.endpoint().toString());
        registry.add("teammusic.storage.s3.path-style", () -> "true");
        registry.add("teammusic.storage.s3.part-size", () -> "5MB");
    }

    @Test
    void theAppStartsWithTheS3StoreAndServesItsHealth() {
        assertThat(blobs).isInstanceOf(S3BlobStore.class);
        assertThat(app.dataDir()).isEqualTo(S3_DATA_DIR);
        assertThat(api().get("/actuator/health").status()).isEqualTo(200);
    }

    @Test
    void aBlobRoundTripsThroughTheBucketUnderThePrefix() throws IOException {
        byte[] data = new byte[6 * 1024 * 1024 + 17];
        new Random(42).nextBytes(data);
        Path file = Files.write(tmp.resolve("song.flac"), data);

        blobs.put("e2e00001", file, "audio/flac");

        assertThat(blobs.size("e2e00001")).contains((long) data.length);
        try (InputStream in = blobs.open("e2e00001", 5 * 1024 * 1024 - 3, 10)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 5 * 1024 * 1024 - 3,
                    5 * 1024 * 1024 + 7));
        }
        try (S3Client raw = rawClient()) {
            assertThat(raw.headObject(b -> b.bucket(BUCKET).key(PREFIX + "e2e00001")).contentLength())
                    .isEqualTo(data.length);
        }
        blobs.delete("e2e00001");
        assertThat(blobs.size("e2e00001")).isEmpty();
    }

    @Test
    void anUploadedTrackLivesInTheBucketAndStreamsRangesByteExact() throws Exception {
        String ffmpeg = SystemTools.require("ffmpeg", "ffmpeg");
        // Noise does not compress: 40 s of it make a FLAC of about 7 MB, above the 5 MB part size, so the
        // upload goes through the multipart path and the ranges below cross a part boundary.
        Path flac = tmp.resolve("noise.flac");
        Process p = new ProcessBuilder(ffmpeg, "-v", "error", "-y", "-f", "lavfi", "-i",
                "anoisesrc=color=white:sample_rate=44100:duration=40:seed=" + System.nanoTime() % 100_000,
                "-ac", "2", "-c:a", "flac", "-metadata", "title=S3 noise", flac.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        byte[] data = Files.readAllBytes(flac);
        assertThat((long) data.length).isGreaterThan(5L * 1024 * 1024);
        Api admin = api().login("admin", ADMIN_PASSWORD);

        Api.Response created = admin.send(admin.request("/api/tracks?filename=noise.flac")
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofFile(flac)).build());

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        String hash = created.json().get("contentHash").asText();
        try (S3Client raw = rawClient()) {
            assertThat(raw.headObject(b -> b.bucket(BUCKET).key(PREFIX + hash)).contentLength())
                    .isEqualTo(data.length);
        }
        int boundary = 5 * 1024 * 1024;
        Api.Response middle = admin.send(admin.request("/api/tracks/" + id + "/stream")
                .header("Range", "bytes=" + (boundary - 1000) + "-" + (boundary + 999)).GET().build());
        assertThat(middle.status()).isEqualTo(206);
        assertThat(middle.bytes()).isEqualTo(Arrays.copyOfRange(data, boundary - 1000, boundary + 1000));
        Api.Response tail = admin.send(admin.request("/api/tracks/" + id + "/stream")
                .header("Range", "bytes=-1").GET().build());
        assertThat(tail.status()).isEqualTo(206);
        assertThat(tail.bytes()).containsExactly(data[data.length - 1]);
        Api.Response whole = admin.get("/api/tracks/" + id + "/stream");
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.bytes()).isEqualTo(data);
    }

    @Test
    void streamedRangesAreKeptInTheNodesChunkCacheUntilTheTrackIsDeleted() throws Exception {
        byte[] data = new byte[9 * 1024 * 1024 + 4321];
        new Random(7).nextBytes(data);
        Path file = Files.write(tmp.resolve("cached.bin"), data);
        String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(data));
        blobs.put(hash, file, "audio/flac");
        Path cache = S3_DATA_DIR.resolve("cache").resolve("s3");

        try (InputStream in = blobs.open(hash, 4 * 1024 * 1024 - 10, 20)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 4 * 1024 * 1024 - 10,
                    4 * 1024 * 1024 + 10));
        }
        java.nio.ByteBuffer fast = blobs.cachedRange(hash, 9 * 1024 * 1024, 4321);
        byte[] tail = new byte[fast.remaining()];
        fast.get(tail);
        assertThat(tail).isEqualTo(Arrays.copyOfRange(data, 9 * 1024 * 1024, data.length));
        // Chunks of 4 MiB (the default): the first two, and the short last one.
        assertThat(chunkFiles(cache, hash)).containsExactlyInAnyOrder(hash + "~0~4194304", hash + "~1~4194304",
                hash + "~2~" + (data.length - 8 * 1024 * 1024));

        blobs.delete(hash);

        assertThat(chunkFiles(cache, hash)).isEmpty();
    }

    /** The cached chunks of a blob as KEY~INDEX~LENGTH (the checksum cut off). */
    private static java.util.List<String> chunkFiles(Path cache, String hash) throws IOException {
        try (var files = Files.walk(cache)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(hash + "~"))
                    .map(n -> n.substring(0, n.lastIndexOf('~'))).toList();
        }
    }

    private static S3Client rawClient() {
        return S3Client.builder().endpointOverride(S3ProxyServer.get().endpoint()).region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)))
                .build();
    }

    private Api api() {
        return new Api("http://localhost:" + port);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("teammusic-s3-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
