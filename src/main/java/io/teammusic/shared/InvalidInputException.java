package io.teammusic.shared;

/** The caller sent something we cannot accept. Edges map it to 400 / code 10. */
public class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(message);
    }
}
