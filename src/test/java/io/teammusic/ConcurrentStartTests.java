package io.teammusic;

import static org.assertj.core.api.Assertions.assertThat;

import io.teammusic.testing.EmbeddedPostgresql;
import io.teammusic.testing.ServerTest;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Nodes of one deployment start together on a new, empty PostgreSQL database (a rolling first deploy, an
 * autoscaler starting two at once): Flyway's lock on PostgreSQL lets one of them migrate while the other waits,
 * and both come up.
 */
class ConcurrentStartTests {

    @Test
    void twoNodesStartingAtOnceOnAnEmptyDatabaseBothComeUpAndMigrateOnce() throws Exception {
        String url = EmbeddedPostgresql.createDatabase("concurrent_start");
        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<ConfigurableApplicationContext>> nodes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String dataDir = Files.createTempDirectory("teammusic-node-").toString();
            nodes.add(CompletableFuture.supplyAsync(() -> {
                try {
                    together.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                // As arguments, not builder properties: those are defaults, below application.yml.
                List<String> args = new ArrayList<>(List.of("--server.port=0", "--teammusic.data-dir=" + dataDir,
                        "--teammusic.admin-password=" + ServerTest.ADMIN_PASSWORD));
                EmbeddedPostgresql.properties(url).forEach((k, v) -> args.add("--" + k + "=" + v));
                return new SpringApplicationBuilder(TeammusicApplication.class).run(args.toArray(String[]::new));
            }));
        }
        try {
            for (CompletableFuture<ConfigurableApplicationContext> node : nodes) {
                assertThat(node.join().isActive()).isTrue();
            }
            try (Connection c = DriverManager.getConnection(url, "postgres", "");
                    Statement s = c.createStatement()) {
                ResultSet twice = s.executeQuery("SELECT version, COUNT(*) FROM flyway_schema_history"
                        + " WHERE version IS NOT NULL GROUP BY version HAVING COUNT(*) > 1");
                assertThat(twice.next()).as("a migration recorded twice").isFalse();
                ResultSet failed = s.executeQuery("SELECT COUNT(*) FROM flyway_schema_history WHERE NOT success");
                failed.next();
                assertThat(failed.getInt(1)).isZero();
                ResultSet admins = s.executeQuery("SELECT COUNT(*) FROM users WHERE username = 'admin'");
                admins.next();
                assertThat(admins.getInt(1)).isEqualTo(1);
            }
        } finally {
            for (CompletableFuture<ConfigurableApplicationContext> node : nodes) {
                node.handle((ctx, e) -> {
                    if (ctx != null) {
                        ctx.close();
                    }
                    return null;
                }).join();
            }
        }
    }
}
