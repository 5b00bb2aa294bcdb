package io.teammusic.subsonic;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets Subsonic clients that run in a browser on another origin (web players hosted elsewhere) call {@code /rest}.
 *
 * <p>Any origin may: these requests carry their credentials in their own parameters, never in cookies, so a page
 * on another origin learns nothing it could not ask for with the same parameters itself. The answer is the same
 * whether or not a request has an {@code Origin} header, so a shared cache never hands a copy without the header
 * to a browser that needs it. Preflights (and any other {@code OPTIONS}) are answered here, before
 * authentication, with the methods the API takes.
 */
final class SubsonicCorsFilter extends OncePerRequestFilter {

    static final String METHODS = "GET, POST, HEAD, OPTIONS";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.setHeader("Access-Control-Expose-Headers",
                "Content-Length, Content-Range, Accept-Ranges, ETag, X-Content-Duration");
        if ("OPTIONS".equals(request.getMethod())) {
            response.setHeader("Allow", METHODS);
            response.setHeader("Access-Control-Allow-Methods", METHODS);
            response.setHeader("Access-Control-Allow-Headers", "Content-Type, Range, If-Range, If-None-Match");
            response.setHeader("Access-Control-Max-Age", "86400");
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        chain.doFilter(request, response);
    }
}
