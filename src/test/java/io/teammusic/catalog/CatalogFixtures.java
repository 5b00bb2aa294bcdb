package io.teammusic.catalog;

import io.teammusic.shared.Ids;
import io.teammusic.shared.Text;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes catalog rows straight into the database the way the ingest side does (names folded with
 * {@link Text#fold} into the *_norm columns), so read-side tests need no audio files.
 */
final class CatalogFixtures {

    private final JdbcClient jdbc;

    CatalogFixtures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The artist of that name, created when missing. */
    String artist(String name) {
        String norm = Text.fold(name);
        List<String> found = jdbc.sql("SELECT id FROM artists WHERE name_norm = ?").param(norm)
                .query(String.class).list();
        if (!found.isEmpty()) {
            return found.getFirst();
        }
        String id = Ids.newId();
        jdbc.sql("INSERT INTO artists (id, name, name_norm, sort_name, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(id, name, norm, name, System.currentTimeMillis()).update();
        return id;
    }

    String album(String title, String artistId, Integer year, boolean compilation, String coverHash) {
        String id = Ids.newId();
        jdbc.sql("INSERT INTO albums (id, title, title_norm, album_artist_id, year, compilation, cover_hash,"
                        + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, title, Text.fold(title), artistId, year, compilation ? 1 : 0, coverHash,
                        System.currentTimeMillis())
                .update();
        return id;
    }

    TrackSpec track(String title) {
        return new TrackSpec(title);
    }

    void delete(String trackId) {
        jdbc.sql("DELETE FROM tracks WHERE id = ?").param(trackId).update();
    }

    /** A track to insert; unset values stay null. */
    final class TrackSpec {
        private final String title;
        private List<String> artistIds = List.of();
        private String albumId;
        private Integer disc;
        private Integer number;
        private Integer year;
        private Long durationMs;
        private String coverHash;
        private long createdAt = System.currentTimeMillis();

        private TrackSpec(String title) {
            this.title = title;
        }

        TrackSpec artists(String... ids) {
            artistIds = List.of(ids);
            return this;
        }

        TrackSpec album(String id, Integer disc, Integer number) {
            albumId = id;
            this.disc = disc;
            this.number = number;
            return this;
        }

        TrackSpec year(Integer y) {
            year = y;
            return this;
        }

        TrackSpec duration(Long ms) {
            durationMs = ms;
            return this;
        }

        TrackSpec cover(String hash) {
            coverHash = hash;
            return this;
        }

        TrackSpec createdAt(long millis) {
            createdAt = millis;
            return this;
        }

        String insert() {
            String id = Ids.newId();
            String display = String.join(", ", artistIds.stream().map(a -> jdbc.sql(
                    "SELECT name FROM artists WHERE id = ?").param(a).query(String.class).single()).toList());
            jdbc.sql("INSERT INTO tracks (id, content_hash, storage_key, size_bytes, mime_type, container,"
                            + " original_filename, title, title_norm, artist_display, album_id, track_no, disc_no,"
                            + " year, duration_ms, cover_hash, created_at, updated_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(id, "hash-" + id, "audio/" + id, 1000L, "audio/mpeg", "mp3", title + ".mp3", title,
                            Text.fold(title), display.isEmpty() ? null : display, albumId, number, disc, year,
                            durationMs, coverHash, createdAt, createdAt)
                    .update();
            for (int i = 0; i < artistIds.size(); i++) {
                jdbc.sql("INSERT INTO track_artists (track_id, artist_id, position) VALUES (?, ?, ?)")
                        .params(id, artistIds.get(i), i).update();
            }
            return id;
        }
    }
}
