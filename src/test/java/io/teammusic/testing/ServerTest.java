package io.teammusic.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base for tests that talk to a real server over HTTP: a random port, a fresh data dir (SQLite file, blobs, keys)
 * per JVM, and an admin whose password the tests know. Classes that add no properties of their own share one
 * running server, as Spring caches the context.
 *
 * <p>With {@code -Dteammusic.test.database=postgresql} (or the environment variable
 * {@code TEAMMUSIC_TEST_DATABASE=postgresql}) every such server runs on the embedded PostgreSQL instead, each
 * context on a fresh database of its own: {@code ./mvnw test -Dteammusic.test.database=postgresql -Dtest=...}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServerTest {

    public static final String ADMIN_PASSWORD = "admin-test-password";
    private static final AtomicInteger POSTGRES_CONTEXTS = new AtomicInteger();
    private static final Map<Integer, String> ADMIN_TOKENS = new ConcurrentHashMap<>();
    protected static final Path DATA_DIR = newDataDir();

    @LocalServerPort
    protected int port;

    private static Path newDataDir() {
        try {
            return Files.createTempDirectory("teammusic-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void serverProperties(DynamicPropertyRegistry registry) {
        registry.add("teammusic.data-dir", DATA_DIR::toString);
        registry.add("teammusic.admin-password", () -> ADMIN_PASSWORD);
        if (allOnPostgresql()) {
            // Called once per context that Spring builds, so cached contexts never share (or drop) a database.
            EmbeddedPostgresql.register(registry, "server_test_" + POSTGRES_CONTEXTS.incrementAndGet());
        }
    }

    /** True when the run asks for every server on PostgreSQL (see the class comment). */
    public static boolean allOnPostgresql() {
        String wanted = System.getProperty("teammusic.test.database", System.getenv("TEAMMUSIC_TEST_DATABASE"));
        return "postgresql".equalsIgnoreCase(wanted);
    }

    protected Api api() {
        return new Api("http://localhost:" + port);
    }

    protected Api admin() {
        return api().login("admin", ADMIN_PASSWORD);
    }

    /**
     * An admin access token, logged in once per server: a bcrypt check per test would cost more than many tests.
     * Kept per port because a subclass that reruns the tests on another database runs another server. A token with
     * less than {@link #TOKEN_MARGIN} left of its life is replaced, so a test late in a long, slow run (or
     * one that streams for a while) never holds an expired one: with the default 15 minutes, one login in five.
     */
    protected String adminToken() {
        return ADMIN_TOKENS.compute(port, (p, held) -> held != null && !expiresSoon(held) ? held : admin().token());
    }

    static final Duration TOKEN_MARGIN = Duration.ofMinutes(10);

    /** Reads the {@code exp} claim of our own JWT (no signature check: the server made it for this test). */
    private static boolean expiresSoon(String jwt) {
        String[] parts = jwt.split("\\.");
        try {
            JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
            Instant exp = Instant.ofEpochSecond(claims.get("exp").asLong());
            return exp.isBefore(Instant.now().plus(TOKEN_MARGIN));
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }
}
