package io.teammusic.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base for tests that talk to a real server over HTTP: a random port, a fresh data dir (SQLite file, blobs, keys)
 * per JVM, and an admin whose password the tests know. Classes that add no properties of their own share one
 * running server, as Spring caches the context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServerTest {

    public static final String ADMIN_PASSWORD = "admin-test-password";
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
    }

    protected Api api() {
        return new Api("http://localhost:" + port);
    }

    protected Api admin() {
        return api().login("admin", ADMIN_PASSWORD);
    }
}
