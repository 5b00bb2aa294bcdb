package io.teammusic.catalog;

import java.time.Instant;
import java.util.List;

/** An album as the native API shows it (docs/api.md). */
record AlbumJson(String id, String title, Track.Ref artist, Integer year, boolean compilation, int trackCount,
        long durationMs, String coverUrl, Instant createdAt) {

    static AlbumJson of(Album a) {
        return new AlbumJson(a.id(), a.title(), a.artist(), a.year(), a.compilation(), a.trackCount(),
                a.durationMs(), a.coverHash() == null ? null : "/api/albums/" + a.id() + "/cover", a.createdAt());
    }

    /** {@code GET /api/albums/{id}}: the album's fields plus its tracks in disc, then track order. */
    record Detail(String id, String title, Track.Ref artist, Integer year, boolean compilation, int trackCount,
            long durationMs, String coverUrl, Instant createdAt, List<TrackJson> tracks) {

        static Detail of(Album a, List<Track> tracks) {
            AlbumJson j = AlbumJson.of(a);
            return new Detail(j.id(), j.title(), j.artist(), j.year(), j.compilation(), j.trackCount(),
                    j.durationMs(), j.coverUrl(), j.createdAt(), tracks.stream().map(TrackJson::of).toList());
        }
    }
}
