package io.teammusic.playlist;

import java.time.Instant;

/** A playlist with its totals. {@code ownerName} is the owner's user name, for display. */
public record Playlist(String id, String ownerId, String ownerName, String name, String comment, boolean isPublic,
        Instant createdAt, Instant updatedAt, int trackCount, long durationMs) {
}
