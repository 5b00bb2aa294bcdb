package io.teammusic.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Slows down guessing: after a few failed logins for one user name or one address, each further attempt waits
 * before it is answered, doubling up to a cap. Waiting costs a virtual thread nothing.
 */
@Component
class LoginThrottle {

    static final int FREE_ATTEMPTS = 3;
    /** An address is shared by everyone behind one NAT, so it gets more slack than a single name. */
    static final int FREE_ATTEMPTS_PER_ADDRESS = 10;
    static final long BASE_DELAY_MS = 250;
    static final long MAX_DELAY_MS = 8_000;

    private final Cache<String, AtomicInteger> failures = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(15)).maximumSize(100_000).build();

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
        AtomicInteger c = failures.getIfPresent(key);
        return c == null ? 0 : c.get();
    }

    void failure(String user, String address) {
        failures.get("u:" + user, k -> new AtomicInteger()).incrementAndGet();
        failures.get("a:" + address, k -> new AtomicInteger()).incrementAndGet();
    }

    /**
     * A correct password clears both counters: a guesser never gets here, and a colleague behind the same address
     * should not keep paying for someone else's typos.
     */
    void success(String user, String address) {
        failures.invalidate("u:" + user);
        failures.invalidate("a:" + address);
    }
}
