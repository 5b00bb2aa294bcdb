package io.teammusic.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AppPasswordRepository {

    /** A stored app password; {@code secretEnc} never leaves the auth package. */
    record Row(String id, String userId, String name, String secretEnc, Instant createdAt, Instant lastUsedAt) {
    }

    private static final String COLUMNS = "id, user_id, name, secret_enc, created_at, last_used_at";

    private final JdbcClient jdbc;

    AppPasswordRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static Row map(java.sql.ResultSet rs) throws java.sql.SQLException {
        long used = rs.getLong("last_used_at");
        Instant lastUsed = rs.wasNull() ? null : Instant.ofEpochMilli(used);
        return new Row(rs.getString("id"), rs.getString("user_id"), rs.getString("name"), rs.getString("secret_enc"),
                Instant.ofEpochMilli(rs.getLong("created_at")), lastUsed);
    }

    void insert(Row r, String secretSha256) {
        jdbc.sql("INSERT INTO app_passwords (id, user_id, name, secret_enc, secret_sha256, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(r.id(), r.userId(), r.name(), r.secretEnc(), secretSha256, r.createdAt().toEpochMilli())
                .update();
    }

    List<Row> findByUser(String userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_passwords WHERE user_id = ? ORDER BY created_at, id")
                .param(userId).query((rs, n) -> map(rs)).list();
    }

    Optional<Row> findBySha256(String sha256) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_passwords WHERE secret_sha256 = ?")
                .param(sha256).query((rs, n) -> map(rs)).optional();
    }

    int delete(String userId, String id) {
        return jdbc.sql("DELETE FROM app_passwords WHERE id = ? AND user_id = ?").params(id, userId).update();
    }

    void touch(String id, long now) {
        jdbc.sql("UPDATE app_passwords SET last_used_at = ? WHERE id = ?").params(now, id).update();
    }
}
