package io.teammusic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teammusic.testing.ServerTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The JDBC URL alone picks the database; the schema and its rules are the same on each. */
class DatabaseSelectionTests extends ServerTest {

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;
    @Value("${spring.datasource.url}")
    String url;

    @Test
    void theDatabaseIsTheOneTheUrlNames() throws SQLException {
        String expected = url.startsWith("jdbc:postgresql:") ? "PostgreSQL" : "SQLite";
        try (Connection c = dataSource.getConnection()) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo(expected);
        }
    }

    @Test
    void foreignKeysAreEnforcedOnEveryPooledConnection() {
        // More attempts than the pool has connections, so each one of them is tried.
        for (int i = 0; i < 12; i++) {
            assertThatThrownBy(() -> jdbc.sql("INSERT INTO track_artists (track_id, artist_id, position)"
                    + " VALUES ('no-such-track', 'no-such-artist', 0)").update())
                    .isInstanceOf(DataIntegrityViolationException.class);
        }
    }

    @Test
    void everyMigrationIsAppliedOnceAndSucceeded() {
        List<String> versions = jdbc.sql("SELECT version FROM flyway_schema_history WHERE version IS NOT NULL"
                + " ORDER BY installed_rank").query(String.class).list();
        int failed = jdbc.sql("SELECT COUNT(*) FROM flyway_schema_history WHERE success = "
                + (url.startsWith("jdbc:postgresql:") ? "false" : "0")).query(Integer.class).single();

        assertThat(versions).isNotEmpty().doesNotHaveDuplicates().contains("1");
        assertThat(failed).isZero();
    }
}
