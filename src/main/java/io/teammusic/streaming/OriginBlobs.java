package io.teammusic.streaming;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Blobs by their storage key, as the CDN origin endpoint serves them: shared by every user who may hear them, so
 * no file name (that belongs to a track, not to its bytes) and a cache lifetime of a year.
 */
@Repository
class OriginBlobs {

    /** The key is the content's hash: the bytes behind this URL can never change. */
    static final String CACHE_CONTROL = "public, max-age=31536000, immutable";

    private final JdbcClient jdbc;

    OriginBlobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Servable> find(String storageKey) {
        Optional<Servable> audio = jdbc.sql("SELECT size_bytes, content_hash, created_at, mime_type FROM tracks"
                        + " WHERE storage_key = ? ORDER BY created_at LIMIT 1")
                .param(storageKey)
                .query((rs, n) -> new Servable(storageKey, rs.getLong(1), Servable.quote(rs.getString(2)),
                        Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4), null, CACHE_CONTROL))
                .optional();
        if (audio.isPresent()) {
            return audio;
        }
        return jdbc.sql("SELECT size_bytes, created_at, mime_type FROM covers WHERE hash = ?")
                .param(storageKey)
                .query((rs, n) -> new Servable(storageKey, rs.getLong(1), Servable.quote(storageKey),
                        Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), null, CACHE_CONTROL))
                .optional();
    }
}
