package io.teammusic.ingest.bucket;

import java.io.IOException;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/bucket}: reconciles of the bucket with the catalog (docs/api.md). */
@RestController
@RequestMapping("/api/bucket")
@PreAuthorize("hasRole('ADMIN')")
class BucketController {

    private final BucketReconciler reconciler;

    BucketController(BucketReconciler reconciler) {
        this.reconciler = reconciler;
    }

    record ReconcileRequest(String prefix) {
    }

    record ScanJson(String id, String prefix, String state, String lastKey, int ingested, int unchanged,
            int rejected, int failed, int dropped, java.time.Instant startedAt, java.time.Instant finishedAt) {

        static ScanJson of(BucketObjects.Scan s) {
            return new ScanJson(s.id(), s.prefix(), s.state(), s.lastKey(), s.ingested(), s.unchanged(),
                    s.rejected(), s.failed(), s.dropped(), java.time.Instant.ofEpochMilli(s.startedAt()),
                    s.finishedAt() == null ? null : java.time.Instant.ofEpochMilli(s.finishedAt()));
        }
    }

    /** Runs to the end and answers with the counts; a run cut short resumes on the next call for the prefix. */
    @PostMapping("/reconcile")
    ScanJson reconcile(@RequestBody(required = false) ReconcileRequest body) throws IOException {
        return ScanJson.of(reconciler.reconcile(body == null ? "" : body.prefix(), key -> { }));
    }

    @GetMapping("/scans")
    List<ScanJson> scans() {
        return reconciler.latest(20).stream().map(ScanJson::of).toList();
    }
}
