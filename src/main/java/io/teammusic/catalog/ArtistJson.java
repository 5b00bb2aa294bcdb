package io.teammusic.catalog;

import java.util.List;

/** {@code GET /api/artists/{id}}: the artist plus its albums and the first tracks it plays on (docs/api.md). */
record ArtistJson(String id, String name, int albumCount, int trackCount, List<AlbumJson> albums,
        List<TrackJson> tracks) {

    static ArtistJson of(Artist a, List<Album> albums, List<Track> tracks) {
        return new ArtistJson(a.id(), a.name(), a.albumCount(), a.trackCount(),
                albums.stream().map(AlbumJson::of).toList(), tracks.stream().map(TrackJson::of).toList());
    }
}
