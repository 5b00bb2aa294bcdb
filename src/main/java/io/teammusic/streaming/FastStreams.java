package io.teammusic.streaming;

import io.teammusic.auth.UserService;
import io.teammusic.streaming.delivery.Delivery;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.stereotype.Component;

/**
 * The stream endpoint's common case answered on Jetty's own request API, before the servlet layer: a GET or HEAD
 * of {@code /api/tracks/{id}/stream} with a valid bearer token, for a track whose blob is a local file (or, in S3
 * mode, a chunk of the node's cache). The
 * servlet container's request, response, session and security wrappers, Spring's filters and the blocking
 * servlet output cost more CPU than finding and sending a 256 KiB range (bench/README.md has the profile); here
 * the range is handed to Jetty as a slice of the file's mapping with a completion callback. Bodies of
 * {@code teammusic.streaming.long-body} or more (a listener playing a whole track) take the servlet path.
 *
 * <p>It makes the decision {@link StreamFilter} makes, with the same check, and answers with what
 * {@link StreamService} would send (RFC 9110 ranges and preconditions through {@link RangeRequest}). Anything it
 * does not answer (no or bad token, a query string, an unknown track, a redirecting delivery mode, a blob that
 * is not mapped) it declines, and the request takes the servlet path unchanged.
 */
@Component
class FastStreams {

    private final StreamSources sources;
    private final BodySender sender;
    private final JwtDecoder jwts;
    private final UserService users;
    private final Delivery delivery;
    private final long longBody;

    FastStreams(StreamSources sources, BodySender sender, JwtDecoder jwts, UserService users, Delivery delivery,
            StreamingProperties props) {
        this.sources = sources;
        this.sender = sender;
        this.jwts = jwts;
        this.users = users;
        this.delivery = delivery;
        this.longBody = props.longBody().toBytes();
    }

    /** Answers the request and returns true, or returns false having sent nothing. */
    boolean handle(String trackId, Request request, Response response, Callback callback) throws IOException {
        if (delivery.redirects()) {
            return false;
        }
        HttpFields in = request.getHeaders();
        if (!StreamFilter.hasValidBearerToken(in.get(HttpHeader.AUTHORIZATION), jwts, users::isActive)) {
            return false;
        }
        Optional<Servable> found = sources.track(trackId);
        if (found.isEmpty()) {
            return false;
        }
        Servable s = found.get();
        try {
            sender.verify(s.storageKey());
        } catch (IOException e) {
            // Gone or changed on disk (a file imported in place): the servlet path answers with the problem.
            return false;
        }
        RangeRequest.Decision d = RangeRequest.decide(new RangeRequest.Headers(in.get(HttpHeader.RANGE),
                in.get(HttpHeader.IF_RANGE), in.get(HttpHeader.IF_MATCH), in.get(HttpHeader.IF_NONE_MATCH),
                in.get(HttpHeader.IF_MODIFIED_SINCE), in.get(HttpHeader.IF_UNMODIFIED_SINCE)),
                s.size(), s.etag(), s.lastModified());
        if (d.hasBody() && d.length() >= longBody) {
            // A listener's whole-track body stays on the servlet path: in the 10,000-listener bench, the callback
            // write here had some hundreds of slow listeners closed by the idle timeout, the servlet path none.
            return false;
        }
        boolean head = "HEAD".equals(request.getMethod());
        ByteBuffer body = null;
        if (d.hasBody() && d.length() > 0 && !head) {
            body = body(s.storageKey(), d.offset(), d.length());
            if (body == null) {
                return false;
            }
        }
        response.setStatus(d.status());
        HttpFields.Mutable out = response.getHeaders();
        out.put(HttpHeader.ACCEPT_RANGES, "bytes");
        out.put(HttpHeader.ETAG, s.etag());
        out.put(HttpHeader.LAST_MODIFIED, RangeRequest.formatDate(s.lastModified()));
        out.put(HttpHeader.CACHE_CONTROL, s.cacheControl());
        out.put("X-Content-Type-Options", "nosniff");
        String contentRange = d.contentRange(s.size());
        if (contentRange != null) {
            out.put(HttpHeader.CONTENT_RANGE, contentRange);
        }
        if (d.status() == 304) {
            response.write(true, null, callback);
            return true;
        }
        if (!d.hasBody()) {
            out.put(HttpHeader.CONTENT_LENGTH, 0L);
            response.write(true, null, callback);
            return true;
        }
        out.put(HttpHeader.CONTENT_TYPE, s.contentType());
        if (s.fileName() != null) {
            out.put(HttpHeader.CONTENT_DISPOSITION, DispositionHeader.inline(s.fileName()));
        }
        out.put(HttpHeader.CONTENT_LENGTH, d.length());
        try {
            response.write(true, body, callback);
        } catch (InternalError e) {
            // A mapped file imported in place was truncated under us (the JVM's SIGBUS): fail this exchange
            // like a broken connection rather than let the error escape the handler.
            callback.failed(new IOException("the file behind " + s.storageKey() + " was truncated", e));
        }
        return true;
    }

    /** A slice of the blob's mapping (a local file, or a remote store's cached chunk); null to decline. */
    private ByteBuffer body(String storageKey, long offset, long length) {
        try {
            return sender.mappedSlice(storageKey, offset, length);
        } catch (IOException e) {
            // Nothing is sent yet: the servlet path reads again and answers a failure the way it always has.
            return null;
        }
    }

}
