package io.teammusic.streaming;

import java.util.function.Supplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's outermost handler: hands {@code GET}/{@code HEAD /api/tracks/{id}/stream} (no query string) to
 * {@link FastStreams}, and everything else, and every request it declines, to the servlet context it wraps.
 * The beans behind it are looked up on first use, as the server is built before the application context is.
 */
final class StreamHandler extends Handler.Wrapper {

    private final Supplier<FastStreams> fast;
    private volatile FastStreams resolved;

    StreamHandler(Handler servlets, Supplier<FastStreams> fast) {
        super(servlets);
        this.fast = fast;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String method = request.getMethod();
        if (("GET".equals(method) || "HEAD".equals(method)) && request.getHttpURI().getQuery() == null) {
            String id = StreamFilter.trackId(request.getHttpURI().getPath()).orElse(null);
            if (id != null && fastStreams().handle(id, request, response, callback)) {
                return true;
            }
        }
        return super.handle(request, response, callback);
    }

    private FastStreams fastStreams() {
        FastStreams f = resolved;
        if (f == null) {
            f = fast.get();
            resolved = f;
        }
        return f;
    }
}
