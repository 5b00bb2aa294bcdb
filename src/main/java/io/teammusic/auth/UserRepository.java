package io.teammusic.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class UserRepository {

    /** A user row with its password hash, for the login check only. */
    record Credentials(User user, String passwordHash) {
    }

    private static final String COLUMNS = "id, username, role, enabled, created_at, password_hash";

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static Credentials map(java.sql.ResultSet rs) throws java.sql.SQLException {
        User u = new User(rs.getString("id"), rs.getString("username"), Role.valueOf(rs.getString("role")),
                rs.getInt("enabled") != 0, Instant.ofEpochMilli(rs.getLong("created_at")));
        return new Credentials(u, rs.getString("password_hash"));
    }

    Optional<Credentials> findByUsername(String usernameNorm) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE username_norm = ?")
                .param(usernameNorm).query((rs, n) -> map(rs)).optional();
    }

    Optional<User> findById(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = ?")
                .param(id).query((rs, n) -> map(rs).user()).optional();
    }

    List<User> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users ORDER BY username_norm")
                .query((rs, n) -> map(rs).user()).list();
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM users").query(Long.class).single();
    }

    void insert(User u, String usernameNorm, String passwordHash) {
        long now = u.createdAt().toEpochMilli();
        jdbc.sql("INSERT INTO users (id, username, username_norm, password_hash, role, enabled, created_at,"
                        + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(u.id(), u.username(), usernameNorm, passwordHash, u.role().name(), u.enabled() ? 1 : 0,
                        now, now)
                .update();
    }

    int updateRole(String id, Role role) {
        return jdbc.sql("UPDATE users SET role = ?, updated_at = ? WHERE id = ?")
                .params(role.name(), System.currentTimeMillis(), id).update();
    }

    int updateEnabled(String id, boolean enabled) {
        return jdbc.sql("UPDATE users SET enabled = ?, updated_at = ? WHERE id = ?")
                .params(enabled ? 1 : 0, System.currentTimeMillis(), id).update();
    }

    int updatePassword(String id, String hash) {
        return jdbc.sql("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?")
                .params(hash, System.currentTimeMillis(), id).update();
    }

    /** Ends every session of the user: their refresh tokens stop working (access tokens run out on their own). */
    int revokeRefreshTokens(String id) {
        return jdbc.sql("UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL")
                .params(System.currentTimeMillis(), id).update();
    }

    int updateUsername(String id, String username, String usernameNorm) {
        return jdbc.sql("UPDATE users SET username = ?, username_norm = ?, updated_at = ? WHERE id = ?")
                .params(username, usernameNorm, System.currentTimeMillis(), id).update();
    }

    boolean usernameTaken(String usernameNorm) {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE username_norm = ?").param(usernameNorm)
                .query(Long.class).single() > 0;
    }

    long countEnabledAdmins() {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE role = 'ADMIN' AND enabled = 1").query(Long.class).single();
    }
}
