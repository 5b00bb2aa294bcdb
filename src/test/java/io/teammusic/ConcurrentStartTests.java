package io.teammusic;

import static org.assertj.core.api.Assertions.assertThat;

import io.teammusic.testing.Api;
import io.teammusic.testing.EmbeddedPostgresql;
import io.teammusic.testing.ServerTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationContextInitializedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

/**
 * Nodes of one deployment start together on a new, empty PostgreSQL database (a rolling first deploy, an
 * autoscaler starting two at once): Flyway's lock on PostgreSQL lets one of them migrate while the other waits,
 * both come up, and with {@code teammusic.keys.store=database} the first one's keys are the ones both use.
 */
class ConcurrentStartTests {

    @Test
    void twoNodesStartingAtOnceOnAnEmptyDatabaseBothComeUpMigrateOnceAndShareTheirKeys() throws Exception {
        String url = EmbeddedPostgresql.createDatabase("concurrent_start");
        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<ConfigurableApplicationContext>> nodes = new ArrayList<>();
        List<Path> dataDirs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path dir = Files.createTempDirectory("teammusic-node-");
            dataDirs.add(dir);
            String dataDir = dir.toString();
            nodes.add(CompletableFuture.supplyAsync(() -> {
                try {
                    together.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                // As arguments, not builder properties: those are defaults, below application.yml.
                List<String> args = new ArrayList<>(List.of("--server.port=0", "--teammusic.data-dir=" + dataDir,
                        "--teammusic.admin-password=" + ServerTest.ADMIN_PASSWORD, "--teammusic.keys.store=database"));
                EmbeddedPostgresql.properties(url).forEach((k, v) -> args.add("--" + k + "=" + v));
                return new SpringApplicationBuilder(TeammusicApplication.class).listeners(new OneLoggingSetupAtATime())
                        .run(args.toArray(String[]::new));
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
                ResultSet keys = s.executeQuery("SELECT COUNT(*) FROM server_keys");
                keys.next();
                assertThat(keys.getInt(1)).as("JWT, URL and app-password keys, once each").isEqualTo(3);
            }
            Api a = new Api("http://localhost:" + port(nodes.get(0).join()));
            Api b = new Api("http://localhost:" + port(nodes.get(1).join()));
            assertThat(a.get("/.well-known/jwks.json").body()).isEqualTo(b.get("/.well-known/jwks.json").body());
            Api.Response me = b.withToken(a.login("admin", ServerTest.ADMIN_PASSWORD).token()).get("/api/me");
            assertThat(me.status()).as("a token from node A on node B").isEqualTo(200);
            for (Path dir : dataDirs) {
                assertThat(dir.resolve("keys")).as("no key on a node's disk").doesNotExist();
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

    private static int port(ConfigurableApplicationContext ctx) {
        return Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
    }

    /**
     * Two apps in one JVM set up its one Logback at the same moment and break each other's configuration (real
     * nodes are separate JVMs); this lets one app at a time through that step, and Flyway still runs in parallel.
     */
    static final class OneLoggingSetupAtATime implements ApplicationListener<SpringApplicationEvent>, Ordered {

        private static final ReentrantLock LOCK = new ReentrantLock();

        @Override
        public void onApplicationEvent(SpringApplicationEvent event) {
            if (event instanceof ApplicationStartingEvent) {
                LOCK.lock();
            } else if ((event instanceof ApplicationContextInitializedEvent || event instanceof ApplicationFailedEvent)
                    && LOCK.isHeldByCurrentThread()) {
                LOCK.unlock();
            }
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
