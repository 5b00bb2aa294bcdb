package io.teammusic.shared;

/** A requested thing does not exist (or the caller may not know that it does). Edges map it to 404 / code 70. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, Object id) {
        super(what + " not found: " + id);
    }
}
