package io.teammusic.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.teammusic.testing.Api;
import io.teammusic.testing.ServerTest;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/** With the request-handling loggers at their most verbose, credentials still never reach the log. */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {
    "logging.level.org.springframework.security=TRACE",
    "logging.level.org.springframework.web=TRACE",
    "logging.level.org.eclipse.jetty.server=DEBUG",
    "logging.level.io.teammusic=TRACE"})
@org.springframework.test.annotation.DirtiesContext
class NoSecretsInLogsTests extends ServerTest {

    private static final String[] VERBOSE = {"org.springframework.security", "org.springframework.web",
        "org.eclipse.jetty.server", "io.teammusic"};

    /** Levels are global to the JVM: put them back, or every later test class runs at TRACE. */
    @org.junit.jupiter.api.AfterAll
    static void restoreLogLevels() {
        var logging = org.springframework.boot.logging.LoggingSystem.get(NoSecretsInLogsTests.class.getClassLoader());
        for (String name : VERBOSE) {
            logging.setLogLevel(name, null);
        }
    }

    @Autowired
    UrlSigner signer;

    @Test
    void passwordsTokensAndSignaturesAreNeverLogged(CapturedOutput output) {
        String password = "very-secret-password-" + System.nanoTime();
        admin().post("/api/users", Map.of("username", "logcheck" + System.nanoTime(), "password", password));
        api().post("/api/auth/login", Map.of("username", "admin", "password", "wrong-" + password));
        // A long body makes Jetty's DEBUG buffer dump elide its middle, field names included.
        api().post("/api/auth/login", new java.util.LinkedHashMap<>(Map.of("username", "admin",
                "padding", "x".repeat(200), "password", password)));
        JsonNode login = api().post("/api/auth/login", Map.of("username", "admin", "password", ADMIN_PASSWORD))
                .json();
        String access = login.get("accessToken").asText();
        String refresh = login.get("refreshToken").asText();
        api().withToken(access).get("/api/me");
        api().withToken(access).get("/api/users");
        JsonNode refreshed = api().post("/api/auth/refresh", Map.of("refreshToken", refresh)).json();
        String adminId = api().withToken(access).get("/api/me").json().get("id").asText();
        String query = signer.sign("/api/tracks/abc/stream", adminId, Instant.now().plusSeconds(60));
        String sig = query.substring(query.indexOf("sig=") + 4);
        api().get("/api/tracks/abc/stream?" + query);

        String log = output.getAll();
        assertThat(log).as("the verbose loggers did log the requests").contains("/api/me");
        assertThat(log).doesNotContain(password, ADMIN_PASSWORD, access, refresh,
                refreshed.get("refreshToken").asText(), refreshed.get("accessToken").asText(), sig);
    }
}
