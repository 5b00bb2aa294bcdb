package io.teammusic.subsonic;

import java.time.Instant;

/** The catalog rows the Subsonic API shows, each with the caller's own star, rating and plays. */
final class Library {

    private Library() {
    }

    record Song(String id, String title, String albumId, String album, String artistId, String artist,
            String albumArtistId, Integer track, Integer disc, Integer year, String genre, String coverArt,
            long size, String contentType, String suffix, Long durationMs, Integer bitRate, Integer sampleRate,
            Integer channels, Integer bitDepth, String path, Instant created, Instant starred, Integer rating,
            int playCount, Instant played, String storageKey) {
    }

    record Album(String id, String name, String artistId, String artist, String coverArt, int songCount,
            long durationMs, Instant created, Integer year, String genre, Instant starred, Integer rating,
            int playCount, Instant played) {
    }

    record Artist(String id, String name, String sortName, int albumCount, String coverArt, Instant starred,
            Integer rating) {
    }
}
