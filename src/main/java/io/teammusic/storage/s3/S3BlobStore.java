package io.teammusic.storage.s3;

import io.teammusic.storage.BlobStore;
import io.teammusic.storage.BoundedInputStream;
import io.teammusic.storage.StorageProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
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
import software.amazon.awssdk.http.ContentStreamProvider;
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

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final String prefix;
    private final long partSize;

    S3BlobStore(S3Client s3, StorageProperties.S3 settings) {
        this.s3 = s3;
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
    }

    /**
     * Connects with credentials from the AWS default chain and checks that the bucket answers, so a wrong
     * bucket, endpoint or credential stops start-up instead of the first upload.
     */
    public static S3BlobStore connect(StorageProperties.S3 settings) {
        S3Client client = S3Clients.create(settings);
        try {
            checkBucket(client, settings);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        log.info("Blobs in S3 bucket {} under prefix '{}' (endpoint {}, path-style {})", settings.bucket(),
                settings.keyPrefix(), settings.endpoint() == null ? "AWS" : settings.endpoint(),
                settings.pathStyle());
        return new S3BlobStore(client, settings);
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

    @Override
    public InputStream open(String key, long offset, long length) throws IOException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length");
        }
        if (length == 0) {
            return InputStream.nullInputStream();
        }
        String range = "bytes=" + offset + "-" + (offset + length - 1);
        try {
            return new RangeStream(s3.getObject(b -> b.bucket(bucket).key(objectKey(key)).range(range)), length);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new NoSuchFileException(key);
            }
            if (e.statusCode() == 416) {
                // Like a file read from past its end: nothing, not an error.
                return InputStream.nullInputStream();
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
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_PRESIGN) > 0) {
            // SigV4 refuses signatures valid for longer than 7 days.
            throw new IllegalArgumentException("presigned URL lifetime must be between 1 s and 7 days: " + ttl);
        }
        PresignedGetObjectRequest signed = presigner.presignGetObject(p -> p.signatureDuration(ttl)
                .getObjectRequest(g -> g.bucket(bucket).key(objectKey(key))));
        try {
            return Optional.of(signed.url().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the SDK signed an invalid URL", e);
        }
    }

    @Override
    public void close() {
        presigner.close();
        s3.close();
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

        private final ResponseInputStream<GetObjectResponse> response;

        RangeStream(ResponseInputStream<GetObjectResponse> response, long length) {
            super(response, boundedLength(response, length));
            this.response = response;
        }

        private static long boundedLength(ResponseInputStream<GetObjectResponse> response, long length) {
            Long contentLength = response.response().contentLength();
            return contentLength == null ? length : Math.min(length, contentLength);
        }

        @Override
        public void close() throws IOException {
            if (remaining() > DRAIN_LIMIT) {
                response.abort();
            } else if (remaining() > 0) {
                try {
                    transferTo(OutputStream.nullOutputStream());
                } catch (IOException e) {
                    response.abort();
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
