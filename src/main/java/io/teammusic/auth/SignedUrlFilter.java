package io.teammusic.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates GET/HEAD requests to signed paths (the stream endpoint) that carry {@code sig}. A request with a bad,
 * foreign or expired signature is refused with 403 here and never reaches the controller.
 */
final class SignedUrlFilter extends OncePerRequestFilter {

    static final Pattern SIGNABLE = Pattern.compile("/api/tracks/[A-Za-z0-9]{1,64}/stream");

    private final UrlSigner signer;
    private final UserService users;

    SignedUrlFilter(UrlSigner signer, UserService users) {
        this.signer = signer;
        this.users = users;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String m = request.getMethod();
        return request.getParameter(UrlSigner.SIGNATURE) == null
                || !("GET".equals(m) || "HEAD".equals(m))
                || !SIGNABLE.matcher(request.getRequestURI()).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String userId = request.getParameter(UrlSigner.USER);
        boolean valid = signer.verify(request.getRequestURI(), userId, request.getParameter(UrlSigner.EXPIRES),
                request.getParameter(UrlSigner.SIGNATURE), Instant.now());
        Optional<User> user = valid ? users.find(userId).filter(User::enabled) : Optional.empty();
        if (user.isEmpty()) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                    + "\"detail\":\"The signed URL is invalid or has expired; ask for a new one.\"}");
            return;
        }
        var auth = new UsernamePasswordAuthenticationToken(new CurrentUser(user.get().id(), user.get().username(),
                user.get().role()), null, List.of(new SimpleGrantedAuthority(user.get().role().authority())));
        SecurityContextHolder.getContext().setAuthentication(auth);
        chain.doFilter(request, response);
    }
}
