package io.teammusic.shared;

/** The request clashes with what is stored (a taken user name, say). Edges map it to 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
