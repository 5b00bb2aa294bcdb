package io.teammusic.web;

import io.teammusic.shared.ConflictException;
import io.teammusic.shared.ForbiddenException;
import io.teammusic.shared.InvalidInputException;
import io.teammusic.shared.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * The one place that turns failures of the native API into RFC 9457 problem JSON. Spring's own exceptions (bad JSON,
 * wrong method, missing parameter) come through the base class; ours are mapped below. Anything unexpected is
 * logged once here and answered with a 500 that reveals nothing of the internals.
 */
@RestControllerAdvice(basePackages = {"io.teammusic.auth", "io.teammusic.catalog", "io.teammusic.ingest",
        "io.teammusic.streaming", "io.teammusic.web", "io.teammusic.playlist", "io.teammusic.storage"})
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalid(InvalidInputException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    /** Ours says why (whose playlist it is); Spring Security's only knows the caller lacks a role. */
    @ExceptionHandler(ForbiddenException.class)
    ProblemDetail forbidden(ForbiddenException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail roleForbidden(AccessDeniedException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "Your role does not allow this.");
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "The upload is larger than the server accepts.");
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(pd);
    }

    /**
     * A body Jackson could parse but not bind ({@code {"role": 5}}, {@code {"name": []}}) names the field, as
     * {@code field} and in the detail, so a client can point at it; a body that is not JSON at all has no field.
     * The value sent is never echoed.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = ex.getMostSpecificCause() instanceof DatabindException bind ? fieldPath(bind) : "";
        ProblemDetail pd;
        if (field.isEmpty()) {
            pd = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "The request body is missing or is not valid JSON.");
        } else {
            pd = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "The field '" + field + "' has a value of the wrong type or out of range.");
            pd.setProperty("field", field);
        }
        return ResponseEntity.badRequest().body(pd);
    }

    /** {@code trackIds[2]}, {@code parts[0].etag}: the JSON path of the value that did not bind. */
    private static String fieldPath(DatabindException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /**
     * Jetty parses the query string only when a handler first asks for a parameter, and refuses one that is not
     * valid percent-encoded UTF-8 ({@code ?q=%ff}, {@code ?q=%zz}) with an exception that carries its 4xx status:
     * the client's mistake, answered as such and not logged as a failure of ours.
     */
    @ExceptionHandler({org.eclipse.jetty.http.HttpException.IllegalStateException.class,
        org.eclipse.jetty.http.HttpException.IllegalArgumentException.class,
        org.eclipse.jetty.http.HttpException.RuntimeException.class})
    ProblemDetail refusedByJetty(RuntimeException e) {
        org.eclipse.jetty.http.HttpException refusal = (org.eclipse.jetty.http.HttpException) e;
        HttpStatus status = HttpStatus.resolve(refusal.getCode());
        if (status == null || !status.is4xxClientError()) {
            return unexpected(e);
        }
        log.debug("Request refused by the container with {}: {}", status.value(), refusal.getReason());
        // Jetty's reason is a fixed phrase ("Bad query"), never the request's own text.
        String reason = refusal.getReason() == null ? status.getReasonPhrase() : refusal.getReason();
        return ProblemDetail.forStatusAndDetail(status, "The request is malformed (" + reason + ").");
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unhandled error in the API", e);
        return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on the server; it has been logged.");
    }
}
