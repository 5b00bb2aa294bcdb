package io.teammusic.ingest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** A file the pipeline refuses, with the HTTP status that says why (400, 415, 422, 413). */
final class IngestRejection extends RuntimeException {

    private final HttpStatus status;

    IngestRejection(HttpStatus status, String detail) {
        super(detail, null, false, false);
        this.status = status;
    }

    /** Nothing to sniff: the client sent no bytes (a wrong path to curl's {@code @file}, a picker that failed). */
    static IngestRejection empty() {
        return new IngestRejection(HttpStatus.BAD_REQUEST, "The file is empty (0 bytes).");
    }

    static IngestRejection notAudio() {
        return new IngestRejection(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "The file is not audio in a format we know (checked from its bytes, not its name).");
    }

    static IngestRejection undecodable(String format) {
        return new IngestRejection(HttpStatus.UNPROCESSABLE_CONTENT,
                "The file looks like " + format + " but cannot be decoded: it is truncated or corrupt.");
    }

    static IngestRejection undecodable(AudioFormat format, String why) {
        return new IngestRejection(HttpStatus.UNPROCESSABLE_CONTENT, "The file looks like "
                + format.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " but cannot be decoded: " + why
                + ".");
    }

    static IngestRejection tooLarge(long maxBytes) {
        return new IngestRejection(HttpStatus.CONTENT_TOO_LARGE,
                "The file is larger than the limit of " + maxBytes + " bytes.");
    }

    HttpStatus status() {
        return status;
    }

    ProblemDetail problem() {
        return ProblemDetail.forStatusAndDetail(status, getMessage());
    }
}
