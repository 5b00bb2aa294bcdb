package io.teammusic.streaming;

import io.teammusic.shared.ConflictException;
import io.teammusic.shared.NotFoundException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The fast path of {@code GET} and {@code HEAD /api/tracks/{id}/stream} for the common case, a request carrying a
 * bearer token that is already known to be valid: it is answered here, ahead of Spring Security's filter chain and
 * Spring MVC's dispatch. A player sends one request per seek and the ranged-read bench thousands a second; the
 * dozen security filters and the MVC machinery cost several times what finding the track and sending the range
 * do (bench/README.md has the profile).
 *
 * <p>The decision is the one the chain would make for this path: it requires only an authenticated caller, and a
 * token the {@link JwtDecoder} accepts is exactly what authenticates a bearer request there. Everything else
 * (no token, a bad or expired one, a signed URL, any query string, another path or method) goes down the normal
 * chain untouched, so its 401 and 403 answers and the signed-URL check stay where they are, and the request ends
 * in {@link StreamController}.
 */
final class StreamFilter extends OncePerRequestFilter {

    private static final String PREFIX = "/api/tracks/";
    private static final String SUFFIX = "/stream";

    private static final String BEARER = "Bearer ";

    private final StreamSources sources;
    private final StreamService streams;
    private final JwtDecoder jwts;
    private final java.util.function.Predicate<String> activeUser;

    StreamFilter(StreamSources sources, StreamService streams, JwtDecoder jwts,
            java.util.function.Predicate<String> activeUser) {
        this.sources = sources;
        this.streams = streams;
        this.jwts = jwts;
        this.activeUser = activeUser;
    }

    /** The track id of a stream path, or empty for any other path. */
    static Optional<String> trackId(String uri) {
        if (uri == null || !uri.startsWith(PREFIX) || !uri.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        String id = uri.substring(PREFIX.length(), uri.length() - SUFFIX.length());
        if (id.isEmpty() || id.length() > 64) {
            return Optional.empty();
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return Optional.empty();
            }
        }
        return Optional.of(id);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String m = request.getMethod();
        return !("GET".equals(m) || "HEAD".equals(m)) || request.getQueryString() != null
                || trackId(request.getRequestURI()).isEmpty();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!hasValidBearerToken(request)) {
            chain.doFilter(request, response);
            return;
        }
        String id = trackId(request.getRequestURI()).orElseThrow();
        try {
            Servable track = sources.track(id).orElseThrow(() -> new NotFoundException("track", id));
            streams.serveTrack(track, request, response);
        } catch (NotFoundException e) {
            problem(response, 404, "Not Found", e.getMessage());
        } catch (ConflictException e) {
            // A file imported in place that changed on disk since.
            problem(response, 409, "Conflict", e.getMessage());
        }
    }

    private boolean hasValidBearerToken(HttpServletRequest request) {
        return hasValidBearerToken(request.getHeader("Authorization"), jwts, activeUser);
    }

    /**
     * True when {@code header} is a well-formed bearer {@code Authorization} value whose token the decoder
     * accepts and whose user is still active: exactly what authenticates a bearer request in the chain.
     */
    static boolean hasValidBearerToken(String header, JwtDecoder jwts, java.util.function.Predicate<String> active) {
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || !FastBearerTokenResolver.isB64Token(header, BEARER.length())) {
            return false;
        }
        try {
            // The chain also refuses tokens of accounts disabled since they were issued; so must this shortcut.
            return active.test(jwts.decode(header.substring(BEARER.length())).getSubject());
        } catch (JwtException e) {
            // The chain will refuse it with the proper 401 and WWW-Authenticate.
            return false;
        }
    }

    /** The same problem JSON the API's exception handler writes for a NotFoundException or ConflictException. */
    private static void problem(HttpServletResponse response, int status, String title, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(io.teammusic.shared.ProblemJson.of(status, title, detail));
    }
}
