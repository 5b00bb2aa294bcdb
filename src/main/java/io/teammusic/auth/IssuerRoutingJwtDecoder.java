package io.teammusic.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Sends a token to the decoder of the issuer it names: the external provider's, or our own. The unverified
 * {@code iss} only picks which verifier runs; each verifier checks the issuer again with the signature, so a token
 * that lies about its issuer simply fails the check of the one it claims.
 */
final class IssuerRoutingJwtDecoder implements JwtDecoder {

    private final JwtDecoder local;
    private final OidcJwtDecoder external;

    /** Either may be null (built-in accounts off, or no provider), not both. */
    IssuerRoutingJwtDecoder(JwtDecoder local, OidcJwtDecoder external) {
        if (local == null && external == null) {
            throw new IllegalArgumentException("no token issuer is enabled");
        }
        this.local = local;
        this.external = external;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        if (external != null && external.issuer().equals(unverifiedIssuer(token))) {
            return external.decode(token);
        }
        if (local == null) {
            throw new BadJwtException("The token is not from the configured identity provider");
        }
        return local.decode(token);
    }

    private static String unverifiedIssuer(String token) {
        try {
            JWTClaimsSet claims = JWTParser.parse(token).getJWTClaimsSet();
            return claims == null ? null : claims.getIssuer();
        } catch (ParseException | IllegalArgumentException e) {
            throw new BadJwtException("The token is not a well-formed JWT");
        }
    }
}
