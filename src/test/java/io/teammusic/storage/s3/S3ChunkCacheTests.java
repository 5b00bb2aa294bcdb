package io.teammusic.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.teammusic.storage.StorageProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

/** The node-local chunk cache of S3BlobStore against S3Proxy, counting the GETs that reach it. */
class S3ChunkCacheTests {

    private static final String BUCKET = "teammusic-cache-tests";
    private static final int CHUNK = 64 * 1024;

    @TempDir
    Path tmp;

    private final List<S3BlobStore> opened = new ArrayList<>();
    private RecordingHttpClient wire;
    private S3BlobStore store;
    private String prefix;

    @BeforeAll
    static void bucket() {
        S3ProxyServer.get().createBucket(BUCKET);
    }

    /** A store with a cache of {@code maxChunks} chunks in {@code tmp/cache}; a second call is a node restarting. */
    private S3BlobStore open(TestInfo test, boolean enabled, int maxChunks) {
        prefix = "c/" + test.getTestMethod().orElseThrow().getName();
        StorageProperties.S3 settings = new StorageProperties.S3(BUCKET, prefix, null, S3ProxyServer.get().endpoint(),
                true, DataSize.ofMegabytes(5), new StorageProperties.Cache(enabled, null,
                        DataSize.ofBytes((long) maxChunks * CHUNK), DataSize.ofBytes(CHUNK)));
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY));
        wire = new RecordingHttpClient(S3Clients.httpClient());
        store = new S3BlobStore(S3Clients.builder(settings, wire).credentialsProvider(credentials).build(), wire,
                settings, Duration.ofHours(1), Duration.ofMinutes(5), tmp.resolve("cache"));
        opened.add(store);
        return store;
    }

    private void restart(TestInfo test) {
        store.close();
        open(test, true, 64);
    }

    @AfterEach
    void close() {
        opened.forEach(S3BlobStore::close);
    }

    @Test
    void rangesAcrossChunkBoundariesAndInTheLastPartialChunkAreByteExact(TestInfo test) throws IOException {
        open(test, true, 64);
        byte[] data = randomBytes(5 * CHUNK + 12_345, 1);
        String key = put(data);

        assertThat(read(key, 10, 100)).isEqualTo(slice(data, 10, 100));
        assertThat(read(key, CHUNK - 50, 100)).isEqualTo(slice(data, CHUNK - 50, 100));
        assertThat(read(key, CHUNK + 7, 3 * CHUNK)).isEqualTo(slice(data, CHUNK + 7, 3 * CHUNK));
        assertThat(read(key, 5 * CHUNK + 100, 1000)).isEqualTo(slice(data, 5 * CHUNK + 100, 1000));
        assertThat(read(key, data.length - 1, 1)).containsExactly(data[data.length - 1]);
        assertThat(read(key, 0, data.length)).isEqualTo(data);
        // Like a file: a read past the end stops at the end.
        assertThat(read(key, data.length - 10, 100)).isEqualTo(slice(data, data.length - 10, 10));
        assertThat(read(key, data.length, 10)).isEmpty();
        assertThat(read(key, 6 * CHUNK + 5, 10)).isEmpty();
    }

    @Test
    void aMissFetchesTheAlignedChunkWithOneGetAndAHitCostsNone(TestInfo test) throws IOException {
        open(test, true, 64);
        byte[] data = randomBytes(4 * CHUNK, 2);
        String key = put(data);
        wire.sent.clear();

        assertThat(read(key, CHUNK + 1000, 10)).isEqualTo(slice(data, CHUNK + 1000, 10));
        assertThat(read(key, CHUNK + 5000, 60_000)).isEqualTo(slice(data, CHUNK + 5000, 60_000));
        // A short read across a boundary takes both missing chunks with one GET.
        assertThat(read(key, 3 * CHUNK - 10, 20)).isEqualTo(slice(data, 3 * CHUNK - 10, 20));
        assertThat(read(key, 2 * CHUNK + 3, 2 * CHUNK - 3)).isEqualTo(slice(data, 2 * CHUNK + 3, 2 * CHUNK - 3));
        // A long read fetches a chunk at a time (here only the first is missing).
        assertThat(read(key, 0, data.length)).isEqualTo(data);

        assertThat(gets()).extracting(r -> r.firstMatchingHeader("Range").orElseThrow())
                .containsExactly("bytes=" + CHUNK + "-" + (2 * CHUNK - 1),
                        "bytes=" + 2 * CHUNK + "-" + (4 * CHUNK - 1), "bytes=0-" + (CHUNK - 1));
    }

    @Test
    void theFastPathGetsASliceOfOneChunkAndNothingForARangeAcrossTwo(TestInfo test) throws IOException {
        open(test, true, 64);
        byte[] data = randomBytes(3 * CHUNK, 3);
        String key = put(data);

        ByteBuffer inOne = store.cachedRange(key, CHUNK + 10, 5000);
        byte[] got = new byte[inOne.remaining()];
        inOne.get(got);

        assertThat(got).isEqualTo(slice(data, CHUNK + 10, 5000));
        assertThat(store.cachedRange(key, CHUNK - 10, 20)).isNull();
        assertThat(store.cachedRange("not-a-content-hash", 0, 10)).isNull();
    }

    @Test
    void concurrentMissesOfOneChunkFetchItOnce(TestInfo test) throws Exception {
        open(test, true, 64);
        byte[] data = randomBytes(2 * CHUNK, 4);
        String key = put(data);
        wire.sent.clear();
        int readers = 24;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<byte[]>> results = new ArrayList<>();

        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < readers; i++) {
                int offset = 1000 + i * 100;
                results.add(pool.submit(() -> {
                    start.await();
                    return read(key, offset, 2000);
                }));
            }
            start.countDown();
            for (int i = 0; i < readers; i++) {
                assertThat(results.get(i).get()).isEqualTo(slice(data, 1000 + i * 100, 2000));
            }
        }

        assertThat(gets()).hasSize(1);
        assertThat(store.cacheFetches()).isEqualTo(1);
    }

    @Test
    void evictionKeepsTheCacheWithinItsSize(TestInfo test) throws IOException {
        open(test, true, 4);
        byte[] data = randomBytes(10 * CHUNK, 5);
        String key = put(data);

        for (int i = 0; i < 10; i++) {
            assertThat(read(key, (long) i * CHUNK + 1, 100)).isEqualTo(slice(data, (long) i * CHUNK + 1, 100));
            assertThat(cachedBytes()).isLessThanOrEqualTo(4L * CHUNK);
        }
        assertThat(chunkFiles()).hasSizeBetween(1, 4);
        wire.sent.clear();
        // Every chunk is still readable: an evicted one is fetched again.
        assertThat(read(key, 0, data.length)).isEqualTo(data);
        assertThat(gets()).isNotEmpty();
        assertThat(cachedBytes()).isLessThanOrEqualTo(4L * CHUNK);
    }

    @Test
    void theCacheSurvivesARestartAndServesWithoutAGet(TestInfo test) throws IOException {
        open(test, true, 64);
        byte[] data = randomBytes(3 * CHUNK, 6);
        String key = put(data);
        read(key, 0, data.length);

        restart(test);

        assertThat(read(key, 100, 2 * CHUNK)).isEqualTo(slice(data, 100, 2 * CHUNK));
        assertThat(gets()).isEmpty();
    }

    @Test
    void aDamagedOrCutShortChunkFileIsNeverServedButFetchedAgain(TestInfo test) throws IOException {
        open(test, true, 64);
        byte[] data = randomBytes(3 * CHUNK, 7);
        String key = put(data);
        read(key, 0, data.length);
        List<Path> files = chunkFiles();
        assertThat(files).hasSize(3);
        Path first = chunkFile(key, 0);
        Path second = chunkFile(key, 1);
        // Same length, one flipped byte (what a crash can leave of an unsynced file); and a file cut short.
        byte[] flipped = Files.readAllBytes(first);
        flipped[1234] ^= 0x5a;
        Files.write(first, flipped);
        Files.write(second, Arrays.copyOf(Files.readAllBytes(second), CHUNK / 2));
        Path unfinished = Files.writeString(first.resolveSibling(key + "-123.part"), "half a fetch");

        restart(test);

        assertThat(Files.exists(second)).isFalse();
        assertThat(Files.exists(unfinished)).isFalse();
        assertThat(read(key, 0, data.length)).isEqualTo(data);
        assertThat(gets()).extracting(r -> r.firstMatchingHeader("Range").orElseThrow())
                .containsExactly("bytes=0-" + (CHUNK - 1), "bytes=" + CHUNK + "-" + (2 * CHUNK - 1));
        assertThat(Files.readAllBytes(chunkFile(key, 0))).isEqualTo(slice(data, 0, CHUNK));
    }

    @Test
    void deletingABlobRemovesItsCachedChunks(TestInfo test) throws IOException {
        open(test, true, 64);
        byte[] data = randomBytes(2 * CHUNK + 1, 8);
        String kept = put(randomBytes(1000, 9));
        String key = put(data);
        read(key, 0, data.length);
        read(kept, 0, 1000);
        assertThat(chunkFiles()).hasSize(4);

        store.delete(key);

        assertThat(chunkFiles()).extracting(p -> p.getFileName().toString()).singleElement()
                .satisfies(name -> assertThat(name).startsWith(kept + "~0~1000~"));
        assertThat(cachedBytes()).isEqualTo(1000);
    }

    @Test
    void aCacheThatCannotWriteFallsBackToUncachedReads(TestInfo test) throws IOException {
        open(test, true, 64);
        byte[] data = randomBytes(3 * CHUNK, 12);
        String key = put(data);
        // A file where the blob's fan-out folder would go: every chunk write fails, as on a full or broken disk.
        Files.createDirectories(tmp.resolve("cache"));
        Files.writeString(tmp.resolve("cache").resolve(key.substring(0, 2)), "in the way");

        assertThat(read(key, 100, 1000)).isEqualTo(slice(data, 100, 1000));
        assertThat(read(key, CHUNK - 10, CHUNK + 20)).isEqualTo(slice(data, CHUNK - 10, CHUNK + 20));
        assertThat(read(key, 0, data.length)).isEqualTo(data);
        assertThat(store.cachedRange(key, 10, 10)).isNull();
        assertThat(chunkFiles()).extracting(p -> p.getFileName().toString()).containsExactly(key.substring(0, 2));
    }

    @Test
    void withTheCacheOffEveryReadIsOneGetOfExactlyItsBytes(TestInfo test) throws IOException {
        open(test, false, 64);
        byte[] data = randomBytes(2 * CHUNK, 10);
        String key = put(data);
        wire.sent.clear();

        assertThat(read(key, 100, 10)).isEqualTo(slice(data, 100, 10));
        assertThat(read(key, 100, 10)).isEqualTo(slice(data, 100, 10));

        assertThat(gets()).extracting(r -> r.firstMatchingHeader("Range").orElseThrow())
                .containsExactly("bytes=100-109", "bytes=100-109");
        assertThat(store.cachedRange(key, 100, 10)).isNull();
        assertThat(tmp.resolve("cache")).doesNotExist();
    }

    @Test
    void objectsUnderKeysThatAreNotContentHashesAreReadUncached(TestInfo test) throws IOException {
        open(test, true, 64);
        byte[] data = randomBytes(1000, 11);
        store.put("inbox-song.flac", file(data), null);
        wire.sent.clear();

        assertThat(read("inbox-song.flac", 10, 10)).isEqualTo(slice(data, 10, 10));
        assertThat(store.readObject(put(data), 0, 10).readAllBytes()).isEqualTo(slice(data, 0, 10));

        assertThat(chunkFiles()).isEmpty();
    }

    private List<SdkHttpRequest> gets() {
        return wire.sent.stream().filter(r -> r.method() == SdkHttpMethod.GET).toList();
    }

    /** Puts the bytes under their SHA-256, as the server does. */
    private String put(byte[] data) throws IOException {
        String key;
        try {
            key = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        store.put(key, file(data), "audio/flac");
        return key;
    }

    private byte[] read(String key, long offset, long length) throws IOException {
        try (InputStream in = store.open(key, offset, length)) {
            return in.readAllBytes();
        }
    }

    private List<Path> chunkFiles() throws IOException {
        Path dir = tmp.resolve("cache");
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private Path chunkFile(String key, int index) throws IOException {
        return chunkFiles().stream().filter(p -> p.getFileName().toString().startsWith(key + "~" + index + "~"))
                .findFirst().orElseThrow();
    }

    private long cachedBytes() throws IOException {
        long total = 0;
        for (Path p : chunkFiles()) {
            total += Files.size(p);
        }
        return total;
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
