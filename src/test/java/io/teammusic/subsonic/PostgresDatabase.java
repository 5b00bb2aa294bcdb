package io.teammusic.subsonic;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * An embedded PostgreSQL for running the personal-library and Subsonic tests on the second database the app
 * supports; one server per test JVM, a fresh database per test class.
 */
public final class PostgresDatabase {

    private static EmbeddedPostgres server;

    private PostgresDatabase() {
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
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
                    // The JVM is exiting; nothing else to do with a server that will not stop.
                }
            }));
        }
        return server;
    }

    /** Points the app at a new, empty database {@code name}. */
    public static void register(DynamicPropertyRegistry registry, String name) {
        EmbeddedPostgres pg = server();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + name, e);
        }
        registry.add("spring.datasource.url", () -> pg.getJdbcUrl("postgres", name));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.datasource.hikari.connection-init-sql", () -> "SELECT 1");
    }
}
