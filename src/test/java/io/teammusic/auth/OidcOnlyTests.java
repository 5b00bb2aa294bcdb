package io.teammusic.auth;

import static io.teammusic.testing.TestOidcProvider.ADMIN_GROUP;
import static io.teammusic.testing.TestOidcProvider.accessToken;
import static io.teammusic.testing.TestOidcProvider.sign;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.teammusic.testing.Api;
import io.teammusic.testing.ServerTest;
import io.teammusic.testing.TestOidcProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Built-in accounts switched off: only the provider's tokens open the API. Not a {@link ServerTest}: this server
 * has a data dir of its own, so that "no admin account was created" is about it alone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OidcOnlyTests {

    private static final Path OWN_DATA_DIR = newDir();

    @LocalServerPort
    int port;

    private Api api() {
        return new Api("http://localhost:" + port);
    }

    private static Path newDir() {
        try {
            return Files.createTempDirectory("teammusic-oidc-only-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void oidcOnly(DynamicPropertyRegistry registry) {
        TestOidcProvider.register(registry);
        registry.add("teammusic.auth.local-login-enabled", () -> "false");
        registry.add("teammusic.data-dir", OWN_DATA_DIR::toString);
        registry.add("teammusic.admin-password", () -> ServerTest.ADMIN_PASSWORD);
    }

    @Test
    void passwordLoginAndRefreshAnswerAClearErrorAndNoAdminAccountWasCreated() {
        Api.Response login = api().post("/api/auth/login",
                Map.of("username", "admin", "password", ServerTest.ADMIN_PASSWORD));
        Api.Response refresh = api().post("/api/auth/refresh", Map.of("refreshToken", "anything"));

        assertThat(login.status()).isEqualTo(403);
        assertThat(login.json().get("detail").asText()).contains("identity provider");
        assertThat(refresh.status()).isEqualTo(403);
        Api admin = api().withToken(sign(accessToken(UUID.randomUUID().toString(), "boss", ADMIN_GROUP).build()));
        List<String> names = new ArrayList<>();
        for (JsonNode u : admin.get("/api/users").json()) {
            names.add(u.get("username").asText());
        }
        assertThat(names).containsExactly("boss");
    }

    @Test
    void aTokenSignedWithOurOwnKeyIsNoLongerAccepted() throws Exception {
        RSAKey ours = RSAKey.parse(Files.readString(OWN_DATA_DIR.resolve("keys/jwt-signing-key.json")));
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("teammusic").subject("someone")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("preferred_username", "someone").claim("roles", List.of("ADMIN")).build();

        Api.Response r = api().withToken(TestOidcProvider.sign(claims, ours)).get("/api/users");

        assertThat(r.status()).isEqualTo(401);
    }

    @Test
    void theConfigEndpointTellsTheWebAppThatOnlyTheProviderLogsIn() {
        JsonNode config = api().get("/api/auth/config").json();

        assertThat(config.get("localLogin").asBoolean()).isFalse();
        assertThat(config.get("oidc").get("issuer").asText()).isEqualTo(TestOidcProvider.issuer());
    }
}
