package io.teammusic.ingest.bucket;

import io.teammusic.ingest.BlobPlacement;
import io.teammusic.ingest.IngestResult;
import io.teammusic.ingest.IngestService;
import io.teammusic.storage.s3.S3BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Takes bucket objects into the catalog where they lie (the track's storage key is the object's key, so nothing is
 * copied), and drops the tracks of objects that are gone. Shared by reconciles and S3 event notifications.
 *
 * <p>Keys the server writes itself are never taken in: content-addressed blobs (a 64-digit hash at the top of the
 * store) and direct uploads in progress ({@code uploads/}). Otherwise every event about our own writes would come
 * back as a new object.
 */
@Service
class BucketIngest {

    enum Outcome { INGESTED, UNCHANGED, REJECTED, SKIPPED }

    private static final Logger log = LoggerFactory.getLogger(BucketIngest.class);
    private static final Pattern OWN_BLOB = Pattern.compile("[0-9a-f]{64}");

    private final BucketAccess bucket;
    private final BucketObjects objects;
    private final IngestService ingest;

    BucketIngest(BucketAccess bucket, BucketObjects objects, IngestService ingest) {
        this.bucket = bucket;
        this.objects = objects;
        this.ingest = ingest;
    }

    static boolean isOwnKey(String key) {
        return OWN_BLOB.matcher(key).matches() || key.startsWith(DirectUploadService.KEY_PREFIX);
    }

    /**
     * Takes in one object unless it was taken in with the same ETag and size already.
     *
     * @param scanId the reconcile that saw it, or null for an event
     */
    synchronized Outcome ingest(S3BlobStore.StoredObject object, String scanId) throws IOException {
        if (isOwnKey(object.key())) {
            return Outcome.SKIPPED;
        }
        long now = System.currentTimeMillis();
        Optional<BucketObjects.Row> known = objects.find(object.key());
        if (known.isPresent() && known.get().size() == object.size()
                && java.util.Objects.equals(known.get().etag(), object.etag())) {
            if (scanId != null) {
                objects.markSeen(object.key(), scanId);
            }
            return Outcome.UNCHANGED;
        }
        if (known.isPresent()) {
            // Replaced under the same key: the old bytes' track goes, the new bytes come in.
            drop(object.key());
        }
        S3BlobStore store = bucket.require();
        IngestResult result;
        try (InputStream in = store.readObject(object.key(), 0, object.size())) {
            result = ingest.ingest(in, fileName(object.key()), inPlace(object.key()));
        } catch (NoSuchFileException e) {
            // Removed between the listing (or the event) and the read: nothing to take in.
            return Outcome.SKIPPED;
        }
        if (result.outcome() == IngestResult.Outcome.REJECTED) {
            objects.upsert(object.key(), object.etag(), object.size(), "rejected", null, result.error().getDetail(),
                    scanId, now);
            log.info("Bucket object {} is not taken in: {}", object.key(), result.error().getDetail());
            return Outcome.REJECTED;
        }
        objects.upsert(object.key(), object.etag(), object.size(), "ingested", result.track().id(), null, scanId,
                now);
        return Outcome.INGESTED;
    }

    /**
     * Forgets an object that is gone from the bucket. Its track goes too, unless another object holds the same
     * bytes (the track then reads from that one) or the track's bytes live elsewhere (an upload of the same file).
     */
    synchronized boolean drop(String key) {
        Optional<BucketObjects.Row> row = objects.find(key);
        if (row.isEmpty()) {
            return false;
        }
        objects.delete(key);
        String trackId = row.get().trackId();
        if (trackId == null) {
            return true;
        }
        Optional<String> storageKey = objects.trackStorageKey(trackId);
        if (storageKey.isEmpty() || !storageKey.get().equals(key)) {
            return true;
        }
        List<String> others = objects.otherKeysOf(trackId, key);
        if (!others.isEmpty()) {
            objects.moveTrackStorage(trackId, key, others.get(0));
            return true;
        }
        // The catalog forgets the track; the key is the bucket owner's, whatever is (or is again) stored there.
        ingest.delete(trackId, java.util.Set.of(key));
        log.info("Track {} dropped: its object {} is gone from the bucket", trackId, key);
        return true;
    }

    /** The object stays where it is and is the track's storage; the temp copy was only for hashing and tags. */
    private static BlobPlacement inPlace(String key) {
        return new BlobPlacement() {
            @Override
            public String place(String contentHash, Path file, String mimeType) throws IOException {
                Files.deleteIfExists(file);
                return key;
            }

            @Override
            public void undo(String storageKey) {
                // Nothing was written: the object is the admin's and stays.
            }
        };
    }

    private static String fileName(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }
}
