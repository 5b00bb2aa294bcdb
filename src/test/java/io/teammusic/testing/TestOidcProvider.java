package io.teammusic.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real OpenID Connect provider for the tests (mock-oauth2-server on a random port: discovery, JWKS, an
 * interactive login page, authorization code with PKCE), started once per JVM so that every test class with the
 * same settings shares one Spring context. Its signing key can be rotated, and tests can sign tokens of any shape
 * with the provider's current key.
 */
public final class TestOidcProvider {

    public static final String ISSUER_ID = "tm";
    public static final String CLIENT_ID = "teammusic-web";
    public static final String ROLES_CLAIM = "cognito:groups";
    public static final String ADMIN_GROUP = "teammusic-admins";
    public static final String USER_GROUP = "teammusic-users";

    private static final RotatingKeys KEYS = new RotatingKeys();
    private static final MockOAuth2Server SERVER = start();

    private TestOidcProvider() {
    }

    private static MockOAuth2Server start() {
        // Tokens of the interactive login are for our client, as a provider configured for it would issue them.
        var forOurClient = new DefaultOAuth2TokenCallback(ISSUER_ID, "unused", "JWT", List.of(CLIENT_ID), Map.of(),
                300);
        MockOAuth2Server server = new MockOAuth2Server(new OAuth2Config(true, null, null, false,
                new OAuth2TokenProvider(KEYS), java.util.Set.of(forOurClient)));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown));
        return server;
    }

    public static String issuer() {
        return SERVER.issuerUrl(ISSUER_ID).toString();
    }

    public static MockOAuth2Server server() {
        return SERVER;
    }

    /** The settings of a server that accepts this provider's tokens next to its own. */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("teammusic.auth.issuer-uri", TestOidcProvider::issuer);
        registry.add("teammusic.auth.client-id", () -> CLIENT_ID);
        registry.add("teammusic.auth.roles-claim", () -> ROLES_CLAIM);
        registry.add("teammusic.auth.admin-group", () -> ADMIN_GROUP);
        registry.add("teammusic.auth.user-group", () -> USER_GROUP);
        // Rotation tests fetch the keys again right after the first fetch.
        registry.add("teammusic.auth.jwks-min-refresh-interval", () -> "0s");
    }

    /** A new signing key: tokens signed from now on carry its kid, which the server has not seen. */
    public static void rotateKey() {
        KEYS.rotate();
    }

    public static RSAKey currentKey() {
        return KEYS.current;
    }

    /** Claims of a valid access token for our client, Keycloak-style ({@code aud}), in the given groups. */
    public static JWTClaimsSet.Builder accessToken(String subject, String username, String... groups) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject(subject)
                .audience(CLIENT_ID)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString())
                .claim("preferred_username", username)
                .claim(ROLES_CLAIM, List.of(groups));
    }

    /** Signs claims with the provider's current key (RS256, its kid), as the provider itself would. */
    public static String sign(JWTClaimsSet claims) {
        return sign(claims, KEYS.current);
    }

    public static String sign(JWTClaimsSet claims, RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token issued by the provider itself through its own token code (not signed by the test). */
    public static String providerIssuedToken(String subject, Map<String, Object> claims) {
        return SERVER.issueToken(ISSUER_ID, subject, CLIENT_ID, claims, 300).serialize();
    }

    /** mock-oauth2-server asks its key provider for the key of each issuer; this one has a key that can change. */
    private static final class RotatingKeys extends KeyProvider {
        private volatile RSAKey current = newKey();

        @Override
        public JWK signingKey(String issuerId) {
            return current;
        }

        void rotate() {
            current = newKey();
        }
    }
}
