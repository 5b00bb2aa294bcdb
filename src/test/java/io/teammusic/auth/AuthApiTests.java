package io.teammusic.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.teammusic.testing.Api;
import io.teammusic.testing.ServerTest;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthApiTests extends ServerTest {

    @org.springframework.beans.factory.annotation.Autowired
    LoginThrottle throttle;

    @Test
    void loginReturnsSignedAccessTokenAndRefreshToken() {
        Api.Response r = api().post("/api/auth/login", Map.of("username", "admin", "password", ADMIN_PASSWORD));

        assertThat(r.status()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("tokenType").asText()).isEqualTo("Bearer");
        assertThat(body.get("expiresIn").asLong()).isEqualTo(15 * 60);
        assertThat(body.get("refreshToken").asText()).hasSizeGreaterThan(30);
        String header = new String(Base64.getUrlDecoder().decode(body.get("accessToken").asText().split("\\.")[0]));
        assertThat(header).contains("\"alg\":\"RS256\"").contains("\"kid\"");
        assertThat(body.get("user").get("role").asText()).isEqualTo("ADMIN");
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSame401() {
        Api.Response wrong = api().post("/api/auth/login", Map.of("username", "admin", "password", "nope-nope"));
        Api.Response unknown = api().post("/api/auth/login", Map.of("username", "ghost", "password", "nope-nope"));

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.header("Content-Type")).startsWith("application/problem+json");
        assertThat(wrong.json().get("detail")).isEqualTo(unknown.json().get("detail"));
    }

    @Test
    void repeatedFailuresAreSlowedDown() {
        Api a = api();
        String name = "throttled-" + System.nanoTime();
        for (int i = 0; i < LoginThrottle.FREE_ATTEMPTS; i++) {
            a.post("/api/auth/login", Map.of("username", name, "password", "wrong-password"));
        }
        long start = System.nanoTime();
        Api.Response r = a.post("/api/auth/login", Map.of("username", name, "password", "wrong-password"));
        long ms = (System.nanoTime() - start) / 1_000_000;

        assertThat(r.status()).isEqualTo(401);
        assertThat(ms).isGreaterThanOrEqualTo(LoginThrottle.BASE_DELAY_MS);
    }

    @Test
    void aCorrectLoginIsNotSlowedByAnotherUsersFailuresFromTheSameAddress() {
        Api a = api();
        for (int i = 0; i < LoginThrottle.FREE_ATTEMPTS_PER_ADDRESS + 2; i++) {
            a.post("/api/auth/login", Map.of("username", "typo-" + i + "-" + System.nanoTime(), "password", "x"));
        }
        assertThat(throttle.delayFor("admin", "127.0.0.1")).as("the address is being throttled").isPositive();

        a.login("admin", ADMIN_PASSWORD);

        assertThat(throttle.delayFor("admin", "127.0.0.1")).isZero();
    }

    @Test
    void unknownPathsAnswerProblemJson() {
        Api.Response r = admin().get("/api/tracks/x.mp3/stream");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("status").asInt()).isEqualTo(404);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("trace");
    }

    @Test
    void refreshRotatesTheTokenAndReuseRevokesTheFamily() {
        JsonNode first = api().post("/api/auth/login", Map.of("username", "admin", "password", ADMIN_PASSWORD)).json();
        String r1 = first.get("refreshToken").asText();

        Api.Response second = api().post("/api/auth/refresh", Map.of("refreshToken", r1));
        assertThat(second.status()).isEqualTo(200);
        String r2 = second.json().get("refreshToken").asText();
        assertThat(r2).isNotEqualTo(r1);

        // r1 presented again: theft is assumed, so r2 dies with it.
        assertThat(api().post("/api/auth/refresh", Map.of("refreshToken", r1)).status()).isEqualTo(401);
        assertThat(api().post("/api/auth/refresh", Map.of("refreshToken", r2)).status()).isEqualTo(401);
    }

    @Test
    void logoutRevokesTheRefreshToken() {
        String refresh = api().post("/api/auth/login", Map.of("username", "admin", "password", ADMIN_PASSWORD))
                .json().get("refreshToken").asText();

        assertThat(api().post("/api/auth/logout", Map.of("refreshToken", refresh)).status()).isEqualTo(204);
        assertThat(api().post("/api/auth/refresh", Map.of("refreshToken", refresh)).status()).isEqualTo(401);
    }

    @Test
    void apiNeedsAValidToken() {
        assertThat(api().get("/api/me").status()).isEqualTo(401);
        assertThat(api().withToken("not.a.jwt").get("/api/me").status()).isEqualTo(401);
        assertThat(admin().get("/api/me").json().get("username").asText()).isEqualTo("admin");
    }

    @Test
    void tokenSignedByAnotherKeyIsRefused() throws Exception {
        var other = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID("evil").generate();
        var claims = new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer("teammusic").subject("x")
                .claim("roles", java.util.List.of("ADMIN"))
                .expirationTime(new java.util.Date(System.currentTimeMillis() + 60_000)).build();
        var jwt = new com.nimbusds.jwt.SignedJWT(new com.nimbusds.jose.JWSHeader.Builder(
                com.nimbusds.jose.JWSAlgorithm.RS256).keyID("evil").build(), claims);
        jwt.sign(new com.nimbusds.jose.crypto.RSASSASigner(other));

        assertThat(api().withToken(jwt.serialize()).get("/api/users").status()).isEqualTo(401);
    }

    @Test
    void jwksPublishesOnlyThePublicKey() {
        Api.Response r = api().get("/.well-known/jwks.json");

        assertThat(r.status()).isEqualTo(200);
        JsonNode key = r.json().get("keys").get(0);
        assertThat(key.get("kty").asText()).isEqualTo("RSA");
        assertThat(key.has("n")).isTrue();
        assertThat(key.has("d")).as("private exponent must not be published").isFalse();
    }

    @Test
    void healthIsOpen() {
        assertThat(api().get("/actuator/health").status()).isEqualTo(200);
    }

    @Test
    void theLoginConfigNeedsNoTokenForHeadEither() {
        Api.Response head = api().send(api().request("/api/auth/config")
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.bytes()).isEmpty();
    }
}
