package io.teammusic.streaming;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Spring Security's bearer token lookup with its well-formed case checked by a loop: the default matches the whole
 * token against a case-insensitive regular expression on every request, which costs more than verifying the
 * (cached) token. Anything that is not a well-formed {@code Authorization: Bearer} header goes to the default
 * resolver, so absent, malformed and duplicate tokens get exactly the answers they got before.
 */
final class FastBearerTokenResolver implements BearerTokenResolver {

    private static final String PREFIX = "Bearer ";

    private final BearerTokenResolver fallback = new DefaultBearerTokenResolver();

    @Override
    public String resolve(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                && isB64Token(header, PREFIX.length())) {
            return header.substring(PREFIX.length());
        }
        return fallback.resolve(request);
    }

    /** RFC 6750 {@code b64token}: {@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}. */
    static boolean isB64Token(String s, int from) {
        int i = from;
        int n = s.length();
        while (i < n && isTokenChar(s.charAt(i))) {
            i++;
        }
        if (i == from) {
            return false;
        }
        while (i < n && s.charAt(i) == '=') {
            i++;
        }
        return i == n;
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                || c == '_' || c == '~' || c == '+' || c == '/';
    }
}
