package io.teammusic.ingest.bucket;

import io.teammusic.ingest.BlobPlacement;
import io.teammusic.ingest.IngestProperties;
import io.teammusic.ingest.IngestResult;
import io.teammusic.ingest.IngestService;
import io.teammusic.shared.ConflictException;
import io.teammusic.shared.Ids;
import io.teammusic.shared.InvalidInputException;
import io.teammusic.shared.NotFoundException;
import io.teammusic.storage.s3.S3BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/**
 * Uploads that go from the client straight to the bucket as a presigned multipart upload: start, parts (sent by
 * the client), complete, then ingest, which reads the object back once for its hash and tags, copies it to its
 * content-addressed key inside the bucket and removes the upload object. Whatever the outcome of an ingest, the
 * upload object does not outlive it; abandoned uploads are aborted by {@link #sweep()}.
 */
@Service
class DirectUploadService {

    static final String KEY_PREFIX = "uploads/";
    static final int MAX_PARTS = 10_000;
    static final int URL_BATCH = 1000;
    private static final Logger log = LoggerFactory.getLogger(DirectUploadService.class);

    record PartUrl(int partNumber, URI url) {
    }

    private final BucketAccess bucket;
    private final DirectUploads uploads;
    private final IngestService ingest;
    private final IngestProperties ingestProps;
    private final BucketProperties props;
    private final Clock clock = Clock.systemUTC();

    DirectUploadService(BucketAccess bucket, DirectUploads uploads, IngestService ingest,
            IngestProperties ingestProps, BucketProperties props) {
        this.bucket = bucket;
        this.uploads = uploads;
        this.ingest = ingest;
        this.ingestProps = ingestProps;
        this.props = props;
    }

    DirectUploads.Upload start(String filename, long size, String contentType, String userId) throws IOException {
        S3BlobStore store = bucket.require();
        if (filename == null || filename.isBlank() || filename.length() > 1000 || filename.indexOf('\0') >= 0) {
            throw new InvalidInputException("filename must be 1 to 1000 characters");
        }
        if (size <= 0) {
            throw new InvalidInputException("size must be a positive number of bytes");
        }
        long max = ingestProps.maxFileSize().toBytes();
        if (size > max) {
            throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
                    "The file is larger than the limit of " + max + " bytes.");
        }
        // S3 allows 10,000 parts: a larger file gets larger parts rather than being refused.
        long partSize = Math.max(props.partSize().toBytes(), (size + MAX_PARTS - 1) / MAX_PARTS);
        int partCount = (int) ((size + partSize - 1) / partSize);
        String id = Ids.newId();
        String key = KEY_PREFIX + id;
        String uploadId = store.startMultipart(key, contentType);
        Instant now = clock.instant();
        DirectUploads.Upload u = new DirectUploads.Upload(id, key, uploadId, filename, size, partSize, partCount,
                DirectUploads.State.STARTED, userId, now, now.plus(props.abandonAfter()));
        try {
            uploads.insert(u);
        } catch (RuntimeException e) {
            store.abortMultipart(key, uploadId);
            throw e;
        }
        log.info("Direct upload {} started: {} bytes in {} parts", id, size, partCount);
        return u;
    }

    List<PartUrl> partUrls(String id, int from, int count) {
        DirectUploads.Upload u = find(id);
        requireState(u, DirectUploads.State.STARTED);
        if (from < 1 || from > u.partCount() || count < 1 || count > URL_BATCH) {
            throw new InvalidInputException("from must be 1.." + u.partCount() + " and count 1.." + URL_BATCH);
        }
        S3BlobStore store = bucket.require();
        List<PartUrl> urls = new ArrayList<>();
        for (int n = from; n < from + count && n <= u.partCount(); n++) {
            urls.add(new PartUrl(n, store.presignPart(u.objectKey(), u.uploadId(), n, props.urlTtl())));
        }
        return urls;
    }

    /** Joins the parts; the object must then have exactly the size announced at the start. */
    void complete(String id, List<S3BlobStore.UploadedPart> parts) throws IOException {
        DirectUploads.Upload u = find(id);
        requireState(u, DirectUploads.State.STARTED);
        if (parts == null || parts.isEmpty() || parts.size() != u.partCount()) {
            throw new InvalidInputException("parts must list all " + u.partCount() + " parts with their ETags");
        }
        List<S3BlobStore.UploadedPart> sorted = parts.stream()
                .sorted(java.util.Comparator.comparingInt(S3BlobStore.UploadedPart::number)).toList();
        for (int i = 0; i < sorted.size(); i++) {
            S3BlobStore.UploadedPart p = sorted.get(i);
            if (p.number() != i + 1 || p.etag() == null || p.etag().isBlank()) {
                throw new InvalidInputException("parts must be numbered 1.." + u.partCount()
                        + ", each once, each with its ETag");
            }
        }
        S3BlobStore store = bucket.require();
        try {
            store.completeMultipart(u.objectKey(), u.uploadId(), sorted);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage() + "; send the parts again or abort the upload");
        }
        long stored = store.stat(u.objectKey()).map(S3BlobStore.StoredObject::size).orElse(-1L);
        if (stored != u.size()) {
            discard(u);
            throw new InvalidInputException("The uploaded object has " + stored + " bytes, not the " + u.size()
                    + " announced; it was removed");
        }
        if (!uploads.transition(id, DirectUploads.State.STARTED, DirectUploads.State.UPLOADED)) {
            throw new ConflictException("direct upload " + id + " changed meanwhile");
        }
    }

    /**
     * Takes the uploaded object into the catalog. Created, a duplicate or rejected, the upload object is removed
     * afterwards; only a failure to reach the bucket leaves it (and the row) for another try.
     */
    IngestResult ingest(String id) throws IOException {
        DirectUploads.Upload u = find(id);
        if (!uploads.transition(id, DirectUploads.State.UPLOADED, DirectUploads.State.INGESTING)) {
            requireState(u, DirectUploads.State.UPLOADED);
            throw new ConflictException("direct upload " + id + " is being ingested already");
        }
        S3BlobStore store = bucket.require();
        IngestResult result;
        try (InputStream in = store.readObject(u.objectKey(), 0, u.size())) {
            result = ingest.ingest(in, u.filename(), copyFrom(store, u.objectKey()));
        } catch (IOException | RuntimeException e) {
            uploads.transition(id, DirectUploads.State.INGESTING, DirectUploads.State.UPLOADED);
            throw e;
        }
        discard(u);
        log.info("Direct upload {} ingested: {}", id, result.outcome());
        return result;
    }

    /** A new track's blob is a server-side copy of the upload object: its bytes never come back through us. */
    private static BlobPlacement copyFrom(S3BlobStore store, String sourceKey) {
        return new BlobPlacement() {
            @Override
            public String place(String contentHash, Path file, String mimeType) throws IOException {
                Files.deleteIfExists(file);
                store.copy(sourceKey, contentHash, mimeType);
                return contentHash;
            }

            @Override
            public void undo(String storageKey) throws IOException {
                store.delete(storageKey);
            }
        };
    }

    void abort(String id) throws IOException {
        discard(find(id));
    }

    /** Aborts the multipart upload, removes the object if it was completed, then the row. */
    private void discard(DirectUploads.Upload u) throws IOException {
        S3BlobStore store = bucket.require();
        store.abortMultipart(u.objectKey(), u.uploadId());
        store.delete(u.objectKey());
        uploads.delete(u.id());
    }

    /**
     * Removes abandoned uploads: rows past their expiry, and multipart uploads under {@code uploads/} that no row
     * names (the server stopped between starting one and recording it) once they are as old as the expiry.
     */
    @Scheduled(initialDelayString = "${teammusic.bucket.sweep-initial-delay:1m}",
            fixedDelayString = "${teammusic.bucket.sweep-interval:15m}")
    void sweep() {
        if (bucket.store().isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        int removed = 0;
        try {
            for (DirectUploads.Upload u : uploads.expiredBy(now)) {
                discard(u);
                removed++;
            }
            S3BlobStore store = bucket.require();
            for (S3BlobStore.OpenUpload open : store.openUploads(KEY_PREFIX)) {
                if (open.initiated().plus(props.abandonAfter()).isBefore(now)
                        && !uploads.existsForUploadId(open.uploadId())) {
                    store.abortMultipart(open.key(), open.uploadId());
                    removed++;
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Sweeping abandoned direct uploads failed; the next sweep tries again: {}", e.toString());
        }
        if (removed > 0) {
            log.info("Removed {} abandoned direct uploads", removed);
        }
    }

    private DirectUploads.Upload find(String id) {
        return uploads.find(id).orElseThrow(() -> new NotFoundException("direct upload", id));
    }

    private static void requireState(DirectUploads.Upload u, DirectUploads.State state) {
        if (u.state() != state) {
            throw new ConflictException("direct upload " + u.id() + " is " + u.state().name().toLowerCase()
                    + ", not " + state.name().toLowerCase());
        }
    }
}
