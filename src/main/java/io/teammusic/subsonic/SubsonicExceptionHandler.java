package io.teammusic.subsonic;

import io.teammusic.shared.ConflictException;
import io.teammusic.shared.ForbiddenException;
import io.teammusic.shared.InvalidInputException;
import io.teammusic.shared.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The one place that turns failures of the Subsonic API into Subsonic errors: HTTP 200 with a {@code failed}
 * envelope, as clients read the body and show nothing useful for other statuses.
 */
@RestControllerAdvice(basePackages = "io.teammusic.subsonic")
class SubsonicExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(SubsonicExceptionHandler.class);

    private final SubsonicWriter writer;

    SubsonicExceptionHandler(SubsonicWriter writer) {
        this.writer = writer;
    }

    @ExceptionHandler(SubsonicException.class)
    ResponseEntity<byte[]> subsonic(SubsonicException e, HttpServletRequest request) {
        return error(request, e.code(), e.getMessage());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<byte[]> notFound(NotFoundException e, HttpServletRequest request) {
        return error(request, SubsonicException.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<byte[]> missing(MissingServletRequestParameterException e, HttpServletRequest request) {
        return error(request, SubsonicException.MISSING_PARAMETER,
                "Required parameter is missing: " + e.getParameterName());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<byte[]> badValue(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return error(request, SubsonicException.GENERIC, "Invalid value for parameter " + e.getName() + ".");
    }

    @ExceptionHandler({InvalidInputException.class, ConflictException.class})
    ResponseEntity<byte[]> invalid(RuntimeException e, HttpServletRequest request) {
        return error(request, SubsonicException.GENERIC, e.getMessage());
    }

    @ExceptionHandler({ForbiddenException.class, AccessDeniedException.class})
    ResponseEntity<byte[]> forbidden(RuntimeException e, HttpServletRequest request) {
        String message = e instanceof ForbiddenException ? e.getMessage() : "You are not authorized for this.";
        return error(request, SubsonicException.NOT_AUTHORIZED, message);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<byte[]> unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) {
        if (response.isCommitted()) {
            // Bytes of a stream or a cover are out already; an envelope cannot follow them. The client went away.
            log.debug("Subsonic response ended early at {}: {}", SubsonicRequests.describe(request), e.toString());
            return null;
        }
        log.error("Unhandled error in the Subsonic API at {}", SubsonicRequests.describe(request), e);
        return error(request, SubsonicException.GENERIC, "Something went wrong on the server; it has been logged.");
    }

    private ResponseEntity<byte[]> error(HttpServletRequest request, int code, String message) {
        return writer.entity(writer.renderError(request, code, message), HttpStatus.OK);
    }
}
