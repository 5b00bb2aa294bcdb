package io.teammusic.auth;

import java.time.Duration;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Slows down guessing: after a few failed logins for one user name or one address, each further attempt waits
 * before it is answered, doubling up to a cap. Waiting costs a virtual thread nothing.
 *
 * <p>The counts live in the database, so nodes behind one load balancer throttle a guesser together instead of
 * each granting its own free attempts. That is one small read per login and a write per failure, next to a bcrypt
 * check that costs far more.
 */
@Component
class LoginThrottle {

    static final int FREE_ATTEMPTS = 3;
    /** An address is shared by everyone behind one NAT, so it gets more slack than a single name. */
    static final int FREE_ATTEMPTS_PER_ADDRESS = 10;
    static final long BASE_DELAY_MS = 250;
    static final long MAX_DELAY_MS = 8_000;
    /** Failures older than this are forgotten. */
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final JdbcClient jdbc;

    LoginThrottle(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long delayFor(String user, String address) {
        int over = Math.max(count("u:" + user) - FREE_ATTEMPTS, count("a:" + address) - FREE_ATTEMPTS_PER_ADDRESS);
        if (over < 0) {
            return 0;
        }
        int doublings = Math.min(over, 10);
        return Math.min(MAX_DELAY_MS, BASE_DELAY_MS << doublings);
    }

    void delayIfNeeded(String user, String address) {
        long delay = delayFor(user, address);
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private int count(String key) {
        long since = System.currentTimeMillis() - WINDOW.toMillis();
        return jdbc.sql("SELECT failures FROM login_failures WHERE throttle_key = ? AND updated_at >= ?")
                .params(key, since).query(Integer.class).optional().orElse(0);
    }

    void failure(String user, String address) {
        long now = System.currentTimeMillis();
        long since = now - WINDOW.toMillis();
        for (String key : List.of("u:" + user, "a:" + address)) {
            // One statement, so failures counted at once on two nodes both count; a stale row starts over.
            jdbc.sql("INSERT INTO login_failures (throttle_key, failures, updated_at) VALUES (?, 1, ?)"
                            + " ON CONFLICT (throttle_key) DO UPDATE SET failures = CASE WHEN"
                            + " login_failures.updated_at < ? THEN 1 ELSE login_failures.failures + 1 END,"
                            + " updated_at = excluded.updated_at")
                    .params(key, now, since).update();
        }
        jdbc.sql("DELETE FROM login_failures WHERE updated_at < ?").param(since).update();
    }

    /**
     * A correct password clears both counters: a guesser never gets here, and a colleague behind the same address
     * should not keep paying for someone else's typos.
     */
    void success(String user, String address) {
        jdbc.sql("DELETE FROM login_failures WHERE throttle_key IN (?, ?)").params("u:" + user, "a:" + address)
                .update();
    }

    /** Forgets the failures counted against one user name (an admin reset their password). */
    void forgetUser(String user) {
        jdbc.sql("DELETE FROM login_failures WHERE throttle_key = ?").param("u:" + user).update();
    }
}
