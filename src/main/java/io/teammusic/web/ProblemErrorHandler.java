package io.teammusic.web;

import io.teammusic.shared.ProblemJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors that Jetty answers itself, before a request reaches Spring (a path with an ambiguous or undecodable
 * segment, headers over the limit, a malformed request line), as RFC 9457 problem JSON like every other error of
 * the API, instead of Jetty's HTML page. Only Jetty's own short reason goes out, never an exception or a stack.
 */
final class ProblemErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) throws IOException {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ProblemJson.MEDIA_TYPE);
        response.write(true, ByteBuffer.wrap(problem(code, message)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, ProblemJson.MEDIA_TYPE);
        return ByteBuffer.wrap(problem(status, reason));
    }

    static byte[] problem(int status, String reason) {
        String title = HttpStatus.getMessage(status);
        String detail = reason == null || reason.isBlank() ? title : reason;
        return ProblemJson.of(status, title, detail).getBytes(StandardCharsets.UTF_8);
    }
}
