package io.teammusic.streaming;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The few columns the byte path needs, in one indexed query each: the stream endpoint must not pay for loading a
 * track's artists and genres on every range request a player sends while seeking.
 */
@Repository
class StreamSources {

    /** Cover URLs carry no hash, so a client revalidates with the ETag instead of caching for a year. */
    static final String COVER_CACHE_CONTROL = "private, no-cache";
    /** For a URL that names the cover's hash ({@code ?v=HASH}): its bytes can never change. */
    static final String IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable";

    private final JdbcClient jdbc;
    /*
     * A player seeking sends a burst of range requests for one track; the row behind them cannot change (a
     * track's bytes are fixed), so it is read once per few seconds. A deleted track can still stream for that
     * long, and only while its blob is still on disk.
     */
    private final Cache<String, Optional<Servable>> tracks = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(10)).build();

    StreamSources(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Servable> track(String id) {
        return tracks.get(id, this::loadTrack);
    }

    private Optional<Servable> loadTrack(String id) {
        return jdbc.sql("SELECT storage_key, size_bytes, content_hash, created_at, mime_type, original_filename"
                        + " FROM tracks WHERE id = ?")
                .param(id)
                .query((rs, n) -> StreamService.forTrack(rs.getString(1), rs.getLong(2), rs.getString(3),
                        Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5), rs.getString(6)))
                .optional();
    }

    boolean trackExists(String id) {
        return jdbc.sql("SELECT 1 FROM tracks WHERE id = ?").param(id).query(Integer.class).optional().isPresent();
    }

    Optional<Servable> trackCover(String trackId, String version) {
        return cover("SELECT c.hash, c.size_bytes, c.created_at, c.mime_type FROM tracks t"
                + " JOIN covers c ON c.hash = t.cover_hash WHERE t.id = ?", trackId, version);
    }

    /** The album's own cover, else the first cover among its tracks in disc and track order. */
    Optional<Servable> albumCover(String albumId, String version) {
        return cover("SELECT c.hash, c.size_bytes, c.created_at, c.mime_type FROM albums al JOIN covers c"
                + " ON c.hash = COALESCE(al.cover_hash, (SELECT t.cover_hash FROM tracks t WHERE t.album_id = al.id"
                + " AND t.cover_hash IS NOT NULL ORDER BY t.disc_no, t.track_no LIMIT 1)) WHERE al.id = ?",
                albumId, version);
    }

    private Optional<Servable> cover(String sql, String id, String version) {
        return jdbc.sql(sql).param(id)
                .query((rs, n) -> {
                    String hash = rs.getString(1);
                    String cache = hash.equals(version) ? IMMUTABLE_CACHE_CONTROL : COVER_CACHE_CONTROL;
                    // Covers are content-addressed: the blob's key is its hash.
                    return new Servable(hash, rs.getLong(2), Servable.quote(hash),
                            Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4), null, cache);
                })
                .optional();
    }
}
