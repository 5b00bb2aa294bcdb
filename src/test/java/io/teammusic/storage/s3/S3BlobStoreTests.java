package io.teammusic.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.teammusic.storage.StorageProperties;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/** S3BlobStore against S3Proxy, a real S3 protocol server, over HTTP on loopback. */
class S3BlobStoreTests {

    private static final String BUCKET = "teammusic-store-tests";
    private static final long PART = DataSize.ofMegabytes(5).toBytes();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    private final List<SdkRequest> sent = new CopyOnWriteArrayList<>();
    private volatile Predicate<SdkRequest> failWhen = r -> false;
    private StorageProperties.S3 settings;
    private RecordingHttpClient wire;
    private S3BlobStore store;
    private S3Client raw;
    private SdkHttpClient rawHttp;

    @BeforeAll
    static void bucket() {
        S3ProxyServer.get().createBucket(BUCKET);
    }

    private void open(TestInfo test) {
        open(test, Duration.ofHours(1), Duration.ofMinutes(5));
    }

    private void open(TestInfo test, Duration readSignature, Duration reuse) {
        // A prefix per test keeps the tests apart in the one bucket and proves the prefix is applied.
        settings = new StorageProperties.S3(BUCKET, "t/" + test.getTestMethod().orElseThrow().getName(), null,
                S3ProxyServer.get().endpoint(), true, DataSize.ofMegabytes(5), null);
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                sent.add(context.request());
                if (failWhen.test(context.request())) {
                    throw SdkClientException.create("injected failure: connection reset");
                }
            }
        };
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY));
        wire = new RecordingHttpClient(S3Clients.httpClient());
        store = new S3BlobStore(S3Clients.builder(settings, wire).credentialsProvider(credentials)
                .overrideConfiguration(c -> c.addExecutionInterceptor(recorder)).build(), wire, settings,
                readSignature, reuse);
        rawHttp = S3Clients.httpClient();
        raw = S3Clients.builder(settings, rawHttp).credentialsProvider(credentials).build();
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
            raw.close();
            rawHttp.close();
        }
    }

    @Test
    void putThenSizeAndRangedReadsAreByteExact(TestInfo test) throws IOException {
        open(test);
        byte[] data = randomBytes(300_001, 1);
        store.put("abcd1234", file(data), "audio/flac");

        assertThat(store.size("abcd1234")).contains(300_001L);
        assertThat(read("abcd1234", 0, 1000)).isEqualTo(Arrays.copyOfRange(data, 0, 1000));
        assertThat(read("abcd1234", 123_456, 65_536)).isEqualTo(Arrays.copyOfRange(data, 123_456, 188_992));
        assertThat(read("abcd1234", 300_001 - 777, 777)).isEqualTo(Arrays.copyOfRange(data, 299_224, 300_001));
        assertThat(read("abcd1234", 4242, 1)).containsExactly(data[4242]);
        assertThat(read("abcd1234", 0, data.length)).isEqualTo(data);
    }

    @Test
    void aReadIsOneRangedGetForExactlyTheAskedBytesWithNoOtherCall(TestInfo test) throws IOException {
        open(test);
        store.put("range001", file(randomBytes(200_000, 2)), "audio/mpeg");
        wire.sent.clear();
        sent.clear();

        read("range001", 1000, 10);
        read("range001", 5000, 20);

        // No HEAD for the size (the catalog knows it) and no SDK call: two plain GETs of one presigned URL.
        assertThat(wire.sent).hasSize(2).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo(SdkHttpMethod.GET);
            assertThat(r.encodedPath()).endsWith("/t/" + test.getTestMethod().orElseThrow().getName() + "/range001");
            assertThat(r.rawQueryParameters()).containsKey("X-Amz-Signature");
        });
        assertThat(wire.sent).extracting(r -> r.firstMatchingHeader("Range").orElseThrow())
                .containsExactly("bytes=1000-1009", "bytes=5000-5019");
        assertThat(wire.sent.get(0).rawQueryParameters()).isEqualTo(wire.sent.get(1).rawQueryParameters());
        assertThat(sent).noneMatch(r -> r instanceof GetObjectRequest || r instanceof HeadObjectRequest);
    }

    @Test
    void aReadWhoseSignatureTheServerRefusesIsAnsweredAndSignedAnew(TestInfo test) throws Exception {
        open(test, Duration.ofSeconds(1), Duration.ofHours(1));
        byte[] data = randomBytes(10_000, 15);
        store.put("resign01", file(data), null);
        assertThat(read("resign01", 0, 100)).isEqualTo(slice(data, 0, 100));

        // The reused URL has expired by now, as it does when the credentials it was signed with are rotated.
        Thread.sleep(2100);
        assertThat(read("resign01", 100, 100)).isEqualTo(slice(data, 100, 100));
        assertThat(sent).filteredOn(r -> r instanceof GetObjectRequest).hasSize(1);
        assertThat(read("resign01", 200, 100)).isEqualTo(slice(data, 200, 100));
    }

    @Test
    void readsClosedEarlyLeaveTheStoreWorking(TestInfo test) throws IOException {
        open(test);
        byte[] data = randomBytes(1_000_000, 14);
        store.put("early001", file(data), null);

        // A small rest is drained, a large one aborts its connection; neither may disturb the next reads.
        for (long length : new long[] {10_000, 900_000}) {
            try (InputStream in = store.open("early001", 0, length)) {
                assertThat(in.readNBytes(100)).isEqualTo(slice(data, 0, 100));
            }
        }
        for (int i = 0; i < 5; i++) {
            assertThat(read("early001", 500_000 + i, 1000)).isEqualTo(slice(data, 500_000 + i, 1000));
        }
    }

    @Test
    void aReadPastTheEndStopsAtTheEndLikeAFile(TestInfo test) throws IOException {
        open(test);
        byte[] data = randomBytes(1000, 3);
        store.put("tail0001", file(data), null);

        assertThat(read("tail0001", 990, 100)).isEqualTo(Arrays.copyOfRange(data, 990, 1000));
        assertThat(read("tail0001", 1000, 10)).isEmpty();
    }

    @Test
    void keysGoUnderTheConfiguredPrefix(TestInfo test) throws IOException {
        open(test);
        store.put("prefixed", file(randomBytes(10, 4)), "audio/ogg");

        assertThat(raw.listObjectsV2(b -> b.bucket(BUCKET).prefix(settings.keyPrefix())).contents())
                .extracting(S3Object::key).containsExactly("t/keysGoUnderTheConfiguredPrefix/prefixed");
        assertThat(raw.headObject(b -> b.bucket(BUCKET).key(settings.keyPrefix() + "prefixed")).contentType())
                .isEqualTo("audio/ogg");
    }

    @Test
    void aMissingKeyHasNoSizeCannotBeOpenedAndDeletesQuietly(TestInfo test) throws IOException {
        open(test);
        assertThat(store.size("missing1")).isEmpty();
        assertThatThrownBy(() -> store.open("missing1", 0, 10)).isInstanceOf(NoSuchFileException.class);
        store.delete("missing1");
    }

    @Test
    void deleteRemovesTheBlobAndIsIdempotent(TestInfo test) throws IOException {
        open(test);
        store.put("gone0001", file(randomBytes(100, 5)), null);

        store.delete("gone0001");
        store.delete("gone0001");

        assertThat(store.size("gone0001")).isEmpty();
    }

    @Test
    void puttingAnExistingKeyUploadsNothing(TestInfo test) throws IOException {
        open(test);
        byte[] data = randomBytes(100, 6);
        store.put("same0001", file(data), null);
        sent.clear();

        store.put("same0001", file(randomBytes(100, 7)), null);

        assertThat(sent).noneMatch(r -> r instanceof PutObjectRequest);
        assertThat(read("same0001", 0, 100)).isEqualTo(data);
    }

    @Test
    void aFileAboveThePartSizeGoesUpInPartsAndReadsBackByteExact(TestInfo test) throws IOException {
        open(test);
        int length = (int) (2 * PART + 12_345);
        byte[] data = randomBytes(length, 8);

        store.put("big00001", file(data), "audio/flac");

        assertThat(sent).filteredOn(r -> r instanceof UploadPartRequest).extracting(r -> (UploadPartRequest) r)
                .extracting(UploadPartRequest::partNumber, UploadPartRequest::contentLength)
                .containsExactly(tuple(1, PART),
                        tuple(2, PART),
                        tuple(3, 12_345L));
        assertThat(store.size("big00001")).contains((long) length);
        // Ranges across both part boundaries and the very last byte.
        assertThat(read("big00001", PART - 100, 200)).isEqualTo(slice(data, PART - 100, 200));
        assertThat(read("big00001", 2 * PART - 1, 2)).isEqualTo(slice(data, 2 * PART - 1, 2));
        assertThat(read("big00001", length - 1, 1)).containsExactly(data[length - 1]);
        assertThat(read("big00001", 0, length)).isEqualTo(data);
        assertThat(raw.listMultipartUploads(b -> b.bucket(BUCKET).prefix(settings.keyPrefix())).uploads())
                .isEmpty();
    }

    @Test
    void aMultipartUploadFailingMidwayLeavesNoObjectAndNoParts(TestInfo test) throws IOException {
        open(test);
        failWhen = r -> r instanceof UploadPartRequest part && part.partNumber() == 2;

        assertThatThrownBy(() -> store.put("fail0001", file(randomBytes((int) (2 * PART + 1), 9)), null))
                .isInstanceOf(IOException.class).hasMessageContaining("injected failure");

        assertThat(sent).anyMatch(r -> r instanceof AbortMultipartUploadRequest);
        assertThat(store.size("fail0001")).isEmpty();
        assertThat(raw.listMultipartUploads(b -> b.bucket(BUCKET).prefix(settings.keyPrefix())).uploads())
                .isEmpty();
        assertThat(raw.listObjectsV2(b -> b.bucket(BUCKET).prefix(settings.keyPrefix())).contents()).isEmpty();
    }

    @Test
    void aFailedSingleUploadLeavesNoObject(TestInfo test) throws IOException {
        open(test);
        failWhen = r -> r instanceof PutObjectRequest;

        assertThatThrownBy(() -> store.put("fail0002", file(randomBytes(1000, 10)), null))
                .isInstanceOf(IOException.class);

        assertThat(store.size("fail0002")).isEmpty();
    }

    @Test
    void connectingToAnEndpointNobodyListensOnFailsNamingTheEndpoint() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        URI endpoint = URI.create("http://127.0.0.1:" + closedPort);
        StorageProperties.S3 nowhere = new StorageProperties.S3(BUCKET, "", null, endpoint, true,
                DataSize.ofMegabytes(16), null);
        System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);

        assertThatThrownBy(() -> S3BlobStore.connect(nowhere, tmp.resolve("cache")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("teammusic.storage.s3.endpoint " + endpoint + " did not answer");
    }

    @Test
    void connectingWithoutCredentialsFailsNamingWhatIsMissing(TestInfo test) {
        assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null, "AWS credentials are in the environment");
        open(test);
        String access = System.clearProperty("aws.accessKeyId");
        String secret = System.clearProperty("aws.secretAccessKey");
        try {
            assertThatThrownBy(() -> S3BlobStore.connect(settings, tmp.resolve("cache")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("teammusic.storage.type=s3 needs AWS credentials");
        } finally {
            restore("aws.accessKeyId", access);
            restore("aws.secretAccessKey", secret);
        }
    }

    private static void restore(String property, String value) {
        if (value != null) {
            System.setProperty(property, value);
        }
    }

    @Test
    void connectingToAReachableBucketWorksWithTheDefaultCredentialChain(TestInfo test) throws IOException {
        open(test);
        System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
        Path source = file(randomBytes(64, 11));

        try (S3BlobStore connected = S3BlobStore.connect(settings, tmp.resolve("cache"))) {
            connected.put("chain001", source, null);
            assertThat(connected.size("chain001")).contains(64L);
        }
    }

    @Test
    void aPresignedUrlServesRangesWithoutCredentialsAndOnlyUnaltered(TestInfo test) throws Exception {
        open(test);
        byte[] data = randomBytes(50_000, 12);
        store.put("signed01", file(data), "audio/mpeg");
        URI url = store.presignedGet("signed01", Duration.ofMinutes(5)).orElseThrow();

        HttpResponse<byte[]> ranged = HTTP.send(HttpRequest.newBuilder(url).header("Range", "bytes=100-199").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        String forged = url.toString().replace("signed01", "signed02");
        HttpResponse<byte[]> altered = HTTP.send(HttpRequest.newBuilder(URI.create(forged)).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(ranged.statusCode()).isEqualTo(206);
        assertThat(ranged.body()).isEqualTo(slice(data, 100, 100));
        assertThat(altered.statusCode()).isEqualTo(403);
        assertThatThrownBy(() -> store.presignedGet("signed01", Duration.ofDays(8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anExpiredPresignedUrlIsRefused(TestInfo test) throws Exception {
        open(test);
        store.put("signed03", file(randomBytes(100, 13)), null);
        URI url = store.presignedGet("signed03", Duration.ofSeconds(1)).orElseThrow();

        Thread.sleep(2100);
        HttpResponse<byte[]> late = HTTP.send(HttpRequest.newBuilder(url).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(late.statusCode()).isEqualTo(403);
    }

    private byte[] read(String key, long offset, long length) throws IOException {
        try (InputStream in = store.open(key, offset, length)) {
            return in.readAllBytes();
        }
    }

    private Path file(byte[] data) throws IOException {
        return Files.write(Files.createTempFile(tmp, "blob-", ".bin"), data);
    }

    private static byte[] randomBytes(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] slice(byte[] data, long offset, int length) {
        return Arrays.copyOfRange(data, (int) offset, (int) offset + length);
    }
}
