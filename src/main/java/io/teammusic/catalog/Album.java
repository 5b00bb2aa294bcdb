package io.teammusic.catalog;

import java.time.Instant;

/**
 * An album: tracks grouped by album artist and title. Compilations belong to the "Various Artists" artist.
 *
 * @param coverHash the album's own cover, or the first cover among its tracks; null when none has one
 */
public record Album(String id, String title, Track.Ref artist, Integer year, boolean compilation, int trackCount,
        long durationMs, String coverHash, Instant createdAt) {
}
