package io.teammusic.streaming;

import io.teammusic.shared.NotFoundException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers {@code GET} and {@code HEAD /api/tracks/{id}/stream} right after Spring Security has authenticated and
 * authorised the request (it is registered behind the security filter), without going through Spring MVC's
 * dispatch. A player sends one request per seek and the bench sends thousands a second; handler lookup, argument
 * resolution and the MVC interceptors cost more than the lookup and the range arithmetic together, and there is
 * nothing for them to do here. Every other path, and every other method on this one, passes through untouched.
 */
final class StreamFilter extends OncePerRequestFilter {

    private static final String PREFIX = "/api/tracks/";
    private static final String SUFFIX = "/stream";

    private final StreamSources sources;
    private final StreamService streams;

    StreamFilter(StreamSources sources, StreamService streams) {
        this.sources = sources;
        this.streams = streams;
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
        return !("GET".equals(m) || "HEAD".equals(m)) || trackId(request.getRequestURI()).isEmpty();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = trackId(request.getRequestURI()).orElseThrow();
        try {
            Servable track = sources.track(id).orElseThrow(() -> new NotFoundException("track", id));
            streams.serve(track, request, response);
        } catch (NotFoundException e) {
            notFound(response, e.getMessage());
        }
    }

    /** The same problem JSON the API's exception handler writes for a NotFoundException. */
    private static void notFound(HttpServletResponse response, String detail) throws IOException {
        response.setStatus(404);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\""
                + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }
}
