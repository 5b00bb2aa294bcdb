package io.teammusic.ingest.bucket;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /hooks/s3-events}: S3 event notifications, sent by SNS (HTTPS subscription), by MinIO's webhook
 * target, or by anything forwarding SQS messages. Outside {@code /api/} because the sender has no user token; it
 * proves itself with the shared secret {@code teammusic.bucket.events-secret} instead (see {@link S3EventService}).
 * The body is read as text whatever its content type: SNS sends JSON as {@code text/plain}.
 */
@RestController
class S3EventController {

    private static final int MAX_BODY = 1024 * 1024;

    private final S3EventService events;
    private final BucketAccess bucket;

    S3EventController(S3EventService events, BucketAccess bucket) {
        this.events = events;
        this.bucket = bucket;
    }

    @PostMapping("/hooks/s3-events")
    ResponseEntity<?> receive(HttpServletRequest request) throws IOException {
        if (!events.enabled()) {
            return problem(HttpStatus.NOT_FOUND, "S3 events are off: set teammusic.bucket.events-secret");
        }
        if (!events.authorized(request.getHeader("Authorization"), request.getHeader("X-Teammusic-Events-Secret"))) {
            return problem(HttpStatus.UNAUTHORIZED, "The events secret is missing or wrong.");
        }
        bucket.require();
        String body;
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                return problem(HttpStatus.CONTENT_TOO_LARGE, "An event message is at most 1 MiB.");
            }
            body = new String(bytes, StandardCharsets.UTF_8);
        }
        S3Events.Message message;
        try {
            message = S3Events.parse(body);
        } catch (IllegalArgumentException e) {
            return problem(HttpStatus.BAD_REQUEST, "Not an S3 event notification: " + e.getMessage());
        }
        if (message.subscribeUrl() != null) {
            return events.confirm(message.subscribeUrl())
                    ? ResponseEntity.ok(Map.of("confirmed", true))
                    : problem(HttpStatus.BAD_REQUEST, "The SNS subscription was not confirmed: its SubscribeURL "
                            + "is not on an allowed host (teammusic.bucket.sns-hosts) or did not answer.");
        }
        int queued = events.accept(message);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("queued", queued,
                "ignored", message.events().size() - queued + message.ignored().size()));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
