package io.teammusic.catalog;

import io.teammusic.shared.NotFoundException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** The read side of the catalog: paged, sorted browsing of tracks, albums and artists. */
@Service
public class CatalogService {

    /** How many tracks an artist page lists (docs/api.md). */
    static final int ARTIST_TRACKS = 200;

    private static final Map<String, String> TRACK_SORTS = trackSorts();

    private final TrackRepository tracks;
    private final AlbumRepository albums;
    private final ArtistRepository artists;

    CatalogService(TrackRepository tracks, AlbumRepository albums, ArtistRepository artists) {
        this.tracks = tracks;
        this.albums = albums;
        this.artists = artists;
    }

    private static Map<String, String> trackSorts() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("title", "t.title_norm");
        m.put("artist", "lower(t.artist_display) NULLS LAST, t.title_norm");
        m.put("album", "al.title_norm NULLS LAST, t.disc_no NULLS LAST, t.track_no NULLS LAST, t.title_norm");
        m.put("year", "t.year NULLS LAST, t.title_norm");
        m.put("durationMs", "t.duration_ms NULLS LAST, t.title_norm");
        m.put("createdAt", "t.created_at");
        return java.util.Collections.unmodifiableMap(m);
    }

    public Page<Track> tracks(Integer page, Integer size, String sort) {
        PageQuery q = PageQuery.of(page, size, sort, "title", TRACK_SORTS, "t.id");
        long total = tracks.count();
        List<Track> rows = tracks.query("ORDER BY " + q.orderBy() + " LIMIT ? OFFSET ?", q.size(), q.offset());
        return new Page<>(rows, q.page(), q.size(), total);
    }

    public Track track(String id) {
        return tracks.findById(id).orElseThrow(() -> new NotFoundException("track", id));
    }

    public Page<Album> albums(Integer page, Integer size, String sort) {
        return albums.page(PageQuery.of(page, size, sort, "title", AlbumRepository.SORTS, "al.id"));
    }

    public Album album(String id) {
        return albums.findById(id).orElseThrow(() -> new NotFoundException("album", id));
    }

    /** The album's tracks in disc, then track order; tracks without a disc number count as disc 1. */
    public List<Track> albumTracks(String albumId) {
        return tracks.query("WHERE t.album_id = ? ORDER BY COALESCE(t.disc_no, 1), t.track_no NULLS LAST,"
                + " t.title_norm, t.id", albumId);
    }

    public Page<Artist> artists(Integer page, Integer size, String sort) {
        return artists.page(PageQuery.of(page, size, sort, "name", ArtistRepository.SORTS, "a.id"));
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
