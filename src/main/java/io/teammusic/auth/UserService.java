package io.teammusic.auth;

import io.teammusic.shared.ConflictException;
import io.teammusic.shared.Ids;
import io.teammusic.shared.InvalidInputException;
import io.teammusic.shared.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Accounts: creation, the login check, and the admin's changes. */
@Service
public class UserService {

    private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{N}._@-]{1,64}");
    static final int MIN_PASSWORD = 8;

    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final LoginThrottle throttle;
    // Compared against when the user does not exist, so both answers take the same time.
    private final String dummyHash;

    UserService(UserRepository users, PasswordEncoder encoder, LoginThrottle throttle) {
        this.users = users;
        this.encoder = encoder;
        this.throttle = throttle;
        this.dummyHash = encoder.encode("not-a-real-password-" + Ids.newId());
    }

    static String normalize(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
    }

    public User create(String username, String password, Role role) {
        if (username == null || !USERNAME.matcher(username.strip()).matches()) {
            throw new InvalidInputException("username must be 1 to 64 letters, digits or . _ @ -");
        }
        checkPassword(password);
        User u = new User(Ids.newId(), username.strip(), role == null ? Role.USER : role, true, Instant.now());
        try {
            users.insert(u, normalize(username), encoder.encode(password));
        } catch (DuplicateKeyException e) {
            throw new ConflictException("username already taken: " + u.username());
        }
        return u;
    }

    /** bcrypt reads at most 72 bytes; a longer password would be silently cut, so it is refused instead. */
    static final int MAX_PASSWORD_BYTES = 72;

    private static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw new InvalidInputException("password must be at least " + MIN_PASSWORD + " characters");
        }
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new InvalidInputException("password must be at most " + MAX_PASSWORD_BYTES
                    + " bytes in UTF-8 (72 ASCII letters, fewer accented or non-Latin ones)");
        }
    }

    /**
     * Checks a login. Unknown users and wrong passwords are indistinguishable to the caller; repeated failures
     * for the same name or address are slowed down before the answer.
     */
    public Optional<User> authenticate(String username, String password, String remoteAddress) {
        String key = username == null ? "" : normalize(username);
        throttle.delayIfNeeded(key, remoteAddress);
        Optional<UserRepository.Credentials> found = users.findByUsername(key);
        String hash = found.map(UserRepository.Credentials::passwordHash).orElse(dummyHash);
        boolean matches = password != null && hash != null
                && password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_PASSWORD_BYTES
                && encoder.matches(password, hash);
        if (matches && found.isPresent() && found.get().user().enabled()) {
            throttle.success(key, remoteAddress);
            return Optional.of(found.get().user());
        }
        throttle.failure(key, remoteAddress);
        return Optional.empty();
    }

    /*
     * Refreshed rather than expired: with a plain expiry every request of a busy user waits on the one database read
     * that reloads the entry (seen as a pile of blocked stream requests in a thread dump). A refresh serves the
     * known answer while one background read replaces it; entries nobody asks for still go after a minute, and
     * this node's own changes invalidate at once.
     */
    private final com.github.benmanes.caffeine.cache.LoadingCache<String, Boolean> active =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                    .refreshAfterWrite(java.time.Duration.ofSeconds(5))
                    .expireAfterWrite(java.time.Duration.ofMinutes(1))
                    .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
                    .maximumSize(100_000)
                    .build(this::loadActive);

    /**
     * Whether the account exists and is enabled, remembered for a few seconds: every request with an access token
     * asks, so that disabling a user takes effect at once instead of when their token expires.
     */
    public boolean isActive(String id) {
        return active.get(id);
    }

    /**
     * {@link #isActive} as a function bound to this service itself rather than to its transactional proxy: the
     * stream fast path asks on every ranged request, and the proxy's reflective call cost more than the answer.
     * Same cache, same answers, same immediate effect of disabling a user.
     */
    public java.util.function.Predicate<String> activeCheck() {
        return this::isActive;
    }

    private Boolean loadActive(String id) {
        return users.findById(id).map(User::enabled).orElse(false);
    }

    public Optional<User> find(String id) {
        return users.findById(id);
    }

    public User get(String id) {
        return users.findById(id).orElseThrow(() -> new NotFoundException("user", id));
    }

    public List<User> list() {
        return users.findAll();
    }

    @Transactional
    public User update(String id, Role role, Boolean enabled, String newPassword) {
        User u = get(id);
        boolean losesAdmin = u.role() == Role.ADMIN && u.enabled()
                && ((role != null && role != Role.ADMIN) || Boolean.FALSE.equals(enabled));
        if (losesAdmin && users.countEnabledAdmins() <= 1) {
            throw new ConflictException("cannot demote or disable the last enabled admin");
        }
        if (role != null) {
            users.updateRole(id, role);
        }
        if (enabled != null) {
            users.updateEnabled(id, enabled);
            active.invalidate(id);
        }
        if (newPassword != null) {
            checkPassword(newPassword);
            users.updatePassword(id, encoder.encode(newPassword));
            // A reset is what an admin does for a locked-out or compromised account: the user can log in with the
            // new password at once, and sessions opened with the old one end.
            throttle.forgetUser(normalize(u.username()));
            users.revokeRefreshTokens(id);
        }
        return get(id);
    }

    boolean hasUsers() {
        return users.count() > 0;
    }
}
