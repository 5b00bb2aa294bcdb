package io.teammusic.auth;

import io.teammusic.shared.Ids;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Local accounts of people who sign in through the external provider: created from the first valid token, their
 * name and role brought up to date from each later one. The provider's groups are the source of truth for the
 * role of these accounts; the admin's enable/disable switch stays ours.
 *
 * <p>An account is found by the provider's (issuer, subject) pair only, never by name: a provider user called
 * {@code admin} must not become our built-in {@code admin}. A name already taken gets a short suffix instead.
 */
@Service
class OidcUsers {

    private static final Logger log = LoggerFactory.getLogger(OidcUsers.class);
    private static final int MAX_NAME = 64;

    private final JdbcClient jdbc;
    private final UserRepository users;
    private final TransactionTemplate tx;

    OidcUsers(JdbcClient jdbc, UserRepository users, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.users = users;
        this.tx = tx;
    }

    /** The local account for this provider identity, created or updated to the given name and role. */
    User signIn(String issuer, String subject, String preferredName, Role role) {
        try {
            return tx.execute(s -> upsert(issuer, subject, preferredName, role));
        } catch (DuplicateKeyException e) {
            // Two first requests of the same person at once: the other one created the account; use it.
            return tx.execute(s -> upsert(issuer, subject, preferredName, role));
        }
    }

    private User upsert(String issuer, String subject, String preferredName, Role role) {
        long now = System.currentTimeMillis();
        Optional<String> existing = jdbc.sql("SELECT user_id FROM oidc_identities WHERE issuer = ? AND subject = ?")
                .params(issuer, subject).query(String.class).optional();
        String wanted = sanitize(preferredName, subject);
        if (existing.isEmpty()) {
            String name = freeName(wanted, issuer, subject);
            User u = new User(Ids.newId(), name, role, true, Instant.ofEpochMilli(now));
            users.insert(u, UserService.normalize(name), null);
            jdbc.sql("INSERT INTO oidc_identities (issuer, subject, user_id, created_at, last_login_at)"
                            + " VALUES (?, ?, ?, ?, ?)")
                    .params(issuer, subject, u.id(), now, now).update();
            log.info("Created user {} ({}) from the identity provider", u.username(), role);
            return u;
        }
        String id = existing.get();
        User u = users.findById(id).orElseThrow(() -> new IllegalStateException("identity without user " + id));
        if (u.role() != role) {
            users.updateRole(id, role);
            log.info("User {} is now {} by the identity provider's groups", u.username(), role);
        }
        String name = freeName(wanted, issuer, subject);
        if (!name.equals(u.username())) {
            users.updateUsername(id, name, UserService.normalize(name));
        }
        jdbc.sql("UPDATE oidc_identities SET last_login_at = ? WHERE issuer = ? AND subject = ?")
                .params(now, issuer, subject).update();
        return users.findById(id).orElseThrow();
    }

    /** The wanted name, or the wanted name with a suffix from the identity when someone else has it. */
    private String freeName(String wanted, String issuer, String subject) {
        if (!users.usernameTaken(UserService.normalize(wanted)) || ownsName(wanted, issuer, subject)) {
            return wanted;
        }
        String hash = TokenService.sha256(issuer + "\n" + subject);
        for (int len = 6; len <= hash.length(); len += 6) {
            String base = wanted.length() > MAX_NAME - len - 1 ? wanted.substring(0, MAX_NAME - len - 1) : wanted;
            String candidate = base + "-" + hash.substring(0, len);
            if (!users.usernameTaken(UserService.normalize(candidate)) || ownsName(candidate, issuer, subject)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free user name for " + wanted);
    }

    private boolean ownsName(String name, String issuer, String subject) {
        return jdbc.sql("SELECT COUNT(*) FROM users u JOIN oidc_identities i ON i.user_id = u.id"
                        + " WHERE u.username_norm = ? AND i.issuer = ? AND i.subject = ?")
                .params(UserService.normalize(name), issuer, subject).query(Long.class).single() > 0;
    }

    /** A name our user-name rule accepts: letters, digits and {@code . _ @ -}, at most 64 characters. */
    static String sanitize(String preferred, String subject) {
        String source = preferred == null || preferred.isBlank() ? subject : preferred.strip();
        StringBuilder out = new StringBuilder();
        source.codePoints().forEach(cp -> {
            boolean ok = Character.isLetterOrDigit(cp) || cp == '.' || cp == '_' || cp == '@' || cp == '-';
            out.appendCodePoint(ok ? cp : '_');
        });
        String name = out.toString();
        if (name.codePointCount(0, name.length()) > MAX_NAME) {
            name = name.substring(0, name.offsetByCodePoints(0, MAX_NAME));
        }
        return name.isEmpty() ? "user" : name;
    }
}
