package io.teammusic.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import io.teammusic.testing.Api;
import io.teammusic.testing.ServerTest;
import io.teammusic.testing.TestOidcProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The provider cannot be reached: its tokens get 503 (try again), never 500 or a 401 that ends the session. */
class OidcProviderDownTests extends ServerTest {

    private static final String DEAD_ISSUER = "http://127.0.0.1:" + freePort() + "/realms/gone";

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void deadProvider(DynamicPropertyRegistry registry) {
        registry.add("teammusic.auth.issuer-uri", () -> DEAD_ISSUER);
        registry.add("teammusic.auth.client-id", () -> TestOidcProvider.CLIENT_ID);
    }

    @Test
    void aTokenOfAnUnreachableProviderGets503AndTheServerStillStartsAndServesItsOwnAccounts() {
        Instant now = Instant.now();
        String token = TestOidcProvider.sign(new JWTClaimsSet.Builder().issuer(DEAD_ISSUER).subject("s")
                .audience(TestOidcProvider.CLIENT_ID).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300))).build());

        Api.Response r = api().withToken(token).get("/api/me");

        assertThat(r.status()).as(r.body()).isEqualTo(503);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api().withToken(token).get("/api/me").status()).isEqualTo(503);
        assertThat(admin().get("/api/me").status()).isEqualTo(200);
    }
}
