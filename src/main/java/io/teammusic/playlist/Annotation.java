package io.teammusic.playlist;

import java.time.Instant;

/** One user's star, rating and plays of one item. */
public record Annotation(ItemType type, String itemId, Instant starredAt, Integer rating, int playCount,
        Instant lastPlayedAt) {
}
