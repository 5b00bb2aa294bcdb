package io.teammusic.streaming;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.teammusic.auth.UserService;
import io.teammusic.streaming.delivery.Delivery;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

/**
 * The stream endpoint's common case answered on Jetty's own request API, before the servlet layer: a GET or HEAD
 * of {@code /api/tracks/{id}/stream} with a valid bearer token, for a track whose blob is a local file (or, in S3
 * mode, a chunk of the node's cache). The
 * servlet container's request, response, session and security wrappers, Spring's filters and the blocking
 * servlet output cost more CPU than finding and sending a 256 KiB range (bench/README.md has the profile); here
 * the range is handed to Jetty as a slice of the file's mapping with a completion callback.
 * Bodies of {@code teammusic.streaming.long-body} or more (a listener playing a whole track) take the servlet path.
 *
 * <p>It makes the decision {@link StreamFilter} makes, with the same check, and answers with what
 * {@link StreamService} would send (RFC 9110 ranges and preconditions through {@link RangeRequest}). Anything it
 * does not answer (no or bad token, a query string, an unknown track, a redirecting delivery mode, a blob that
 * is not mapped) it declines, and the request takes the servlet path unchanged.
 *
 * <p>Per request it allocates little and recomputes nothing it has seen: an {@code Authorization} header it has
 * verified is remembered as its subject and expiry (keyed by the header's text, so no substring, no base64 check,
 * no decoder lookup), and the headers that describe a track are encoded once per {@link Servable}.
 */
@Component
class FastStreams {

    private static final String BEARER = "Bearer ";
    private static final HttpField ACCEPT_RANGES = new PreEncodedHttpField(HttpHeader.ACCEPT_RANGES, "bytes");
    private static final HttpField NOSNIFF = new PreEncodedHttpField("X-Content-Type-Options", "nosniff");

    private final StreamSources sources;
    private final BodySender sender;
    private final JwtDecoder jwts;
    private final Predicate<String> activeUser;
    private final Delivery delivery;
    private final long longBody;

    /** A verified bearer header: whose it is, and when its token expires. */
    private record Verified(String subject, long expiresAtMillis) {
    }

    /*
     * Bounded, and an entry never outlives its token: expiry is checked on every use. Whether the user is still
     * active is asked on every request too (UserService's own cache, invalidated at once when a user is disabled),
     * so this remembers only what the signature check proved.
     */
    private final Cache<String, Verified> verified = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(5)).build();

    /** The describing headers of a track, encoded once; keyed by the cached {@link Servable} itself. */
    private record Described(HttpField etag, HttpField lastModified, HttpField cacheControl, HttpField contentType,
            HttpField disposition) {
    }

    private final Cache<Servable, Described> described = Caffeine.newBuilder()
            .weakKeys().maximumSize(10_000).build();

    FastStreams(StreamSources sources, BodySender sender, JwtDecoder jwts, UserService users, Delivery delivery,
            StreamingProperties props) {
        this.sources = sources;
        this.sender = sender;
        this.jwts = jwts;
        this.activeUser = users.activeCheck();
        this.delivery = delivery;
        this.longBody = props.longBody().toBytes();
    }

    /** Answers the request and returns true, or returns false having sent nothing. */
    boolean handle(String trackId, Request request, Response response, Callback callback) throws IOException {
        if (delivery.redirects()) {
            return false;
        }
        HttpFields in = request.getHeaders();
        if (!authorised(in.get(HttpHeader.AUTHORIZATION))) {
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
        Described h = described.get(s, FastStreams::describe);
        response.setStatus(d.status());
        HttpFields.Mutable out = response.getHeaders();
        out.add(ACCEPT_RANGES);
        out.add(h.etag());
        out.add(h.lastModified());
        out.add(h.cacheControl());
        out.add(NOSNIFF);
        String contentRange = d.contentRange(s.size());
        if (contentRange != null) {
            out.add(HttpHeader.CONTENT_RANGE, contentRange);
        }
        if (d.status() == 304) {
            response.write(true, null, callback);
            return true;
        }
        if (!d.hasBody()) {
            out.add(HttpHeader.CONTENT_LENGTH, 0L);
            response.write(true, null, callback);
            return true;
        }
        out.add(h.contentType());
        if (h.disposition() != null) {
            out.add(h.disposition());
        }
        out.add(HttpHeader.CONTENT_LENGTH, d.length());
        try {
            response.write(true, body, callback);
        } catch (InternalError e) {
            // A mapped file imported in place was truncated under us (the JVM's SIGBUS): fail this exchange
            // like a broken connection rather than let the error escape the handler.
            callback.failed(new IOException("the file behind " + s.storageKey() + " was truncated", e));
        }
        return true;
    }

    /**
     * The decision {@link StreamFilter#hasValidBearerToken} makes, remembered per header: a well-formed bearer
     * token the decoder accepts, not expired, of a user who is still active.
     */
    private boolean authorised(String header) {
        if (header == null) {
            return false;
        }
        Verified v = verified.getIfPresent(header);
        if (v == null) {
            v = verify(header);
            if (v == null) {
                return false;
            }
        } else if (v.expiresAtMillis() <= System.currentTimeMillis()) {
            // The servlet path answers with the proper 401.
            verified.invalidate(header);
            return false;
        }
        return activeUser.test(v.subject());
    }

    private Verified verify(String header) {
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || !FastBearerTokenResolver.isB64Token(header, BEARER.length())) {
            return null;
        }
        Jwt jwt;
        try {
            jwt = jwts.decode(header.substring(BEARER.length()));
        } catch (JwtException e) {
            return null;
        }
        Instant exp = jwt.getExpiresAt();
        if (exp == null || jwt.getSubject() == null || !exp.isAfter(Instant.now())) {
            // Not remembered: the servlet path makes the full decision for such a token.
            return null;
        }
        Verified v = new Verified(jwt.getSubject(), exp.toEpochMilli());
        verified.put(header, v);
        return v;
    }

    private static Described describe(Servable s) {
        return new Described(new PreEncodedHttpField(HttpHeader.ETAG, s.etag()),
                new PreEncodedHttpField(HttpHeader.LAST_MODIFIED, RangeRequest.formatDate(s.lastModified())),
                new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, s.cacheControl()),
                new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, s.contentType()),
                s.fileName() == null ? null : new PreEncodedHttpField(HttpHeader.CONTENT_DISPOSITION,
                        DispositionHeader.inline(s.fileName())));
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
