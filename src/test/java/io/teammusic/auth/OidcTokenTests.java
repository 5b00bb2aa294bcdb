package io.teammusic.auth;

import static io.teammusic.testing.TestOidcProvider.ADMIN_GROUP;
import static io.teammusic.testing.TestOidcProvider.CLIENT_ID;
import static io.teammusic.testing.TestOidcProvider.ROLES_CLAIM;
import static io.teammusic.testing.TestOidcProvider.USER_GROUP;
import static io.teammusic.testing.TestOidcProvider.accessToken;
import static io.teammusic.testing.TestOidcProvider.sign;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.teammusic.testing.Api;
import io.teammusic.testing.ServerTest;
import io.teammusic.testing.TestOidcProvider;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Access tokens of an external OpenID Connect provider (a real one, mock-oauth2-server, with discovery and JWKS)
 * against the real server, next to the built-in accounts.
 */
class OidcTokenTests extends ServerTest {

    @DynamicPropertySource
    static void oidc(DynamicPropertyRegistry registry) {
        TestOidcProvider.register(registry);
    }

    private static String sub() {
        return UUID.randomUUID().toString();
    }

    private Api as(String token) {
        return api().withToken(token);
    }

    private static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aTokenIssuedByTheProviderIsAcceptedAndItsUserCreatedOnFirstRequest() {
        String username = name("alice");
        String token = TestOidcProvider.providerIssuedToken(sub(),
                Map.of("preferred_username", username, ROLES_CLAIM, List.of(USER_GROUP)));

        Api.Response me = as(token).get("/api/me");

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("username").asText()).isEqualTo(username);
        assertThat(me.json().get("role").asText()).isEqualTo("USER");
        JsonNode listed = findUser(admin(), username);
        assertThat(listed).isNotNull();
        assertThat(listed.get("id").asText()).isEqualTo(me.json().get("id").asText());
    }

    @Test
    void laterTokensUpdateTheNameAndTheRoleOfTheSameAccount() {
        String subject = sub();
        String first = name("bob");
        String id = as(sign(accessToken(subject, first, USER_GROUP).build())).get("/api/me").json().get("id")
                .asText();

        String renamed = name("robert");
        JsonNode me = as(sign(accessToken(subject, renamed, ADMIN_GROUP).build())).get("/api/me").json();

        assertThat(me.get("id").asText()).isEqualTo(id);
        assertThat(me.get("username").asText()).isEqualTo(renamed);
        assertThat(me.get("role").asText()).isEqualTo("ADMIN");
        assertThat(findUser(admin(), first)).isNull();
    }

    @Test
    void aProviderUserNamedLikeALocalAccountGetsAnAccountOfTheirOwn() {
        JsonNode me = as(sign(accessToken(sub(), "admin", USER_GROUP).build())).get("/api/me").json();

        assertThat(me.get("username").asText()).startsWith("admin-").isNotEqualTo("admin");
        assertThat(me.get("role").asText()).isEqualTo("USER");
        assertThat(admin().get("/api/me").json().get("role").asText()).isEqualTo("ADMIN");
    }

    @Test
    void theAdminGroupReachesAdminEndpointsAndAListenerGets403There() {
        Api adminByGroup = as(sign(accessToken(sub(), name("ada"), ADMIN_GROUP).build()));
        Api listener = as(sign(accessToken(sub(), name("lin"), USER_GROUP).build()));

        assertThat(adminByGroup.get("/api/users").status()).isEqualTo(200);
        assertThat(listener.get("/api/users").status()).isEqualTo(403);
        assertThat(listener.get("/api/tracks").status()).isEqualTo(200);
    }

    @Test
    void aValidTokenInNoKnownGroupGets403NotAnAccount() {
        String username = name("outsider");
        Api outsider = as(sign(accessToken(sub(), username, "some-other-app").build()));

        Api.Response me = outsider.get("/api/me");

        assertThat(me.status()).isEqualTo(403);
        assertThat(me.header("Content-Type")).startsWith("application/problem+json");
        assertThat(outsider.get("/api/tracks").status()).isEqualTo(403);
        assertThat(outsider.get("/api/tracks/doesnotexist/stream").status()).isEqualTo(403);
        assertThat(findUser(admin(), username)).isNull();
    }

    @Test
    void aTokenFromAnotherIssuerGets401() {
        String token = sign(accessToken(sub(), name("x"), USER_GROUP).issuer("https://evil.example/").build());

        assertUnauthorized(token);
    }

    @Test
    void aTokenForAnotherAudienceGets401() {
        String token = sign(accessToken(sub(), name("x"), USER_GROUP).audience("another-app").build());

        assertUnauthorized(token);
    }

    @Test
    void anExpiredTokenGets401() {
        Instant past = Instant.now().minusSeconds(600);
        String token = sign(accessToken(sub(), name("x"), USER_GROUP).issueTime(Date.from(past.minusSeconds(300)))
                .notBeforeTime(Date.from(past.minusSeconds(300))).expirationTime(Date.from(past)).build());

        assertUnauthorized(token);
    }

    @Test
    void aTokenSignedWithAKeyThatTheProviderDoesNotPublishGets401() {
        String token = sign(accessToken(sub(), name("x"), USER_GROUP).build(), TestOidcProvider.newKey());

        assertUnauthorized(token);
    }

    @Test
    void anUnsignedTokenWithAlgNoneGets401() {
        String token = new PlainJWT(accessToken(sub(), name("x"), ADMIN_GROUP).build()).serialize();

        assertUnauthorized(token);
    }

    @Test
    void anHmacTokenSignedWithTheProvidersPublicKeyAsSecretGets401() throws JOSEException {
        byte[] publicKey = TestOidcProvider.currentKey().toRSAPublicKey().getEncoded();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
                .keyID(TestOidcProvider.currentKey().getKeyID()).build(),
                accessToken(sub(), name("x"), ADMIN_GROUP).build());
        forged.sign(new MACSigner(publicKey));

        assertUnauthorized(forged.serialize());
    }

    @Test
    void aRotatedProviderKeyIsFetchedWhenATokenNamesItsNewKid() {
        Api before = as(sign(accessToken(sub(), name("rot"), USER_GROUP).build()));
        assertThat(before.get("/api/me").status()).isEqualTo(200);

        TestOidcProvider.rotateKey();
        Api after = as(sign(accessToken(sub(), name("rot"), USER_GROUP).build()));

        assertThat(after.get("/api/me").status()).isEqualTo(200);
    }

    @Test
    void aCognitoAccessTokenWithClientIdInsteadOfAudiencePasses() {
        String username = name("cognito");
        JWTClaimsSet claims = cognito(username, "access");

        Api.Response me = as(sign(claims)).get("/api/me");

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("username").asText()).isEqualTo(username);
        assertThat(me.json().get("role").asText()).isEqualTo("ADMIN");
    }

    @Test
    void aCognitoIdTokenIsRefusedByTheApi() {
        JWTClaimsSet idToken = new JWTClaimsSet.Builder(cognito(name("cognito"), "id")).audience(CLIENT_ID)
                .claim("client_id", null).build();

        assertUnauthorized(sign(idToken));
    }

    /** The shape of a Cognito user pool access token: no aud, client_id, token_use, username, cognito:groups. */
    private static JWTClaimsSet cognito(String username, String tokenUse) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(TestOidcProvider.issuer())
                .subject(sub())
                .claim("client_id", CLIENT_ID)
                .claim("token_use", tokenUse)
                .claim("scope", "openid profile")
                .claim("auth_time", now.getEpochSecond())
                .claim("username", username)
                .claim(ROLES_CLAIM, List.of(ADMIN_GROUP))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)))
                .jwtID(UUID.randomUUID().toString())
                .build();
    }

    @Test
    void ourOwnTokensKeepWorkingNextToTheProvidersAndTheConfigEndpointIsPublic() {
        assertThat(admin().get("/api/me").status()).isEqualTo(200);

        JsonNode config = api().get("/api/auth/config").json();

        assertThat(config.get("localLogin").asBoolean()).isTrue();
        assertThat(config.get("oidc").get("issuer").asText()).isEqualTo(TestOidcProvider.issuer());
        assertThat(config.get("oidc").get("clientId").asText()).isEqualTo(CLIENT_ID);
        assertThat(config.get("oidc").get("scopes").asText()).isEqualTo("openid profile email");
    }

    @Test
    void everythingThatKeysOnTheUserWorksForAProviderUser() {
        String username = name("carol");
        Api carol = as(sign(accessToken(sub(), username, USER_GROUP).build()));

        Api.Response playlist = carol.post("/api/playlists", Map.of("name", "Carol's"));
        assertThat(playlist.status()).isEqualTo(201);
        assertThat(carol.get("/api/playlists").json().toString()).contains("Carol's");

        Api.Response appPassword = carol.post("/api/app-passwords", Map.of("name", "phone"));
        assertThat(appPassword.status()).isEqualTo(201);
        String secret = appPassword.json().get("secret").asText();
        JsonNode ping = api().get("/rest/ping?u=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&p="
                + secret + "&v=1.16.1&c=test&f=json").json().get("subsonic-response");
        assertThat(ping.get("status").asText()).isEqualTo("ok");
    }

    @Test
    void disablingAProviderUserRefusesTheirValidTokenAtOnce() {
        String username = name("dave");
        Api dave = as(sign(accessToken(sub(), username, USER_GROUP).build()));
        String id = dave.get("/api/me").json().get("id").asText();

        assertThat(admin().patch("/api/users/" + id, Map.of("enabled", false)).status()).isEqualTo(200);

        assertThat(dave.get("/api/me").status()).isEqualTo(401);
        assertThat(dave.get("/api/tracks/doesnotexist/stream").status()).isEqualTo(401);
    }

    @Test
    void theStreamFastPathAcceptsProviderTokens() {
        Api erin = as(sign(accessToken(sub(), name("erin"), USER_GROUP).build()));

        // Past authentication, the unknown track is a 404; an unauthenticated request would be a 401.
        assertThat(erin.get("/api/tracks/doesnotexist/stream").status()).isEqualTo(404);
        assertThat(api().get("/api/tracks/doesnotexist/stream").status()).isEqualTo(401);
    }

    private void assertUnauthorized(String token) {
        Api.Response r = as(token).get("/api/me");
        assertThat(r.status()).as(r.body()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(r.body()).doesNotContain(token);
    }

    private static JsonNode findUser(Api admin, String username) {
        for (JsonNode u : admin.get("/api/users").json()) {
            if (u.get("username").asText().equals(username)) {
                return u;
            }
        }
        return null;
    }
}
