package io.teammusic.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.teammusic.shared.Ids;
import io.teammusic.shared.InvalidInputException;
import io.teammusic.shared.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.stereotype.Service;

/**
 * App passwords: the per-device secrets Subsonic apps log in with, so the login password can stay a bcrypt hash.
 * A user creates, names and revokes them; the secret is shown once at creation.
 */
@Service
public class AppPasswordService {

    /** A new app password with its secret, which is never retrievable again. */
    public record Created(AppPasswordView password, String secret) {
    }

    static final int MAX_PER_USER = 50;
    private static final long TOUCH_EVERY_MS = Duration.ofMinutes(1).toMillis();

    private final AppPasswordRepository repo;
    private final UserRepository users;
    private final Cache<String, java.util.concurrent.atomic.AtomicInteger> failures = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(15)).maximumSize(100_000).build();
    private final AppPasswordCipher cipher;
    private final SecureRandom random = new SecureRandom();
    // Clients call several times a second while playing; last use is written at most once a minute per password.
    private final Cache<String, Long> lastTouched = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMillis(TOUCH_EVERY_MS)).build();

    AppPasswordService(AppPasswordRepository repo, UserRepository users, AppPasswordProperties props,
            ServerKeyStore keys) {
        this.repo = repo;
        this.users = users;
        this.cipher = AppPasswordCipher.create(props.secretKey(), keys);
    }

    public Created create(String userId, String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 100) {
            throw new InvalidInputException("name must be 1 to 100 characters");
        }
        if (clean.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("name must not hold control characters");
        }
        if (repo.findByUser(userId).size() >= MAX_PER_USER) {
            throw new InvalidInputException("at most " + MAX_PER_USER + " app passwords per user; delete one first");
        }
        byte[] b = new byte[18];
        random.nextBytes(b);
        // URL-safe letters only: some clients put the secret into URLs without encoding it.
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        String id = Ids.newId();
        var row = new AppPasswordRepository.Row(id, userId, clean, cipher.encrypt(secret, id), Instant.now(), null);
        repo.insert(row, AppPasswordCipher.sha256Hex(secret));
        return new Created(AppPasswordView.of(row), secret);
    }

    public List<AppPasswordView> list(String userId) {
        return repo.findByUser(userId).stream().map(AppPasswordView::of).toList();
    }

    /** Revokes one of the caller's own app passwords; someone else's is "not found". */
    public void delete(String userId, String id) {
        if (repo.delete(userId, id) == 0) {
            throw new NotFoundException("app password", id);
        }
    }

    /** OpenSubsonic {@code apiKey}: the app password alone. */
    public Optional<CurrentUser> authenticateApiKey(String apiKey, String remoteAddress) {
        String throttleKey = "apikey@" + remoteAddress;
        delayIfNeeded(throttleKey);
        Optional<AppPasswordRepository.Row> row = apiKey == null || apiKey.isEmpty() ? Optional.empty()
                : repo.findBySha256(AppPasswordCipher.sha256Hex(apiKey));
        Optional<CurrentUser> user = row.flatMap(r -> users.findById(r.userId()).filter(User::enabled)
                .map(u -> used(r, u)));
        record(user, throttleKey);
        return user;
    }

    /** Subsonic {@code u} + {@code p}: the app password in clear (already hex-decoded if it came as enc:). */
    public Optional<CurrentUser> authenticatePassword(String username, String password, String remoteAddress) {
        return authenticate(username, remoteAddress,
                secret -> password != null && MessageDigest.isEqual(bytes(secret), bytes(password)));
    }

    /** Subsonic {@code u} + {@code t} + {@code s}: t is md5(app password + salt) in hex. */
    public Optional<CurrentUser> authenticateToken(String username, String token, String salt,
            String remoteAddress) {
        byte[] expected = bytes(token == null ? "" : token.toLowerCase(Locale.ROOT));
        return authenticate(username, remoteAddress,
                secret -> token != null && salt != null && MessageDigest.isEqual(bytes(md5Hex(secret + salt)),
                        expected));
    }

    private Optional<CurrentUser> authenticate(String username, String remoteAddress, Predicate<String> matches) {
        String key = username == null ? "" : UserService.normalize(username);
        delayIfNeeded("user:" + key);
        Optional<User> user = users.findByUsername(key).map(UserRepository.Credentials::user).filter(User::enabled);
        Optional<CurrentUser> found = Optional.empty();
        if (user.isPresent()) {
            for (AppPasswordRepository.Row r : repo.findByUser(user.get().id())) {
                String secret = cipher.decrypt(r.secretEnc(), r.id());
                if (secret != null && matches.test(secret)) {
                    found = Optional.of(used(r, user.get()));
                    break;
                }
            }
        }
        record(found, "user:" + key);
        return found;
    }

    /**
     * Slows down guessing: after a few failures in a row for one user name (or, for API keys, one address), each
     * further attempt waits, doubling up to a cap. Unlike the login throttle this does not count per address for
     * user names: a household behind one address keeps streaming while one phone has a stale password.
     */
    private void delayIfNeeded(String key) {
        var n = failures.getIfPresent(key);
        int count = n == null ? 0 : n.get();
        if (count >= LoginThrottle.FREE_ATTEMPTS) {
            int doublings = Math.min(count - LoginThrottle.FREE_ATTEMPTS, 10);
            long delay = Math.min(LoginThrottle.MAX_DELAY_MS, LoginThrottle.BASE_DELAY_MS << doublings);
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void record(Optional<CurrentUser> result, String key) {
        if (result.isPresent()) {
            failures.invalidate(key);
        } else {
            failures.get(key, k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
        }
    }

    private CurrentUser used(AppPasswordRepository.Row r, User u) {
        long now = System.currentTimeMillis();
        if (lastTouched.asMap().putIfAbsent(r.id(), now) == null) {
            repo.touch(r.id(), now);
        }
        return new CurrentUser(u.id(), u.username(), u.role());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String md5Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes(s)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
