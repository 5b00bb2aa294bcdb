package io.teammusic.ingest;

import io.teammusic.catalog.Track;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The outcome for one file: a new track, the existing track with the same bytes, or a rejection with its problem.
 */
public record IngestResult(String filename, Outcome outcome, Track track, ProblemDetail error) {

    public enum Outcome { CREATED, DUPLICATE, REJECTED }

    static IngestResult created(String filename, Track t) {
        return new IngestResult(filename, Outcome.CREATED, t, null);
    }

    static IngestResult duplicate(String filename, Track t) {
        return new IngestResult(filename, Outcome.DUPLICATE, t, null);
    }

    static IngestResult rejected(String filename, IngestRejection r) {
        return new IngestResult(filename, Outcome.REJECTED, null, r.problem());
    }

    /** The HTTP status this file would get alone: 201, 200, or the rejection's. */
    public HttpStatus httpStatus() {
        return switch (outcome) {
            case CREATED -> HttpStatus.CREATED;
            case DUPLICATE -> HttpStatus.OK;
            case REJECTED -> HttpStatus.valueOf(error.getStatus());
        };
    }
}
