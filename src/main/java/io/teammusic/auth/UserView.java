package io.teammusic.auth;

import java.time.Instant;

/** A user as the API shows it. */
public record UserView(String id, String username, Role role, boolean enabled, Instant createdAt) {

    static UserView of(User u) {
        return new UserView(u.id(), u.username(), u.role(), u.enabled(), u.createdAt());
    }
}
