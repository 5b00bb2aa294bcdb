package io.teammusic.playlist;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AnnotationRepository {

    private final JdbcClient jdbc;

    AnnotationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Which kind of catalog item an id names, if any; ids are random, so they are unique across the tables. */
    Optional<ItemType> typeOf(String id) {
        return jdbc.sql("SELECT 'track' FROM tracks WHERE id = :id UNION ALL SELECT 'album' FROM albums WHERE id = :id"
                        + " UNION ALL SELECT 'artist' FROM artists WHERE id = :id")
                .param("id", id).query(String.class).list().stream().findFirst()
                .map(s -> ItemType.valueOf(s.toUpperCase(java.util.Locale.ROOT)));
    }

    boolean exists(ItemType type, String id) {
        String table = switch (type) {
            case TRACK -> "tracks";
            case ALBUM -> "albums";
            case ARTIST -> "artists";
        };
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE id = ?").param(id).query(Long.class).single() > 0;
    }

    void star(String userId, ItemType type, String id, long now) {
        // The first star's time is kept: "starred" lists sort by when the user first liked it.
        jdbc.sql("INSERT INTO annotations (user_id, item_type, item_id, starred_at) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (user_id, item_type, item_id) DO UPDATE SET"
                        + " starred_at = COALESCE(annotations.starred_at, excluded.starred_at)")
                .params(userId, type.db(), id, now).update();
    }

    void unstar(String userId, ItemType type, String id) {
        jdbc.sql("UPDATE annotations SET starred_at = NULL WHERE user_id = ? AND item_type = ? AND item_id = ?")
                .params(userId, type.db(), id).update();
    }

    void rate(String userId, ItemType type, String id, Integer rating) {
        jdbc.sql("INSERT INTO annotations (user_id, item_type, item_id, rating) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (user_id, item_type, item_id) DO UPDATE SET rating = excluded.rating")
                .params(userId, type.db(), id, rating).update();
    }

    void played(String userId, ItemType type, String id, long at) {
        jdbc.sql("INSERT INTO annotations (user_id, item_type, item_id, play_count, last_played_at)"
                        + " VALUES (?, ?, ?, 1, ?) ON CONFLICT (user_id, item_type, item_id) DO UPDATE SET"
                        + " play_count = annotations.play_count + 1,"
                        + " last_played_at = CASE WHEN annotations.last_played_at IS NULL"
                        + " OR annotations.last_played_at < excluded.last_played_at"
                        + " THEN excluded.last_played_at ELSE annotations.last_played_at END")
                .params(userId, type.db(), id, at).update();
    }

    Optional<String> albumOf(String trackId) {
        return jdbc.sql("SELECT album_id FROM tracks WHERE id = ? AND album_id IS NOT NULL").param(trackId)
                .query(String.class).optional();
    }

    List<String> artistsOf(String trackId) {
        return jdbc.sql("SELECT artist_id FROM track_artists WHERE track_id = ? ORDER BY position").param(trackId)
                .query(String.class).list();
    }

    /** The track ids of one of the user's lists, best first. */
    List<String> trackList(String userId, String list, int size) {
        String sql = switch (list) {
            case "recently-added" -> "SELECT t.id FROM tracks t ORDER BY t.created_at DESC, t.id LIMIT :size";
            case "random" -> "SELECT t.id FROM tracks t ORDER BY RANDOM() LIMIT :size";
            case "most-played" -> "SELECT a.item_id FROM annotations a JOIN tracks t ON t.id = a.item_id"
                    + " WHERE a.user_id = :me AND a.item_type = 'track' AND a.play_count > 0"
                    + " ORDER BY a.play_count DESC, a.last_played_at DESC, a.item_id LIMIT :size";
            case "recently-played" -> "SELECT a.item_id FROM annotations a JOIN tracks t ON t.id = a.item_id"
                    + " WHERE a.user_id = :me AND a.item_type = 'track' AND a.last_played_at IS NOT NULL"
                    + " ORDER BY a.last_played_at DESC, a.item_id LIMIT :size";
            case "favourites" -> "SELECT a.item_id FROM annotations a JOIN tracks t ON t.id = a.item_id"
                    + " WHERE a.user_id = :me AND a.item_type = 'track' AND a.starred_at IS NOT NULL"
                    + " ORDER BY a.starred_at DESC, a.item_id LIMIT :size";
            default -> throw new IllegalArgumentException(list);
        };
        var q = jdbc.sql(sql).param("size", size);
        if (sql.contains(":me")) {
            q = q.param("me", userId);
        }
        return q.query(String.class).list();
    }

    /** The user's annotations of the given items, by item id. */
    java.util.Map<String, Annotation> of(String userId, ItemType type, List<String> ids) {
        var out = new java.util.HashMap<String, Annotation>();
        if (ids.isEmpty()) {
            return out;
        }
        jdbc.sql("SELECT item_type, item_id, starred_at, rating, play_count, last_played_at FROM annotations"
                        + " WHERE user_id = :me AND item_type = :type AND item_id IN (:ids)")
                .param("me", userId).param("type", type.db()).param("ids", ids)
                .query((rs, n) -> map(rs)).list().forEach(a -> out.put(a.itemId(), a));
        return out;
    }

    /** Display names of items, for the favourites list. */
    java.util.Map<String, String> names(ItemType type, List<String> ids) {
        var out = new java.util.HashMap<String, String>();
        if (ids.isEmpty()) {
            return out;
        }
        String sql = switch (type) {
            case TRACK -> "SELECT id, title AS name FROM tracks WHERE id IN (:ids)";
            case ALBUM -> "SELECT id, title AS name FROM albums WHERE id IN (:ids)";
            case ARTIST -> "SELECT id, name FROM artists WHERE id IN (:ids)";
        };
        jdbc.sql(sql).param("ids", ids).query((rs, n) -> java.util.Map.entry(rs.getString("id"),
                rs.getString("name"))).list().forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    List<Annotation> starred(String userId) {
        return jdbc.sql("SELECT item_type, item_id, starred_at, rating, play_count, last_played_at FROM annotations"
                        + " WHERE user_id = ? AND starred_at IS NOT NULL ORDER BY starred_at DESC, item_id")
                .param(userId).query((rs, n) -> map(rs)).list();
    }

    private static Annotation map(java.sql.ResultSet rs) throws java.sql.SQLException {
        long starred = rs.getLong("starred_at");
        Instant starredAt = rs.wasNull() ? null : Instant.ofEpochMilli(starred);
        long played = rs.getLong("last_played_at");
        Instant lastPlayed = rs.wasNull() ? null : Instant.ofEpochMilli(played);
        int rating = rs.getInt("rating");
        Integer r = rs.wasNull() ? null : rating;
        ItemType type = ItemType.valueOf(rs.getString("item_type").toUpperCase(java.util.Locale.ROOT));
        return new Annotation(type, rs.getString("item_id"), starredAt, r, rs.getInt("play_count"), lastPlayed);
    }
}
