package io.teammusic.subsonic;

import io.teammusic.auth.AppPasswordService;
import io.teammusic.auth.CurrentUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates every {@code /rest} request by its Subsonic parameters (the security chain lets /rest through
 * untouched): {@code apiKey}, {@code u}+{@code t}+{@code s}, or {@code u}+{@code p}, all checked against the
 * user's app passwords. A refused request is answered here with a Subsonic error and reaches no handler.
 */
final class SubsonicAuthFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(SubsonicAuthFilter.class);
    /** Methods a client calls before it has credentials (OpenSubsonic requires this one to be public). */
    private static final List<String> PUBLIC_METHODS = List.of("getOpenSubsonicExtensions");

    private final AppPasswordService passwords;
    private final SubsonicWriter writer;

    SubsonicAuthFilter(AppPasswordService passwords, SubsonicWriter writer) {
        this.passwords = passwords;
        this.writer = writer;
    }

    /**
     * Jetty parses the query string and a form body on the first parameter read and refuses bytes that are not
     * percent-encoded UTF-8 ({@code u=%ff}) with an exception; an app expects a Subsonic error, not a problem JSON.
     */
    private static boolean parametersReadable(HttpServletRequest request) {
        try {
            request.getParameterMap();
            return true;
        } catch (RuntimeException e) {
            if (e instanceof org.eclipse.jetty.http.HttpException) {
                return false;
            }
            throw e;
        }
    }

    /** The request as the error writer sees it when its parameters cannot be read: none, so the answer is XML. */
    private static HttpServletRequest withoutParameters(HttpServletRequest request) {
        return new jakarta.servlet.http.HttpServletRequestWrapper(request) {
            @Override
            public String getParameter(String name) {
                return null;
            }
        };
    }

    @Override
    protected void doFilterInternal(HttpServletRequest original, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpServletRequest request = SubsonicRequests.withoutViewSuffix(original);
        if (!parametersReadable(request)) {
            log.debug("Subsonic request refused: its parameters are not valid percent-encoded UTF-8");
            writer.write(response, writer.renderError(withoutParameters(request), SubsonicException.GENERIC,
                    "The parameters are not valid percent-encoded UTF-8."), 200);
            return;
        }
        if (PUBLIC_METHODS.contains(SubsonicRequests.method(request))) {
            chain.doFilter(request, response);
            return;
        }
        CurrentUser user;
        try {
            user = authenticate(request);
        } catch (SubsonicException e) {
            log.debug("Subsonic request refused with code {}: {}", e.code(), SubsonicRequests.describe(request));
            writer.write(response, writer.renderError(request, e.code(), e.getMessage()), 200);
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new UsernamePasswordAuthenticationToken(user, null,
                List.of(new SimpleGrantedAuthority(user.role().authority()))));
        SecurityContextHolder.setContext(context);
        if (log.isDebugEnabled()) {
            log.debug("Subsonic {} by {}", SubsonicRequests.describe(request), user.username());
        }
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private CurrentUser authenticate(HttpServletRequest request) {
        String apiKey = request.getParameter("apiKey");
        String u = request.getParameter("u");
        String p = request.getParameter("p");
        String t = request.getParameter("t");
        String s = request.getParameter("s");
        String address = request.getRemoteAddr();
        Optional<CurrentUser> user;
        if (apiKey != null) {
            if (u != null || p != null || t != null || s != null) {
                throw new SubsonicException(SubsonicException.CONFLICTING_AUTH,
                        "apiKey must not be combined with u, p, t or s.");
            }
            user = passwords.authenticateApiKey(apiKey, address);
            return user.orElseThrow(() -> new SubsonicException(SubsonicException.INVALID_API_KEY,
                    "Invalid API key."));
        }
        if (u == null) {
            throw SubsonicException.missing("u (or apiKey)");
        }
        if (t != null || s != null) {
            if (t == null || s == null) {
                throw SubsonicException.missing(t == null ? "t" : "s");
            }
            user = passwords.authenticateToken(u, t, s, address);
        } else if (p != null) {
            user = decodePassword(p).flatMap(clear -> passwords.authenticatePassword(u, clear, address));
        } else {
            throw SubsonicException.missing("p, t and s, or apiKey");
        }
        return user.orElseThrow(() -> new SubsonicException(SubsonicException.WRONG_CREDENTIALS,
                "Wrong username or password."));
    }

    /** {@code p} is the password in clear or {@code enc:} + hex of its UTF-8 bytes. */
    static Optional<String> decodePassword(String p) {
        if (!p.startsWith("enc:")) {
            return Optional.of(p);
        }
        try {
            return Optional.of(new String(HexFormat.of().parseHex(p.substring(4)), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
