package io.teammusic.catalog;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real PostgreSQL 17 per test JVM (zonky's embedded binaries), for running the catalog's repository and search
 * tests on the second database the app supports. Each test class gets its own fresh database in it.
 */
final class Postgres {

    private static EmbeddedPostgres server;

    private Postgres() {
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
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException e) {
                    // The JVM is going away; the temp dir goes with the next run's cleanup.
                }
            }));
        }
        return server;
    }

    /** Points the app at a new, empty database on the embedded server. */
    static void register(DynamicPropertyRegistry registry, String database) {
        EmbeddedPostgres pg = server();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database);
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + database, e);
        }
        registry.add("spring.datasource.url", () -> pg.getJdbcUrl("postgres", database));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.datasource.hikari.connection-init-sql", () -> "SELECT 1");
    }
}
