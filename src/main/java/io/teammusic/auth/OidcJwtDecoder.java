package io.teammusic.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Verifies access tokens of the external OpenID Connect provider and turns them into tokens of a local account.
 *
 * <p>Verification: the signature with the provider's published keys (found by discovery; an unknown key id makes
 * us fetch them again, at most once per {@code jwksMinRefreshInterval}), asymmetric algorithms only (so neither
 * {@code alg: none} nor an HMAC "signed" with the public key can pass), the exact issuer, expiry with a small
 * clock skew, the audience ({@code aud} or Cognito's {@code client_id}) and, where the provider says what kind of
 * token it is ({@code token_use} of Cognito, {@code typ} of Keycloak), that it is an access token.
 *
 * <p>The returned {@link Jwt} is the provider's, with {@code sub} replaced by our user id and {@code roles} and
 * {@code preferred_username} by the local account's, so that everything downstream (the roles converter, the
 * disabled check, {@link CurrentUser}, the stream fast path) treats it like one of our own tokens. A valid token
 * that names none of our groups (with {@code default-role: NONE}) gets an empty role list and a subject that is
 * no user id: it authenticates, and every route answers 403.
 */
final class OidcJwtDecoder implements JwtDecoder {

    private static final Logger log = LoggerFactory.getLogger(OidcJwtDecoder.class);

    /** Marks the tokens of people in none of our groups; see {@link SecurityConfiguration}. */
    static final String NO_ACCESS_CLAIM = "teammusic_no_access";
    /** Never a user id, which is alphanumeric. */
    private static final String NO_ACCESS_SUBJECT_PREFIX = "!";
    private static final Duration DISCOVERY_RETRY = Duration.ofSeconds(10);
    private static final Set<String> NOT_ACCESS_TOKEN_TYPES = Set.of("id", "refresh", "logout", "offline");

    private final OidcProperties props;
    private final OidcUsers users;
    private final ResourceRetriever http = new DefaultResourceRetriever(5_000, 5_000, 512 * 1024);
    private volatile JwtDecoder verifier;
    private volatile long discoveryFailedAt;

    OidcJwtDecoder(OidcProperties props, OidcUsers users) {
        this.props = props;
        this.users = users;
    }

    String issuer() {
        return props.issuerUri();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = verifier().decode(token);
        Role role = roleOf(jwt);
        if (role == null) {
            return rewrite(jwt, NO_ACCESS_SUBJECT_PREFIX + jwt.getSubject(), displayName(jwt), List.of(), true);
        }
        User u = users.signIn(props.issuerUri(), jwt.getSubject(), displayName(jwt), role);
        return rewrite(jwt, u.id(), u.username(), List.of(u.role().name()), false);
    }

    private static Jwt rewrite(Jwt jwt, String subject, String name, List<String> roles, boolean noAccess) {
        Map<String, Object> claims = new LinkedHashMap<>(jwt.getClaims());
        claims.put("provider_sub", jwt.getSubject());
        claims.put("sub", subject);
        claims.put("preferred_username", name);
        claims.put("roles", roles);
        claims.remove(NO_ACCESS_CLAIM);
        if (noAccess) {
            claims.put(NO_ACCESS_CLAIM, true);
        }
        return new Jwt(jwt.getTokenValue(), jwt.getIssuedAt(), jwt.getExpiresAt(), jwt.getHeaders(), claims);
    }

    /** ADMIN, USER, or null for no access, from the configured claim. */
    Role roleOf(Jwt jwt) {
        List<String> groups = groups(jwt.getClaims(), props.rolesClaim());
        if (groups.contains(trimSlash(props.adminGroup()))) {
            return Role.ADMIN;
        }
        if (groups.contains(trimSlash(props.userGroup())) || props.defaultRole() == OidcProperties.DefaultRole.USER) {
            return Role.USER;
        }
        return null;
    }

    /**
     * The group names in a claim: a list, or one string of names separated by spaces or commas. The claim is
     * looked up by its full name first (some providers use URLs as claim names), then as a dotted path.
     */
    static List<String> groups(Map<String, Object> claims, String claim) {
        Object value = claims.get(claim);
        if (value == null && claim.contains(".")) {
            Object current = claims;
            for (String part : claim.split("\\.")) {
                current = current instanceof Map<?, ?> m ? m.get(part) : null;
            }
            value = current;
        }
        List<String> out = new ArrayList<>();
        if (value instanceof Collection<?> list) {
            list.stream().filter(Objects::nonNull).forEach(v -> out.add(trimSlash(v.toString())));
        } else if (value instanceof String s && !s.isBlank()) {
            for (String v : s.strip().split("[\\s,]+")) {
                out.add(trimSlash(v));
            }
        }
        return out;
    }

    /** Keycloak's "full group path" option sends {@code /teammusic-admins}. */
    private static String trimSlash(String group) {
        return group.startsWith("/") ? group.substring(1) : group;
    }

    /** Keycloak and most providers send preferred_username; Cognito access tokens only {@code username}. */
    private static String displayName(Jwt jwt) {
        for (String claim : List.of("preferred_username", "email", "username", "cognito:username")) {
            String v = jwt.getClaimAsString(claim);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return jwt.getSubject();
    }

    private JwtDecoder verifier() {
        JwtDecoder v = verifier;
        if (v != null) {
            return v;
        }
        synchronized (this) {
            if (verifier != null) {
                return verifier;
            }
            // While the provider is unreachable, every request would otherwise wait for its own discovery attempt.
            if (System.currentTimeMillis() - discoveryFailedAt < DISCOVERY_RETRY.toMillis()) {
                throw new JwtException("The identity provider's discovery document is not available yet");
            }
            try {
                verifier = build(jwksUri());
                return verifier;
            } catch (IOException | ParseException | RuntimeException e) {
                discoveryFailedAt = System.currentTimeMillis();
                log.warn("Cannot read the OpenID configuration of {}: {}; retrying in {} s", props.issuerUri(),
                        e.toString(), DISCOVERY_RETRY.toSeconds());
                throw new JwtException("The identity provider's discovery document is not available", e);
            }
        }
    }

    /** The jwks_uri from discovery, after checking the document is the configured issuer's. */
    private URL jwksUri() throws IOException, ParseException {
        String issuer = props.issuerUri();
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        URL discovery = URI.create(base + "/.well-known/openid-configuration").toURL();
        Map<String, Object> doc = JSONObjectUtils.parse(http.retrieveResource(discovery).getContent());
        if (!issuer.equals(doc.get("issuer"))) {
            throw new IllegalStateException("the discovery document names issuer " + doc.get("issuer")
                    + ", not the configured " + issuer);
        }
        Object jwks = doc.get("jwks_uri");
        if (!(jwks instanceof String s)) {
            throw new IllegalStateException("the discovery document has no jwks_uri");
        }
        log.info("Accepting tokens of {} (keys from {})", issuer, s);
        return URI.create(s).toURL();
    }

    private JwtDecoder build(URL jwksUri) {
        JWKSourceBuilder<SecurityContext> keys = JWKSourceBuilder.create(jwksUri, http).retrying(true);
        long minRefresh = props.jwksMinRefreshInterval().toMillis();
        keys = minRefresh > 0 ? keys.rateLimited(minRefresh) : keys.rateLimited(false);
        JWKSource<SecurityContext> source = keys.build();
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(source)
                .jwsAlgorithms(algs -> algs.addAll(List.of(SignatureAlgorithm.RS256, SignatureAlgorithm.RS384,
                        SignatureAlgorithm.RS512, SignatureAlgorithm.PS256, SignatureAlgorithm.PS384,
                        SignatureAlgorithm.PS512, SignatureAlgorithm.ES256, SignatureAlgorithm.ES384,
                        SignatureAlgorithm.ES512)))
                .jwtProcessorCustomizer(p -> p.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(
                        JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), new JOSEObjectType("application/at+jwt"),
                        null)))
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.of(
                new JwtTimestampValidator(props.clockSkew()),
                new JwtIssuerValidator(props.issuerUri()),
                OidcJwtDecoder::requireSubjectAndExpiry,
                this::audience,
                OidcJwtDecoder::accessTokenOnly)));
        return decoder;
    }

    private static OAuth2TokenValidatorResult requireSubjectAndExpiry(Jwt jwt) {
        if (jwt.getSubject() == null || jwt.getSubject().isBlank() || jwt.getExpiresAt() == null) {
            return invalid("The token has no subject or no expiry");
        }
        return OAuth2TokenValidatorResult.success();
    }

    private OAuth2TokenValidatorResult audience(Jwt jwt) {
        List<String> aud = jwt.getAudience();
        if ((aud != null && aud.contains(props.clientId())) || props.clientId().equals(jwt.getClaimAsString(
                "client_id"))) {
            return OAuth2TokenValidatorResult.success();
        }
        return invalid("The token was not issued for this application");
    }

    private static OAuth2TokenValidatorResult accessTokenOnly(Jwt jwt) {
        String use = jwt.getClaimAsString("token_use");
        if (use != null && !"access".equals(use)) {
            return invalid("Only access tokens are accepted");
        }
        String typ = jwt.getClaimAsString("typ");
        if (typ != null && NOT_ACCESS_TOKEN_TYPES.contains(typ.toLowerCase(java.util.Locale.ROOT))) {
            return invalid("Only access tokens are accepted");
        }
        return OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult invalid(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", description, null));
    }
}
