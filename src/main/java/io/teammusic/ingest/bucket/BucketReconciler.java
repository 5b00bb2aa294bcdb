package io.teammusic.ingest.bucket;

import io.teammusic.shared.ConflictException;
import io.teammusic.shared.Ids;
import io.teammusic.shared.InvalidInputException;
import io.teammusic.storage.s3.S3BlobStore;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Makes the catalog agree with a key prefix of the bucket: objects not seen before are taken in (in place), objects
 * that are gone lose their tracks. It is idempotent (an object with the same ETag and size is not read again) and
 * resumable: the listing runs in key order and every object advances the scan's {@code last_key}, so a run cut
 * short by a crash carries on after the last object it finished.
 */
@Service
class BucketReconciler {

    private static final Logger log = LoggerFactory.getLogger(BucketReconciler.class);
    private static final int PAGE = 1000;

    private final BucketAccess bucket;
    private final BucketObjects objects;
    private final BucketIngest ingest;
    private final ReentrantLock running = new ReentrantLock();

    BucketReconciler(BucketAccess bucket, BucketObjects objects, BucketIngest ingest) {
        this.bucket = bucket;
        this.objects = objects;
        this.ingest = ingest;
    }

    /** Runs (or resumes) a reconcile of {@code prefix} to its end; {@code progress} hears of every object. */
    BucketObjects.Scan reconcile(String prefix, Consumer<String> progress) throws IOException {
        String p = prefix == null ? "" : prefix;
        if (p.startsWith("/") || p.startsWith(DirectUploadService.KEY_PREFIX) || p.length() > 1000) {
            throw new InvalidInputException("prefix must be a key prefix below the store's, not under uploads/");
        }
        S3BlobStore store = bucket.require();
        if (!running.tryLock()) {
            throw new ConflictException("a reconcile is running already");
        }
        try {
            BucketObjects.Scan scan = objects.runningScan(p).orElse(null);
            if (scan == null) {
                String id = Ids.newId();
                objects.insertScan(id, p, System.currentTimeMillis());
                scan = objects.scan(id).orElseThrow();
                log.info("Reconcile {} of prefix '{}' started", id, p);
            } else {
                log.info("Reconcile {} of prefix '{}' resumes after {}", scan.id(), p, scan.lastKey());
            }
            String after = scan.lastKey();
            while (true) {
                List<S3BlobStore.StoredObject> page = store.list(p, after, PAGE);
                for (S3BlobStore.StoredObject o : page) {
                    String counter = counter(o, scan.id());
                    objects.advance(scan.id(), o.key(), counter, System.currentTimeMillis());
                    progress.accept(o.key() + ": " + counter);
                    after = o.key();
                }
                if (page.size() < PAGE) {
                    break;
                }
            }
            for (String gone : objects.notSeenBy(p, scan.id(), scan.startedAt())) {
                if (ingest.drop(gone)) {
                    objects.countDropped(scan.id(), System.currentTimeMillis());
                    progress.accept(gone + ": dropped");
                }
            }
            objects.finish(scan.id(), System.currentTimeMillis());
            BucketObjects.Scan done = objects.scan(scan.id()).orElseThrow();
            log.info("Reconcile {} finished: {} ingested, {} unchanged, {} rejected, {} failed, {} dropped",
                    done.id(), done.ingested(), done.unchanged(), done.rejected(), done.failed(), done.dropped());
            return done;
        } finally {
            running.unlock();
        }
    }

    /** Takes in one object and names the scan counter it adds to; a failure of one object does not stop the run. */
    private String counter(S3BlobStore.StoredObject o, String scanId) {
        try {
            return switch (ingest.ingest(o, scanId)) {
                case INGESTED -> "ingested";
                case UNCHANGED, SKIPPED -> "unchanged";
                case REJECTED -> "rejected";
            };
        } catch (IOException | RuntimeException e) {
            log.warn("Bucket object {} could not be taken in; the next reconcile tries again: {}", o.key(),
                    e.toString());
            return "failed";
        }
    }

    List<BucketObjects.Scan> latest(int limit) {
        return objects.latestScans(limit);
    }
}
