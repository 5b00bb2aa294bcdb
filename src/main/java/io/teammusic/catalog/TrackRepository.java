package io.teammusic.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads tracks with their artists, album and genres. Lists are loaded in three queries whatever their length (the
 * rows, then all their artists, then all their genres), never one query per track.
 */
@Repository
public class TrackRepository {

    /** Columns of {@code tracks t LEFT JOIN albums al LEFT JOIN artists aa}, in the order {@link #row} reads. */
    public static final String SELECT = "SELECT t.*, al.title AS album_title, aa.id AS album_artist_id,"
            + " aa.name AS album_artist_name FROM tracks t LEFT JOIN albums al ON al.id = t.album_id"
            + " LEFT JOIN artists aa ON aa.id = al.album_artist_id";

    private final JdbcClient jdbc;

    public TrackRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Track> findById(String id) {
        return withLinks(jdbc.sql(SELECT + " WHERE t.id = ?").param(id).query(TrackRepository::row).list())
                .stream().findFirst();
    }

    public Optional<Track> findByContentHash(String hash) {
        return withLinks(jdbc.sql(SELECT + " WHERE t.content_hash = ?").param(hash).query(TrackRepository::row)
                .list()).stream().findFirst();
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM tracks").query(Long.class).single();
    }

    /**
     * Runs a query whose select list is {@link #SELECT}'s and returns complete tracks in the query's order.
     * {@code sqlAfterSelect} is appended after SELECT (WHERE, ORDER BY, LIMIT); params bind positionally.
     */
    public List<Track> query(String sqlAfterSelect, Object... params) {
        return withLinks(jdbc.sql(SELECT + " " + sqlAfterSelect).params(params).query(TrackRepository::row).list());
    }

    /** Tracks by id in the order of the given ids; unknown ids are left out. */
    public List<Track> findAllById(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        Map<String, Track> byId = new HashMap<>();
        for (Track t : query("WHERE t.id IN (" + marks + ")", ids.toArray())) {
            byId.put(t.id(), t);
        }
        List<Track> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            Track t = byId.get(id);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    private List<Track> withLinks(List<Track> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        Map<String, List<Track.Ref>> artists = new HashMap<>();
        Map<String, List<String>> genres = new HashMap<>();
        List<String> ids = rows.stream().map(Track::id).toList();
        // SQLite allows 32766 bound parameters; chunk well under it.
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            // Artists and genres in one statement (kind 0 and 1), each in its own position order.
            List<Object> params = new ArrayList<>(chunk);
            params.addAll(chunk);
            jdbc.sql("SELECT 0 AS kind, ta.track_id, a.id, a.name, ta.position FROM track_artists ta"
                            + " JOIN artists a ON a.id = ta.artist_id WHERE ta.track_id IN (" + marks + ")"
                            + " UNION ALL SELECT 1, tg.track_id, NULL, g.name, tg.position FROM track_genres tg"
                            + " JOIN genres g ON g.id = tg.genre_id WHERE tg.track_id IN (" + marks + ")"
                            + " ORDER BY 1, 2, 5")
                    .params(params)
                    .query((ResultSet rs) -> {
                        if (rs.getInt(1) == 0) {
                            artists.computeIfAbsent(rs.getString(2), k -> new ArrayList<>())
                                    .add(new Track.Ref(rs.getString(3), rs.getString(4)));
                        } else {
                            genres.computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add(rs.getString(4));
                        }
                    });
        }
        List<Track> out = new ArrayList<>(rows.size());
        for (Track t : rows) {
            out.add(new Track(t.id(), t.contentHash(), t.storageKey(), t.sizeBytes(), t.mimeType(), t.container(),
                    t.codec(), t.originalFilename(), t.title(), t.artistDisplay(),
                    List.copyOf(artists.getOrDefault(t.id(), List.of())), t.album(), t.albumArtist(),
                    t.trackNumber(), t.trackTotal(), t.discNumber(), t.discTotal(), t.year(),
                    List.copyOf(genres.getOrDefault(t.id(), List.of())), t.composer(), t.musicbrainz(),
                    t.replayGain(), t.durationMs(), t.bitrateKbps(), t.sampleRate(), t.channels(),
                    t.bitsPerSample(), t.coverHash(), t.createdAt(), t.updatedAt()));
        }
        return out;
    }

    static Track row(ResultSet rs, int n) throws SQLException {
        String albumId = rs.getString("album_id");
        Track.Ref album = albumId == null ? null : new Track.Ref(albumId, rs.getString("album_title"));
        String aaId = rs.getString("album_artist_id");
        // The album's artist is shown as the track's album artist only when the tags named one (V10).
        Track.Ref albumArtist = aaId == null || rs.getInt("album_artist_tagged") == 0 ? null
                : new Track.Ref(aaId, rs.getString("album_artist_name"));
        Track.MusicBrainz mb = new Track.MusicBrainz(rs.getString("mb_track_id"), rs.getString("mb_recording_id"),
                rs.getString("mb_release_id"), rs.getString("mb_artist_id"), rs.getString("mb_album_artist_id"));
        Track.ReplayGain rg = new Track.ReplayGain(dbl(rs, "rg_track_gain"), dbl(rs, "rg_track_peak"),
                dbl(rs, "rg_album_gain"), dbl(rs, "rg_album_peak"));
        return new Track(rs.getString("id"), rs.getString("content_hash"), rs.getString("storage_key"),
                rs.getLong("size_bytes"), rs.getString("mime_type"), rs.getString("container"),
                rs.getString("codec"), rs.getString("original_filename"), rs.getString("title"),
                rs.getString("artist_display"), List.of(), album, albumArtist,
                integer(rs, "track_no"), integer(rs, "track_total"), integer(rs, "disc_no"),
                integer(rs, "disc_total"), integer(rs, "year"), List.of(), rs.getString("composer"),
                allNull(mb) ? null : mb, allNull(rg) ? null : rg,
                lng(rs, "duration_ms"), integer(rs, "bitrate_kbps"), integer(rs, "sample_rate"),
                integer(rs, "channels"), integer(rs, "bits_per_sample"), rs.getString("cover_hash"),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));
    }

    // Spelled out rather than by reflection over the record components: this runs for every row of every list.
    private static boolean allNull(Track.MusicBrainz m) {
        return m.trackId() == null && m.recordingId() == null && m.releaseId() == null && m.artistId() == null
                && m.albumArtistId() == null;
    }

    private static boolean allNull(Track.ReplayGain g) {
        return g.trackGain() == null && g.trackPeak() == null && g.albumGain() == null && g.albumPeak() == null;
    }

    private static Integer integer(ResultSet rs, String col) throws SQLException {
        int v = rs.getInt(col);
        return rs.wasNull() ? null : v;
    }

    private static Long lng(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    private static Double dbl(ResultSet rs, String col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? null : v;
    }

}
