package io.teammusic.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real PostgreSQL 17 per test JVM (zonky's embedded binaries), started on first use and stopped at exit, for
 * running tests on the second database the app supports. Each test class asks for its own fresh database in it:
 * <pre>
 * &#64;DynamicPropertySource
 * static void postgres(DynamicPropertyRegistry registry) {
 *     EmbeddedPostgresql.register(registry, "my_tests");
 * }
 * </pre>
 * Code that starts apps itself (several nodes on one database) takes {@link #createDatabase} and
 * {@link #properties} instead.
 */
public final class EmbeddedPostgresql {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static EmbeddedPostgres server;

    private EmbeddedPostgresql() {
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                // pg_trgm makes trigrams only of what the ctype calls alphanumeric: a UTF-8 locale, never plain C,
                // or Thai and Japanese names get none.
                server = EmbeddedPostgres.builder().setLocaleConfig("locale", "C.UTF-8")
                        .setLocaleConfig("encoding", "UTF8").start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    // The JVM is exiting; the temp dir goes with the next run's cleanup.
                }
            }));
        }
        return server;
    }

    /**
     * Drops and creates the database {@code name} (lower case letters, digits, underscores) and returns its JDBC URL
     * (user {@code postgres}, empty password).
     */
    public static String createDatabase(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database name must match " + NAME + ": " + name);
        }
        EmbeddedPostgres pg = server();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + name, e);
        }
        return pg.getJdbcUrl("postgres", name);
    }

    /** The Spring properties that point an app at {@code jdbcUrl} from {@link #createDatabase}. */
    public static Map<String, String> properties(String jdbcUrl) {
        return Map.of(
                "spring.datasource.url", jdbcUrl,
                "spring.datasource.username", "postgres",
                "spring.datasource.password", "",
                "spring.datasource.hikari.connection-init-sql", "SELECT 1");
    }

    /** Points the app of the test class at a new, empty database {@code name} on the shared server. */
    public static void register(DynamicPropertyRegistry registry, String name) {
        String url = createDatabase(name);
        properties(url).forEach((key, value) -> registry.add(key, () -> value));
    }
}
