package io.teammusic.storage.s3;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.teammusic.storage.BlobStore;
import io.teammusic.storage.BoundedInputStream;
import io.teammusic.storage.StorageProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.S3ServiceClientConfiguration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;

/**
 * Blobs as objects in one bucket, under an optional key prefix.
 *
 * <p>Reads are ranged GETs, so the streaming path never pulls a whole object to serve a slice of it. Files
 * larger than one part go up as multipart uploads; a failed one is aborted so no billable parts linger.
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(S3BlobStore.class);
    private static final int MAX_PARTS = 10_000;
    private static final Duration MAX_PRESIGN = Duration.ofDays(7);

    /**
     * Ranged reads go out as plain GETs of a presigned URL instead of through the SDK's request pipeline, whose
     * signing, endpoint rules and interceptors cost about 600 us of CPU per call, more than the rest of a stream
     * request together (bench/README.md). A URL is signed for an hour and reused for a few minutes: the Range
     * header is not part of a query signature, so one URL serves every range of its object.
     */
    private static final Duration READ_SIGNATURE = Duration.ofHours(1);
    private static final Duration READ_URL_REUSE = Duration.ofMinutes(5);

    private final S3Client s3;
    private final SdkHttpClient http;
    private final S3Presigner presigner;
    private final Duration readSignature;
    private final Cache<String, SdkHttpRequest> readRequests;
    private final String bucket;
    private final String prefix;
    private final long partSize;
    /** Null when {@code teammusic.storage.s3.cache.enabled} is false. */
    private final ChunkCache cache;

    /** A store without a chunk cache, whatever the settings say. */
    S3BlobStore(S3Client s3, SdkHttpClient http, StorageProperties.S3 settings, Duration readSignature,
            Duration reuse) {
        this(s3, http, settings, readSignature, reuse, null);
    }

    /**
     * {@code readSignature}: how long the signature of a ranged GET's URL is valid; {@code reuse}: how long one URL
     * is reused (shorter, except in a test of what happens when a reused URL is refused); {@code cacheDir}: the
     * chunk cache's folder when the settings leave it unset, null for no cache at all.
     */
    S3BlobStore(S3Client s3, SdkHttpClient http, StorageProperties.S3 settings, Duration readSignature,
            Duration reuse, Path cacheDir) {
        this.s3 = s3;
        this.http = http;
        // Region, endpoint and credentials come from the client, so a URL points where the client itself calls.
        S3ServiceClientConfiguration client = s3.serviceClientConfiguration();
        this.presigner = S3Presigner.builder()
                .region(client.region())
                .credentialsProvider(client.credentialsProvider())
                .endpointOverride(client.endpointOverride().orElse(null))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build())
                .build();
        this.bucket = settings.bucket();
        this.prefix = settings.keyPrefix();
        this.partSize = settings.partSize().toBytes();
        this.readSignature = readSignature;
        this.readRequests = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(reuse).build();
        this.cache = cacheDir == null ? null : chunkCache(settings.cacheOrDisabled(), cacheDir);
    }

    private ChunkCache chunkCache(StorageProperties.Cache c, Path defaultDir) {
        if (!c.enabled()) {
            return null;
        }
        Path dir = c.dir() != null ? c.dir() : defaultDir;
        try {
            ChunkCache made = new ChunkCache(dir, c.maxSize().toBytes(), (int) c.chunkSize().toBytes(), this::ranged);
            log.info("Ranged reads go through a chunk cache in {} (at most {} MB, chunks of {} KB)", dir,
                    c.maxSize().toMegabytes(), c.chunkSize().toKilobytes());
            return made;
        } catch (IOException e) {
            throw new IllegalStateException("teammusic.storage.s3.cache.dir " + dir + " cannot be used: " + e, e);
        }
    }

    /** GETs made to fill the chunk cache (tests); 0 without a cache. */
    long cacheFetches() {
        return cache == null ? 0 : cache.fetches();
    }

    /**
     * Connects with credentials from the AWS default chain and checks that the bucket answers, so a wrong
     * bucket, endpoint or credential stops start-up instead of the first upload.
     */
    public static S3BlobStore connect(StorageProperties.S3 settings, Path cacheDir) {
        SdkHttpClient http = S3Clients.httpClient();
        S3Client client = S3Clients.create(settings, http);
        try {
            checkBucket(client, settings);
        } catch (RuntimeException e) {
            client.close();
            http.close();
            throw e;
        }
        log.info("Blobs in S3 bucket {} under prefix '{}' (endpoint {}, path-style {})", settings.bucket(),
                settings.keyPrefix(), settings.endpoint() == null ? "AWS" : settings.endpoint(),
                settings.pathStyle());
        try {
            return new S3BlobStore(client, http, settings, READ_SIGNATURE, READ_URL_REUSE, cacheDir);
        } catch (RuntimeException e) {
            client.close();
            http.close();
            throw e;
        }
    }

    private static void checkBucket(S3Client client, StorageProperties.S3 settings) {
        try {
            client.serviceClientConfiguration().credentialsProvider().resolveIdentity().join();
        } catch (RuntimeException e) {
            throw new IllegalStateException("teammusic.storage.type=s3 needs AWS credentials and the default chain "
                    + "found none (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, aws.accessKeyId and "
                    + "aws.secretAccessKey, ~/.aws/credentials, a container or instance role)", e);
        }
        try {
            client.headBucket(b -> b.bucket(settings.bucket()));
        } catch (S3Exception e) {
            if (e.statusCode() == 301) {
                throw new IllegalStateException("teammusic.storage.s3.bucket '" + settings.bucket()
                        + "' is in another region than teammusic.storage.s3.region=" + settings.region(), e);
            }
            if (e.statusCode() == 403) {
                // A policy may grant object access without s3:ListBucket, which HeadBucket needs.
                log.warn("HeadBucket on {} was refused (403); going on, object calls may still be allowed",
                        settings.bucket());
                return;
            }
            throw new IllegalStateException("teammusic.storage.s3.bucket '" + settings.bucket()
                    + "' cannot be used: HTTP " + e.statusCode() + " " + errorCode(e), e);
        } catch (SdkException e) {
            throw new IllegalStateException("teammusic.storage.s3.endpoint "
                    + (settings.endpoint() == null ? "(AWS)" : settings.endpoint())
                    + " did not answer for bucket '" + settings.bucket() + "': " + e.getMessage(), e);
        }
    }

    String objectKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("empty storage key");
        }
        return prefix + key;
    }

    /** Like {@link #objectKey}, for a key prefix, which may be empty (the whole store). */
    private String objectPrefix(String keyPrefix) {
        return prefix + (keyPrefix == null ? "" : keyPrefix);
    }

    @Override
    public Optional<Long> size(String key) throws IOException {
        try {
            return Optional.of(s3.headObject(b -> b.bucket(bucket).key(objectKey(key))).contentLength());
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("HEAD", key, e);
        } catch (SdkException e) {
            throw failure("HEAD", key, e);
        }
    }

    @Override
    public void put(String key, Path source, String contentType) throws IOException {
        // Keys are content hashes: an object already there holds these very bytes.
        if (size(key).isPresent()) {
            return;
        }
        long length = Files.size(source);
        String type = contentType == null ? "application/octet-stream" : contentType;
        try {
            if (length <= partSize) {
                s3.putObject(b -> b.bucket(bucket).key(objectKey(key)).contentType(type).contentLength(length),
                        RequestBody.fromFile(source));
            } else {
                putMultipart(key, source, length, type);
            }
        } catch (SdkException e) {
            throw failure("PUT", key, e);
        } catch (UncheckedIOException e) {
            // Reading the source file failed inside the SDK's request body.
            throw e.getCause();
        }
    }

    private void putMultipart(String key, Path source, long length, String type) throws IOException {
        String objectKey = objectKey(key);
        // Grow the part size rather than exceed S3's part count for very large files.
        long part = Math.max(partSize, (length + MAX_PARTS - 1) / MAX_PARTS);
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(objectKey).contentType(type))
                .uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (int number = 1; (long) (number - 1) * part < length; number++) {
                long offset = (long) (number - 1) * part;
                long size = Math.min(part, length - offset);
                int n = number;
                try (FileSlice slice = new FileSlice(source, offset, size)) {
                    String etag = s3.uploadPart(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId)
                                    .partNumber(n).contentLength(size),
                            RequestBody.fromContentProvider(slice, size, "application/octet-stream")).eTag();
                    parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
                }
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
            log.debug("Uploaded {} ({} bytes) in {} parts", objectKey, length, parts.size());
        } catch (IOException | RuntimeException e) {
            abort(objectKey, uploadId, e);
            throw e;
        }
    }

    private void abort(String objectKey, String uploadId, Exception cause) {
        // An upload cut short by an interrupt (the uploader hung up) must still be aborted, and the SDK refuses
        // to start a call on an interrupted thread; the flag is restored afterwards.
        boolean interrupted = Thread.interrupted();
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId));
        } catch (SdkException e) {
            // The bucket's lifecycle rule for incomplete uploads is then the only cleanup; say which one.
            log.warn("Could not abort multipart upload {} of {}: {}", uploadId, objectKey, e.toString());
            cause.addSuppressed(e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * A ranged read for streaming and covers: through the node's chunk cache when it is on (blobs under their
     * content-hash keys never change), else one GET for exactly these bytes.
     */
    @Override
    public InputStream open(String key, long offset, long length) throws IOException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length");
        }
        if (cache != null && ChunkCache.cacheable(key)) {
            return cache.open(key, offset, length);
        }
        return readObject(key, offset, length);
    }

    /**
     * The bytes as a slice of a cached chunk's mapping, fetched into the cache first when missing; null when the
     * cache is off or the range spans two chunks.
     */
    @Override
    public ByteBuffer cachedRange(String key, long offset, long length) throws IOException {
        if (cache == null || !ChunkCache.cacheable(key)) {
            return null;
        }
        return cache.slice(key, offset, length);
    }

    /**
     * One ranged GET for exactly these bytes, never through the chunk cache: for objects whose key does not name
     * fixed content (direct uploads, the ingest inbox), whose bytes may change under the key.
     */
    public InputStream readObject(String key, long offset, long length) throws IOException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length");
        }
        if (length == 0) {
            return InputStream.nullInputStream();
        }
        ChunkCache.Ranged r = ranged(key, offset, length);
        return r == null ? InputStream.nullInputStream() : r.body();
    }

    /** A ranged GET and the object's total size; null for a range that starts past the end (HTTP 416). */
    private ChunkCache.Ranged ranged(String key, long offset, long length) throws IOException {
        String range = "bytes=" + offset + "-" + (offset + length - 1);
        SdkHttpRequest signed = readRequests.get(key, this::signRead);
        HttpExecuteResponse response = get(signed.toBuilder().putHeader("Range", range).build(), key);
        SdkHttpResponse head = response.httpResponse();
        int status = head.statusCode();
        AbortableInputStream body = response.responseBody().orElseGet(AbortableInputStream::createEmpty);
        if (status == 206 || (status == 200 && offset == 0)) {
            long announced = head.firstMatchingHeader("Content-Length").map(Long::parseLong).orElse(length);
            long total = status == 200 ? announced
                    : totalOf(head.firstMatchingHeader("Content-Range").orElse(null), key);
            return new ChunkCache.Ranged(new RangeStream(body, Math.min(length, announced)), total);
        }
        discard(body);
        return switch (status) {
            case 404 -> throw new NoSuchFileException(key);
            // Like a file read from past its end: nothing, not an error.
            case 416 -> null;
            // A signature the server no longer takes (the credentials it was made with were rotated or have
            // expired): the SDK's own call resolves fresh credentials and answers this read; later ones sign anew.
            case 400, 403 -> {
                readRequests.invalidate(key);
                yield openThroughSdk(key, range, offset, length);
            }
            default -> throw new IOException("S3 GET of " + objectKey(key) + " in " + bucket + " failed: HTTP "
                    + status);
        };
    }

    /** The size after the slash of {@code Content-Range: bytes 0-99/1234}. */
    private long totalOf(String contentRange, String key) throws IOException {
        int slash = contentRange == null ? -1 : contentRange.lastIndexOf('/');
        try {
            return Long.parseLong(contentRange.substring(slash + 1).trim());
        } catch (RuntimeException e) {
            throw new IOException("S3 GET of " + objectKey(key) + " in " + bucket + " answered a range without its "
                    + "object's size: Content-Range " + contentRange);
        }
    }

    private SdkHttpRequest signRead(String key) {
        return presigner.presignGetObject(p -> p.signatureDuration(readSignature)
                .getObjectRequest(g -> g.bucket(bucket).key(objectKey(key)))).httpRequest();
    }

    /** One GET; a pooled connection the server had closed meanwhile gets one more try on a fresh one. */
    private HttpExecuteResponse get(SdkHttpRequest request, String key) throws IOException {
        HttpExecuteRequest execute = HttpExecuteRequest.builder().request(request).build();
        try {
            return http.prepareRequest(execute).call();
        } catch (IOException first) {
            log.debug("Ranged GET of {} failed once, trying again: {}", objectKey(key), first.toString());
            try {
                return http.prepareRequest(execute).call();
            } catch (IOException second) {
                second.addSuppressed(first);
                // The message names the key, never the URL: that carries a signature.
                throw new IOException("S3 GET of " + objectKey(key) + " in " + bucket + " failed: " + second, second);
            }
        }
    }

    /** An error body is short: reading it off keeps the connection for the next call. */
    private static void discard(AbortableInputStream body) {
        try (body) {
            body.skip(Long.MAX_VALUE);
        } catch (IOException e) {
            body.abort();
        }
    }

    private ChunkCache.Ranged openThroughSdk(String key, String range, long offset, long length)
            throws IOException {
        try {
            ResponseInputStream<GetObjectResponse> response = s3.getObject(b -> b.bucket(bucket)
                    .key(objectKey(key)).range(range));
            Long announced = response.response().contentLength();
            String contentRange = response.response().contentRange();
            long total = contentRange == null && offset == 0 && announced != null ? announced
                    : totalOf(contentRange, key);
            return new ChunkCache.Ranged(new RangeStream(AbortableInputStream.create(response, response::abort),
                    announced == null ? length : Math.min(length, announced)), total);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new NoSuchFileException(key);
            }
            if (e.statusCode() == 416) {
                return null;
            }
            throw failure("GET", key, e);
        } catch (SdkException e) {
            throw failure("GET", key, e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            // S3 answers 204 for a missing key as well, which is the idempotence the interface asks for.
            s3.deleteObject(b -> b.bucket(bucket).key(objectKey(key)));
            if (cache != null && ChunkCache.cacheable(key)) {
                cache.remove(key);
            }
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return;
            }
            throw failure("DELETE", key, e);
        } catch (SdkException e) {
            throw failure("DELETE", key, e);
        }
    }

    @Override
    public Optional<URI> presignedGet(String key, Duration ttl) {
        return presignedGet(key, ttl, null);
    }

    /** The disposition goes in as {@code response-content-disposition}, which S3 answers the GET with. */
    @Override
    public Optional<URI> presignedGet(String key, Duration ttl, String contentDisposition) {
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_PRESIGN) > 0) {
            // SigV4 refuses signatures valid for longer than 7 days.
            throw new IllegalArgumentException("presigned URL lifetime must be between 1 s and 7 days: " + ttl);
        }
        PresignedGetObjectRequest signed = presigner.presignGetObject(p -> p.signatureDuration(ttl)
                .getObjectRequest(g -> g.bucket(bucket).key(objectKey(key))
                        .responseContentDisposition(contentDisposition)));
        try {
            return Optional.of(signed.url().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the SDK signed an invalid URL", e);
        }
    }

    /** An object of the bucket, by its store key (the configured prefix taken off). */
    public record StoredObject(String key, long size, String etag) {
    }

    /** A part of a multipart upload as the client reported it: its number and the ETag S3 answered for it. */
    public record UploadedPart(int number, String etag) {
    }

    /** A multipart upload still open under a store key, and when it was started. */
    public record OpenUpload(String key, String uploadId, java.time.Instant initiated) {
    }

    /** Size and ETag of the object, or empty when there is none. */
    public Optional<StoredObject> stat(String key) throws IOException {
        try {
            var head = s3.headObject(b -> b.bucket(bucket).key(objectKey(key)));
            return Optional.of(new StoredObject(key, head.contentLength(), head.eTag()));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("HEAD", key, e);
        } catch (SdkException e) {
            throw failure("HEAD", key, e);
        }
    }

    /** Starts a multipart upload that a client will send the parts of itself; returns S3's upload id. */
    public String startMultipart(String key, String contentType) throws IOException {
        try {
            return s3.createMultipartUpload(b -> b.bucket(bucket).key(objectKey(key))
                    .contentType(contentType == null ? "application/octet-stream" : contentType)).uploadId();
        } catch (SdkException e) {
            throw failure("CreateMultipartUpload", key, e);
        }
    }

    /** A URL to which anyone may PUT the bytes of one part until {@code ttl} has passed. */
    public URI presignPart(String key, String uploadId, int partNumber, Duration ttl) {
        var signed = presigner.presignUploadPart(p -> p.signatureDuration(ttl)
                .uploadPartRequest(u -> u.bucket(bucket).key(objectKey(key)).uploadId(uploadId)
                        .partNumber(partNumber)));
        try {
            return signed.url().toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the SDK signed an invalid URL", e);
        }
    }

    /**
     * Joins the parts into the object.
     *
     * @throws IllegalArgumentException when S3 refuses the list (a part missing, an ETag that does not match, a
     *     part below the 5 MB minimum): the client's mistake, which it may correct and send again
     */
    public void completeMultipart(String key, String uploadId, List<UploadedPart> parts) throws IOException {
        List<CompletedPart> completed = parts.stream()
                .map(p -> CompletedPart.builder().partNumber(p.number()).eTag(p.etag()).build()).toList();
        try {
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(objectKey(key)).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(completed)));
        } catch (S3Exception e) {
            if (e.statusCode() == 400) {
                throw new IllegalArgumentException("S3 refused the parts: " + errorCode(e), e);
            }
            throw failure("CompleteMultipartUpload", key, e);
        } catch (SdkException e) {
            throw failure("CompleteMultipartUpload", key, e);
        }
    }

    /** Aborts the upload and frees its parts; one already gone (completed or aborted) is not an error. */
    public void abortMultipart(String key, String uploadId) throws IOException {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(objectKey(key)).uploadId(uploadId));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw failure("AbortMultipartUpload", key, e);
            }
        } catch (SdkException e) {
            throw failure("AbortMultipartUpload", key, e);
        }
    }

    /** The multipart uploads still open under a key prefix (store keys), oldest first. */
    public List<OpenUpload> openUploads(String keyPrefix) throws IOException {
        try {
            return s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(objectPrefix(keyPrefix))).uploads()
                    .stream()
                    .map(u -> new OpenUpload(u.key().substring(prefix.length()), u.uploadId(), u.initiated()))
                    .sorted(java.util.Comparator.comparing(OpenUpload::initiated))
                    .toList();
        } catch (SdkException e) {
            throw failure("ListMultipartUploads", keyPrefix, e);
        }
    }

    /**
     * Copies an object inside the bucket without the bytes passing through us (S3's CopyObject, up to 5 GB).
     * Nothing is copied when the target already exists: keys are content hashes.
     */
    public void copy(String sourceKey, String key, String contentType) throws IOException {
        if (size(key).isPresent()) {
            return;
        }
        try {
            s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(objectKey(sourceKey))
                    .destinationBucket(bucket).destinationKey(objectKey(key))
                    .metadataDirective(software.amazon.awssdk.services.s3.model.MetadataDirective.REPLACE)
                    .contentType(contentType == null ? "application/octet-stream" : contentType));
        } catch (SdkException e) {
            throw failure("COPY", sourceKey, e);
        }
    }

    /**
     * One page of the objects under a key prefix in key order, after {@code startAfter} (null for the first):
     * listing resumes from any key, so a reconcile cut short carries on where it was.
     */
    public List<StoredObject> list(String keyPrefix, String startAfter, int max) throws IOException {
        try {
            var page = s3.listObjectsV2(b -> {
                b.bucket(bucket).prefix(objectPrefix(keyPrefix)).maxKeys(max);
                if (startAfter != null) {
                    b.startAfter(objectKey(startAfter));
                }
            });
            return page.contents().stream()
                    .map(o -> new StoredObject(o.key().substring(prefix.length()), o.size(), o.eTag()))
                    .toList();
        } catch (SdkException e) {
            throw failure("LIST", keyPrefix, e);
        }
    }

    /** The bucket's name and the prefix its keys have beyond their store keys, for matching S3 event records. */
    public String bucket() {
        return bucket;
    }

    public String keyPrefix() {
        return prefix;
    }

    @Override
    public void close() {
        // The cache's files stay: the next start indexes them again.
        presigner.close();
        s3.close();
        http.close();
    }

    private IOException failure(String operation, String key, SdkException e) {
        String detail = e instanceof S3Exception s ? "HTTP " + s.statusCode() + " " + errorCode(s) : e.getMessage();
        return new IOException("S3 " + operation + " of " + objectKey(key) + " in " + bucket + " failed: " + detail,
                e);
    }

    private static String errorCode(S3Exception e) {
        return e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
    }

    /**
     * The body of a ranged GET. Closing it early with much left aborts the connection instead of draining the
     * rest into nowhere: a listener who skips ahead must not cost a full download. A small rest is read off, as
     * a new connection (and TLS handshake) costs more than a few round trips' worth of bytes.
     */
    private static final class RangeStream extends BoundedInputStream {

        private static final long DRAIN_LIMIT = 256 * 1024;

        private final AbortableInputStream body;

        RangeStream(AbortableInputStream body, long length) {
            super(body, length);
            this.body = body;
        }

        @Override
        public void close() throws IOException {
            if (remaining() > DRAIN_LIMIT) {
                body.abort();
            } else if (remaining() > 0) {
                try {
                    transferTo(OutputStream.nullOutputStream());
                } catch (IOException e) {
                    body.abort();
                }
            }
            super.close();
        }
    }

    /**
     * One part's bytes of the source file. Each call opens a fresh stream so the SDK can sign and retry a part;
     * the previous one is closed then, and the last one when the part is done.
     */
    private static final class FileSlice implements ContentStreamProvider, AutoCloseable {

        private final Path file;
        private final long offset;
        private final long length;
        private InputStream last;

        FileSlice(Path file, long offset, long length) {
            this.file = file;
            this.offset = offset;
            this.length = length;
        }

        @Override
        public InputStream newStream() {
            try {
                if (last != null) {
                    last.close();
                }
                FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
                ch.position(offset);
                last = new BoundedInputStream(Channels.newInputStream(ch), length);
                return last;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            if (last != null) {
                last.close();
            }
        }
    }
}
