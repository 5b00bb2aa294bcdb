package io.teammusic.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers what no controller advice saw (a 404 from the static-resource handler, an error raised in a filter, a
 * request the container itself refused) with the same problem JSON as the rest of the API, instead of Boot's own
 * error shape. It never shows an exception's text: that is for the log.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping(value = "/error", produces = {MediaType.APPLICATION_PROBLEM_JSON_VALUE,
        MediaType.APPLICATION_JSON_VALUE, MediaType.ALL_VALUE})
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i && HttpStatus.resolve(i) != null
                ? HttpStatus.valueOf(i) : HttpStatus.INTERNAL_SERVER_ERROR;
        ProblemDetail pd = ProblemDetail.forStatus(status);
        pd.setDetail(switch (status) {
            case NOT_FOUND -> "Nothing is here.";
            case METHOD_NOT_ALLOWED -> "This method is not allowed here.";
            case BAD_REQUEST -> "The request is malformed.";
            default -> status.is5xxServerError() ? "Something went wrong on the server; it has been logged."
                    : status.getReasonPhrase() + ".";
        });
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String s) {
            try {
                pd.setInstance(URI.create(s));
            } catch (IllegalArgumentException e) {
                // A path that is not a valid URI is simply not echoed back.
            }
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(pd);
    }
}
