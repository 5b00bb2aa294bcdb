package io.teammusic.catalog;

import io.teammusic.shared.NotFoundException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The read side of the catalog: paged, sorted browsing of tracks, albums and artists. */
@Service
public class CatalogService {

    /** How many tracks an artist page lists (docs/api.md). */
    static final int ARTIST_TRACKS = 200;

    /** Within an album: disc (missing = disc 1), then track number (missing last), as the V6 tracks_album index. */
    private static final String[] ALBUM_ORDER = {"COALESCE(t.disc_no, 1)", "COALESCE(t.track_no, 2147483647)",
        "t.title_norm", "t.id"};
    private static final Map<String, SortSpec> TRACK_SORTS = trackSorts();

    private final TrackRepository tracks;
    private final AlbumRepository albums;
    private final ArtistRepository artists;

    private final Pager<Track> trackPager;

    CatalogService(TrackRepository tracks, AlbumRepository albums, ArtistRepository artists, JdbcClient jdbc) {
        this.tracks = tracks;
        this.trackPager = new Pager<>(jdbc, "tracks t LEFT JOIN albums al ON al.id = t.album_id", "t.id",
                tracks::query, Track::id);
        this.albums = albums;
        this.artists = artists;
    }

    private static Map<String, SortSpec> trackSorts() {
        Map<String, SortSpec> m = new LinkedHashMap<>();
        m.put("title", SortSpec.of("t.title_norm", "t.id"));
        m.put("artist", SortSpec.of("lower(t.artist_display)", "t.title_norm", "t.id")
                .missingLast("lower(t.artist_display) >= ''", "t.artist_display IS NULL", "t.title_norm", "t.id"));
        List<String> album = new java.util.ArrayList<>(List.of("al.title_norm", "al.id"));
        album.addAll(List.of(ALBUM_ORDER));
        m.put("album", SortSpec.of(album.toArray(String[]::new)).outer(2)
                .missingLast("al.title_norm >= ''", "t.album_id IS NULL", ALBUM_ORDER));
        m.put("year", SortSpec.of("t.year", "t.title_norm", "t.id")
                .missingLast("t.year IS NOT NULL", "t.year IS NULL", "t.title_norm", "t.id"));
        m.put("durationMs", SortSpec.of("t.duration_ms", "t.title_norm", "t.id")
                .missingLast("t.duration_ms IS NOT NULL", "t.duration_ms IS NULL", "t.title_norm", "t.id"));
        m.put("createdAt", SortSpec.of("t.created_at", "t.id"));
        return java.util.Collections.unmodifiableMap(m);
    }

    /** A page of all tracks, by page number or after a cursor (docs/api.md). */
    public Page<Track> tracks(Integer page, Integer size, String sort, String cursor) {
        return trackPager.page(PageQuery.of(page, size, sort, cursor, "title", TRACK_SORTS), tracks.count());
    }

    public Track track(String id) {
        return tracks.findById(id).orElseThrow(() -> new NotFoundException("track", id));
    }

    public Page<Album> albums(Integer page, Integer size, String sort, String cursor) {
        return albums.page(PageQuery.of(page, size, sort, cursor, "title", AlbumRepository.SORTS));
    }

    public Album album(String id) {
        return albums.findById(id).orElseThrow(() -> new NotFoundException("album", id));
    }

    /** The album's tracks in disc, then track order; tracks without a disc number count as disc 1. */
    public List<Track> albumTracks(String albumId) {
        return tracks.query("WHERE t.album_id = ? ORDER BY " + String.join(", ", ALBUM_ORDER), albumId);
    }

    public Page<Artist> artists(Integer page, Integer size, String sort, String cursor) {
        return artists.page(PageQuery.of(page, size, sort, cursor, "name", ArtistRepository.SORTS));
    }

    public Artist artist(String id) {
        return artists.findById(id).orElseThrow(() -> new NotFoundException("artist", id));
    }

    public List<Album> artistAlbums(String artistId) {
        return albums.findByArtist(artistId);
    }

    /** The first {@value #ARTIST_TRACKS} tracks the artist plays on, by album, disc and track. */
    public List<Track> artistTracks(String artistId) {
        return tracks.query("WHERE t.id IN (SELECT track_id FROM track_artists WHERE artist_id = ?)"
                + " ORDER BY al.title_norm NULLS LAST, COALESCE(t.disc_no, 1), t.track_no NULLS LAST,"
                + " t.title_norm, t.id LIMIT " + ARTIST_TRACKS, artistId);
    }
}
