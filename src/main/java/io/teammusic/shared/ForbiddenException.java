package io.teammusic.shared;

/** The caller is known but may not do this. Edges map it to 403 / code 50. */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
