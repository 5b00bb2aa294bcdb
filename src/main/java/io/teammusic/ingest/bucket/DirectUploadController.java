package io.teammusic.ingest.bucket;

import io.teammusic.auth.CurrentUser;
import io.teammusic.catalog.TrackJson;
import io.teammusic.ingest.IngestProperties;
import io.teammusic.ingest.IngestResult;
import io.teammusic.storage.s3.S3BlobStore;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/uploads/direct}: presigned multipart uploads straight to the bucket (docs/api.md). */
@RestController
@RequestMapping("/api/uploads/direct")
@PreAuthorize("hasRole('ADMIN')")
class DirectUploadController {

    /** Part URLs handed out with the start answer; more come from {@code GET .../parts}. */
    private static final int FIRST_BATCH = 100;

    private final DirectUploadService service;
    private final BucketAccess bucket;
    private final BucketProperties props;
    private final IngestProperties ingestProps;

    DirectUploadController(DirectUploadService service, BucketAccess bucket, BucketProperties props,
            IngestProperties ingestProps) {
        this.service = service;
        this.bucket = bucket;
        this.props = props;
        this.ingestProps = ingestProps;
    }

    record Settings(boolean enabled, long thresholdBytes, long partSizeBytes, long maxFileSizeBytes) {
    }

    record StartRequest(String filename, Long size, String contentType) {
    }

    record Started(String id, String key, long partSize, int partCount, List<DirectUploadService.PartUrl> parts,
            Instant expiresAt) {
    }

    record Parts(List<DirectUploadService.PartUrl> parts) {
    }

    record CompletedPart(Integer partNumber, String etag) {
    }

    record CompleteRequest(List<CompletedPart> parts) {
    }

    record Completed(String id, String state) {
    }

    @GetMapping
    Settings settings() {
        return new Settings(bucket.store().isPresent(), props.directUploadThreshold().toBytes(),
                props.partSize().toBytes(), ingestProps.maxFileSize().toBytes());
    }

    @PostMapping
    ResponseEntity<Started> start(@RequestBody StartRequest body) throws IOException {
        DirectUploads.Upload u = service.start(body.filename(), body.size() == null ? -1 : body.size(),
                body.contentType(), CurrentUser.get().id());
        List<DirectUploadService.PartUrl> first = service.partUrls(u.id(), 1, Math.min(FIRST_BATCH, u.partCount()));
        return ResponseEntity.status(HttpStatus.CREATED).body(new Started(u.id(), u.objectKey(), u.partSize(),
                u.partCount(), first, u.expiresAt()));
    }

    @GetMapping("/{id}/parts")
    Parts parts(@PathVariable String id, @RequestParam(defaultValue = "1") int from,
            @RequestParam(defaultValue = "100") int count) {
        return new Parts(service.partUrls(id, from, count));
    }

    @PostMapping("/{id}/complete")
    Completed complete(@PathVariable String id, @RequestBody CompleteRequest body) throws IOException {
        List<S3BlobStore.UploadedPart> parts = body.parts() == null ? List.of() : body.parts().stream()
                .map(p -> new S3BlobStore.UploadedPart(p.partNumber() == null ? 0 : p.partNumber(), p.etag()))
                .toList();
        service.complete(id, parts);
        return new Completed(id, "uploaded");
    }

    /** Answers like a raw {@code POST /api/tracks}: 201 or 200 with the track, or the rejection's problem. */
    @PostMapping("/{id}/ingest")
    ResponseEntity<?> ingest(@PathVariable String id) throws IOException {
        IngestResult r = service.ingest(id);
        if (r.outcome() == IngestResult.Outcome.REJECTED) {
            return ResponseEntity.status(r.httpStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(r.error());
        }
        return ResponseEntity.status(r.httpStatus()).body(TrackJson.of(r.track()));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> abort(@PathVariable String id) throws IOException {
        service.abort(id);
        return ResponseEntity.noContent().build();
    }
}
