package io.teammusic.subsonic;

/** A failure with its Subsonic error code; the advice turns it into a {@code failed} envelope. */
final class SubsonicException extends RuntimeException {

    static final int GENERIC = 0;
    static final int MISSING_PARAMETER = 10;
    static final int WRONG_CREDENTIALS = 40;
    static final int TOKEN_AUTH_NOT_SUPPORTED = 41;
    static final int CONFLICTING_AUTH = 43;
    static final int INVALID_API_KEY = 44;
    static final int NOT_AUTHORIZED = 50;
    static final int NOT_FOUND = 70;

    private final int code;

    SubsonicException(int code, String message) {
        super(message);
        this.code = code;
    }

    int code() {
        return code;
    }

    static SubsonicException missing(String parameter) {
        return new SubsonicException(MISSING_PARAMETER, "Required parameter is missing: " + parameter);
    }

    static SubsonicException notFound(String what, String id) {
        return new SubsonicException(NOT_FOUND, what + " not found: " + id);
    }
}
