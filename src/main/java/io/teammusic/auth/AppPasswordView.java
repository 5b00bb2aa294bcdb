package io.teammusic.auth;

import java.time.Instant;

/** An app password as its owner sees it in a list: never the secret. */
public record AppPasswordView(String id, String name, Instant createdAt, Instant lastUsedAt) {

    static AppPasswordView of(AppPasswordRepository.Row r) {
        return new AppPasswordView(r.id(), r.name(), r.createdAt(), r.lastUsedAt());
    }
}
