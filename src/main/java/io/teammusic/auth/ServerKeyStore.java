package io.teammusic.auth;

import io.teammusic.shared.TeammusicProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the generated secret keys: in files under the data dir, or in the database for nodes that share one.
 * Either way the first writer wins and everyone else reads its key, so nodes starting together agree.
 */
@Component
class ServerKeyStore {

    private static final Logger log = LoggerFactory.getLogger(ServerKeyStore.class);

    private final KeyProperties.Store store;
    private final Path dir;
    private final JdbcClient jdbc;

    ServerKeyStore(KeyProperties keys, TeammusicProperties app, JdbcClient jdbc) {
        this.store = keys.store();
        this.dir = app.dataDir().resolve("keys");
        this.jdbc = jdbc;
    }

    /** The stored key {@code name}, storing {@code fresh} first when there is none. */
    String readOrCreate(String name, Supplier<String> fresh) {
        if (store == KeyProperties.Store.FILE) {
            try {
                return KeyFiles.readOrCreate(dir.resolve(name), fresh);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read or create the key file " + dir.resolve(name), e);
            }
        }
        Optional<String> stored = find(name);
        if (stored.isPresent()) {
            return stored.get();
        }
        // The primary key makes the first insert the only one; a node that loses the race inserts nothing and
        // reads the winner's key (on PostgreSQL the insert waits for the winner's commit).
        int inserted = jdbc.sql("INSERT INTO server_keys (name, material, created_at) VALUES (?, ?, ?)"
                        + " ON CONFLICT (name) DO NOTHING")
                .params(name, fresh.get(), System.currentTimeMillis()).update();
        if (inserted == 1) {
            log.info("Generated the key {} into the database", name);
        }
        return find(name).orElseThrow();
    }

    private Optional<String> find(String name) {
        return jdbc.sql("SELECT material FROM server_keys WHERE name = ?").param(name).query(String.class)
                .optional();
    }
}
