package io.teammusic.catalog;

/**
 * An artist with its counts.
 *
 * @param albumCount albums it is the album artist of (its page also lists the albums it only guests on)
 * @param trackCount tracks it plays on
 */
public record Artist(String id, String name, int albumCount, int trackCount) {
}
