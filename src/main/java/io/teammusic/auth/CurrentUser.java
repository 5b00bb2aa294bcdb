package io.teammusic.auth;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** Who is calling, whatever the credential was (a JWT, a signed URL, a Subsonic app password). */
public record CurrentUser(String id, String username, Role role) {

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** The caller of the current request; fails when the request is anonymous (the filter chain prevents that). */
    public static CurrentUser get() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) {
            throw new IllegalStateException("no authenticated user in this request");
        }
        if (auth.getPrincipal() instanceof CurrentUser cu) {
            return cu;
        }
        if (auth instanceof JwtAuthenticationToken jwtAuth) {
            Jwt jwt = jwtAuth.getToken();
            boolean admin = jwtAuth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN"));
            String name = jwt.getClaimAsString("preferred_username");
            return new CurrentUser(jwt.getSubject(), name == null ? jwt.getSubject() : name,
                    admin ? Role.ADMIN : Role.USER);
        }
        throw new IllegalStateException("unsupported authentication " + auth.getClass().getSimpleName());
    }
}
