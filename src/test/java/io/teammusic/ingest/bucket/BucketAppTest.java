package io.teammusic.ingest.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import io.teammusic.storage.s3.S3ProxyServer;
import io.teammusic.testing.Api;
import io.teammusic.testing.SystemTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The whole application in S3 mode against S3Proxy, shared by the bucket ingest tests (one Spring context): its
 * own data dir and bucket, a prefix, 5 MB parts, a known events secret, and SNS confirmation allowed to loopback.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class BucketAppTest {

    static final String ADMIN_PASSWORD = "bucket-admin-test-password";
    static final String BUCKET = "teammusic-bucket-tests";
    static final String PREFIX = "music/";
    static final String EVENTS_SECRET = "events-shared-secret-for-tests";
    static final Path DATA_DIR = tempDir("teammusic-bucket-test-");
    static final Path FIXTURES = tempDir("teammusic-bucket-fixtures-");
    private static final AtomicInteger SEED = new AtomicInteger((int) (System.nanoTime() % 100_000));

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        // Nothing here may ask the EC2 metadata address for credentials or a region: loopback only.
        System.setProperty("aws.disableEc2Metadata", "true");
        S3ProxyServer s3 = S3ProxyServer.get();
        s3.createBucket(BUCKET);
        System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
        registry.add("teammusic.data-dir", DATA_DIR::toString);
        registry.add("teammusic.admin-password", () -> ADMIN_PASSWORD);
        registry.add("teammusic.storage.type", () -> "s3");
        registry.add("teammusic.storage.s3.bucket", () -> BUCKET);
        registry.add("teammusic.storage.s3.prefix", () -> PREFIX);
        registry.add("teammusic.storage.s3.endpoint", () -> s3.endpoint().toString());
        registry.add("teammusic.storage.s3.path-style", () -> "true");
        registry.add("teammusic.storage.s3.part-size", () -> "5MB");
        registry.add("teammusic.bucket.part-size", () -> "5MB");
        registry.add("teammusic.bucket.events-secret", () -> EVENTS_SECRET);
        registry.add("teammusic.bucket.sns-hosts", () -> "127\\.0\\.0\\.1");
    }

    Api api() {
        return new Api("http://localhost:" + port);
    }

    Api admin() {
        return api().login("admin", ADMIN_PASSWORD);
    }

    static S3Client rawClient() {
        return S3Client.builder().endpointOverride(S3ProxyServer.get().endpoint()).region(Region.US_EAST_1)
                .forcePathStyle(true)
                // As the app's own client: S3Proxy refuses the SDK's default streaming checksums.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)))
                .build();
    }

    /** Every key in the bucket under the app's prefix (and more below it), sorted. */
    static List<String> keys(String below) {
        try (S3Client raw = rawClient()) {
            return raw.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(PREFIX + below)).contents().stream()
                    .map(S3Object::key).sorted().toList();
        }
    }

    static int openMultipartUploads(String below) {
        try (S3Client raw = rawClient()) {
            return raw.listMultipartUploads(b -> b.bucket(BUCKET).prefix(PREFIX + below)).uploads().size();
        }
    }

    /** A FLAC of white noise (which does not compress), about 170 KB a second; distinct bytes every call. */
    static Path noiseFlac(String name, int seconds, String title) {
        String ffmpeg = SystemTools.require("ffmpeg", "ffmpeg");
        Path out = FIXTURES.resolve(SEED.incrementAndGet() + "-" + name);
        try {
            Process p = new ProcessBuilder(ffmpeg, "-v", "error", "-y", "-f", "lavfi", "-i",
                    "anoisesrc=color=white:sample_rate=44100:duration=" + seconds + ":seed=" + SEED.incrementAndGet(),
                    "-ac", "2", "-c:a", "flac", "-metadata", "title=" + title, "-metadata", "artist=Bucket Tests",
                    out.toString()).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as(log).isZero();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path tempDir(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
