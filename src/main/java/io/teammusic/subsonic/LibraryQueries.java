package io.teammusic.subsonic;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Read queries over the catalog tables in the shapes Subsonic needs, joined with the caller's annotations. Every
 * list has a total order (ending in the id) so that paging clients, which sync whole libraries page by page, never
 * see an item twice or miss one.
 */
@Repository
class LibraryQueries {

    private static final String SONG = "SELECT t.id, t.title, t.album_id, al.title AS album_title,"
            + " al.album_artist_id, al.cover_hash AS album_cover, t.cover_hash, t.artist_display,"
            + " (SELECT ta.artist_id FROM track_artists ta WHERE ta.track_id = t.id ORDER BY ta.position LIMIT 1)"
            + " AS artist_id,"
            + " t.track_no, t.disc_no, t.year,"
            + " (SELECT g.name FROM track_genres tg JOIN genres g ON g.id = tg.genre_id WHERE tg.track_id = t.id"
            + " ORDER BY tg.position LIMIT 1) AS genre,"
            + " t.size_bytes, t.mime_type, t.container, t.original_filename, t.duration_ms, t.bitrate_kbps,"
            + " t.sample_rate, t.channels, t.bits_per_sample, t.created_at, t.storage_key,"
            + " an.starred_at, an.rating, an.play_count, an.last_played_at"
            + " FROM tracks t LEFT JOIN albums al ON al.id = t.album_id"
            + " LEFT JOIN annotations an ON an.user_id = :me AND an.item_type = 'track' AND an.item_id = t.id";

    private static final String ALBUM = "SELECT al.id, al.title, al.album_artist_id, ar.name AS artist_name,"
            + " al.year, al.cover_hash, al.created_at,"
            + " (SELECT COUNT(*) FROM tracks t WHERE t.album_id = al.id) AS song_count,"
            + " (SELECT COALESCE(SUM(t.duration_ms), 0) FROM tracks t WHERE t.album_id = al.id) AS duration_ms,"
            + " (SELECT g.name FROM tracks t JOIN track_genres tg ON tg.track_id = t.id"
            + " JOIN genres g ON g.id = tg.genre_id WHERE t.album_id = al.id"
            + " ORDER BY COALESCE(t.disc_no, 0), COALESCE(t.track_no, 0), tg.position LIMIT 1) AS genre,"
            + " an.starred_at, an.rating, an.play_count, an.last_played_at"
            + " FROM albums al JOIN artists ar ON ar.id = al.album_artist_id"
            + " LEFT JOIN annotations an ON an.user_id = :me AND an.item_type = 'album' AND an.item_id = al.id";

    /** Albums without any track left are hidden everywhere. */
    private static final String HAS_TRACKS = " EXISTS (SELECT 1 FROM tracks t WHERE t.album_id = al.id)";

    private static final String ARTIST = "SELECT ar.id, ar.name, ar.sort_name,"
            + " (SELECT COUNT(*) FROM albums al WHERE al.album_artist_id = ar.id AND" + HAS_TRACKS + ") AS album_count,"
            + " (SELECT COUNT(*) FROM albums al WHERE al.album_artist_id = ar.id AND al.cover_hash IS NOT NULL)"
            + " AS covers,"
            + " an.starred_at, an.rating"
            + " FROM artists ar"
            + " LEFT JOIN annotations an ON an.user_id = :me AND an.item_type = 'artist' AND an.item_id = ar.id";

    private static final String SONG_ORDER = " ORDER BY COALESCE(t.disc_no, 0), COALESCE(t.track_no, 0),"
            + " t.title_norm, t.id";

    private final JdbcClient jdbc;

    LibraryQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- songs

    Optional<Library.Song> song(String me, String id) {
        return jdbc.sql(SONG + " WHERE t.id = :id").param("me", me).param("id", id).query(LibraryQueries::song)
                .optional();
    }

    List<Library.Song> songsOfAlbum(String me, String albumId) {
        return jdbc.sql(SONG + " WHERE t.album_id = :album" + SONG_ORDER).param("me", me).param("album", albumId)
                .query(LibraryQueries::song).list();
    }

    /** Songs in the given order of ids (a playlist); unknown ids are skipped, repeats kept. */
    List<Library.Song> songs(String me, List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        var byId = new java.util.HashMap<String, Library.Song>();
        List<String> distinct = ids.stream().distinct().toList();
        for (int i = 0; i < distinct.size(); i += 500) {
            jdbc.sql(SONG + " WHERE t.id IN (:ids)").param("me", me)
                    .param("ids", distinct.subList(i, Math.min(distinct.size(), i + 500)))
                    .query(LibraryQueries::song).list().forEach(s -> byId.put(s.id(), s));
        }
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    List<Library.Song> randomSongs(String me, int size, String genre, Integer fromYear, Integer toYear) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        String sql = SONG + filters(where, genre, fromYear, toYear) + " ORDER BY RANDOM() LIMIT :size";
        var q = jdbc.sql(sql).param("me", me).param("size", size);
        return bindFilters(q, genre, fromYear, toYear).query(LibraryQueries::song).list();
    }

    List<Library.Song> songsByGenre(String me, String genre, int count, int offset) {
        return jdbc.sql(SONG + " WHERE EXISTS (SELECT 1 FROM track_genres tg JOIN genres g ON g.id = tg.genre_id"
                        + " WHERE tg.track_id = t.id AND g.name_norm = :genre)"
                        + " ORDER BY t.title_norm, t.id LIMIT :count OFFSET :offset")
                .param("me", me).param("genre", io.teammusic.shared.Text.fold(genre)).param("count", count)
                .param("offset", offset).query(LibraryQueries::song).list();
    }

    List<Library.Song> starredSongs(String me) {
        return jdbc.sql(SONG + " WHERE an.starred_at IS NOT NULL ORDER BY an.starred_at DESC, t.id").param("me", me)
                .query(LibraryQueries::song).list();
    }

    /** Every song, a page at a time: the empty search that syncing clients page through. */
    List<Library.Song> allSongs(String me, int count, int offset) {
        // The page's ids first: with a plain OFFSET the database would build every skipped row, subqueries and all,
        // and a deep page of a big library would take seconds.
        return jdbc.sql(SONG + " JOIN (SELECT id AS pid FROM tracks ORDER BY title_norm, id"
                        + " LIMIT :count OFFSET :offset) page ON page.pid = t.id ORDER BY t.title_norm, t.id")
                .param("me", me).param("count", count).param("offset", offset).query(LibraryQueries::song).list();
    }

    private static String filters(StringBuilder where, String genre, Integer fromYear, Integer toYear) {
        if (genre != null) {
            where.append(" AND EXISTS (SELECT 1 FROM track_genres tg JOIN genres g ON g.id = tg.genre_id"
                    + " WHERE tg.track_id = t.id AND g.name_norm = :genre)");
        }
        if (fromYear != null) {
            where.append(" AND t.year >= :fromYear");
        }
        if (toYear != null) {
            where.append(" AND t.year <= :toYear");
        }
        return where.toString();
    }

    private static JdbcClient.StatementSpec bindFilters(JdbcClient.StatementSpec q, String genre, Integer fromYear,
            Integer toYear) {
        if (genre != null) {
            q = q.param("genre", io.teammusic.shared.Text.fold(genre));
        }
        if (fromYear != null) {
            q = q.param("fromYear", fromYear);
        }
        if (toYear != null) {
            q = q.param("toYear", toYear);
        }
        return q;
    }

    private static Library.Song song(ResultSet rs, int n) throws SQLException {
        String albumCover = rs.getString("album_cover");
        String cover = rs.getString("cover_hash");
        String albumId = rs.getString("album_id");
        // Songs that show their album's picture share the album's cover id, so clients fetch and cache it once.
        String coverArt = cover == null ? (albumCover == null ? null : albumId)
                : cover.equals(albumCover) ? albumId : rs.getString("id");
        String file = rs.getString("original_filename");
        int dot = file == null ? -1 : file.lastIndexOf('.');
        String suffix = dot > 0 && dot < file.length() - 1 ? file.substring(dot + 1).toLowerCase(Locale.ROOT)
                : rs.getString("container");
        return new Library.Song(rs.getString("id"), rs.getString("title"), albumId, rs.getString("album_title"),
                rs.getString("artist_id"), rs.getString("artist_display"), rs.getString("album_artist_id"),
                integer(rs, "track_no"), integer(rs, "disc_no"), integer(rs, "year"), rs.getString("genre"),
                coverArt, rs.getLong("size_bytes"), rs.getString("mime_type"), suffix, longValue(rs, "duration_ms"),
                integer(rs, "bitrate_kbps"), integer(rs, "sample_rate"), integer(rs, "channels"),
                integer(rs, "bits_per_sample"), file, instant(rs, "created_at"), instant(rs, "starred_at"),
                integer(rs, "rating"), rs.getInt("play_count"), instant(rs, "last_played_at"),
                rs.getString("storage_key"));
    }

    // ---- albums

    Optional<Library.Album> album(String me, String id) {
        return jdbc.sql(ALBUM + " WHERE al.id = :id").param("me", me).param("id", id).query(LibraryQueries::album)
                .optional();
    }

    /** Albums in the given order of ids; unknown ids are skipped. */
    List<Library.Album> albums(String me, List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        var byId = new java.util.HashMap<String, Library.Album>();
        jdbc.sql(ALBUM + " WHERE al.id IN (:ids)").param("me", me).param("ids", ids).query(LibraryQueries::album)
                .list().forEach(a -> byId.put(a.id(), a));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    List<Library.Album> albumsOfArtist(String me, String artistId) {
        return jdbc.sql(ALBUM + " WHERE al.album_artist_id = :artist AND" + HAS_TRACKS
                        + " ORDER BY COALESCE(al.year, 0), al.title_norm, al.id")
                .param("me", me).param("artist", artistId).query(LibraryQueries::album).list();
    }

    /** The album lists of getAlbumList(2); the caller validated {@code type} and its parameters. */
    List<Library.Album> albumList(String me, String type, int size, int offset, Integer fromYear, Integer toYear,
            String genre) {
        String where = " WHERE" + HAS_TRACKS;
        String order;
        switch (type) {
            case "random" -> order = " ORDER BY RANDOM()";
            case "newest" -> order = " ORDER BY al.created_at DESC, al.id";
            case "highest" -> {
                where += " AND an.rating IS NOT NULL";
                order = " ORDER BY an.rating DESC, al.title_norm, al.id";
            }
            case "frequent" -> {
                where += " AND an.play_count > 0";
                order = " ORDER BY an.play_count DESC, al.title_norm, al.id";
            }
            case "recent" -> {
                where += " AND an.last_played_at IS NOT NULL";
                order = " ORDER BY an.last_played_at DESC, al.id";
            }
            case "alphabeticalByName" -> order = " ORDER BY al.title_norm, al.id";
            case "alphabeticalByArtist" -> order = " ORDER BY ar.sort_name, COALESCE(al.year, 0), al.title_norm, al.id";
            case "starred" -> {
                where += " AND an.starred_at IS NOT NULL";
                order = " ORDER BY an.starred_at DESC, al.id";
            }
            case "byYear" -> {
                where += " AND al.year BETWEEN :lo AND :hi";
                order = fromYear <= toYear ? " ORDER BY al.year, al.title_norm, al.id"
                        : " ORDER BY al.year DESC, al.title_norm, al.id";
            }
            case "byGenre" -> {
                where += " AND EXISTS (SELECT 1 FROM tracks t JOIN track_genres tg ON tg.track_id = t.id"
                        + " JOIN genres g ON g.id = tg.genre_id WHERE t.album_id = al.id AND g.name_norm = :genre)";
                order = " ORDER BY al.title_norm, al.id";
            }
            default -> throw new IllegalArgumentException(type);
        }
        // Page the ids first, as in allSongs, then build the full rows of that page only.
        String page = "SELECT al.id AS pid FROM albums al JOIN artists ar ON ar.id = al.album_artist_id"
                + " LEFT JOIN annotations an ON an.user_id = :me AND an.item_type = 'album' AND an.item_id = al.id"
                + where + order + " LIMIT :size OFFSET :offset";
        var q = jdbc.sql(ALBUM + " JOIN (" + page + ") page ON page.pid = al.id" + order).param("me", me)
                .param("size", size).param("offset", offset);
        if ("byYear".equals(type)) {
            q = q.param("lo", Math.min(fromYear, toYear)).param("hi", Math.max(fromYear, toYear));
        }
        if ("byGenre".equals(type)) {
            q = q.param("genre", io.teammusic.shared.Text.fold(genre));
        }
        return q.query(LibraryQueries::album).list();
    }

    List<Library.Album> starredAlbums(String me) {
        return albumList(me, "starred", Integer.MAX_VALUE, 0, null, null, null);
    }

    List<Library.Album> allAlbums(String me, int count, int offset) {
        return jdbc.sql(ALBUM + " JOIN (SELECT al.id AS pid FROM albums al WHERE" + HAS_TRACKS
                        + " ORDER BY al.title_norm, al.id LIMIT :count OFFSET :offset) page ON page.pid = al.id"
                        + " ORDER BY al.title_norm, al.id")
                .param("me", me).param("count", count).param("offset", offset).query(LibraryQueries::album).list();
    }

    private static Library.Album album(ResultSet rs, int n) throws SQLException {
        String id = rs.getString("id");
        return new Library.Album(id, rs.getString("title"), rs.getString("album_artist_id"),
                rs.getString("artist_name"), rs.getString("cover_hash") == null ? null : id,
                rs.getInt("song_count"), rs.getLong("duration_ms"), instant(rs, "created_at"), integer(rs, "year"),
                rs.getString("genre"), instant(rs, "starred_at"), integer(rs, "rating"), rs.getInt("play_count"),
                instant(rs, "last_played_at"));
    }

    // ---- artists

    Optional<Library.Artist> artist(String me, String id) {
        return jdbc.sql(ARTIST + " WHERE ar.id = :id").param("me", me).param("id", id)
                .query(LibraryQueries::artist).optional();
    }

    /** Artists in the given order of ids; unknown ids are skipped. */
    List<Library.Artist> artists(String me, List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        var byId = new java.util.HashMap<String, Library.Artist>();
        jdbc.sql(ARTIST + " WHERE ar.id IN (:ids)").param("me", me).param("ids", ids).query(LibraryQueries::artist)
                .list().forEach(a -> byId.put(a.id(), a));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    /** Artists with at least one album, in sort-name order: the index of getArtists and getIndexes. */
    List<Library.Artist> albumArtists(String me) {
        return jdbc.sql(ARTIST + " WHERE EXISTS (SELECT 1 FROM albums al WHERE al.album_artist_id = ar.id AND"
                        + HAS_TRACKS + ") ORDER BY ar.sort_name, ar.id")
                .param("me", me).query(LibraryQueries::artist).list();
    }

    List<Library.Artist> starredArtists(String me) {
        return jdbc.sql(ARTIST + " WHERE an.starred_at IS NOT NULL ORDER BY an.starred_at DESC, ar.id")
                .param("me", me).query(LibraryQueries::artist).list();
    }

    /** Every artist (album artists and those who only appear on tracks), a page at a time. */
    List<Library.Artist> allArtists(String me, int count, int offset) {
        return jdbc.sql(ARTIST + " ORDER BY ar.sort_name, ar.id LIMIT :count OFFSET :offset")
                .param("me", me).param("count", count).param("offset", offset).query(LibraryQueries::artist).list();
    }

    record Genre(String name, int songCount, int albumCount) {
    }

    List<Genre> genres() {
        return jdbc.sql("SELECT g.name, COUNT(DISTINCT tg.track_id) AS songs, COUNT(DISTINCT t.album_id) AS albums"
                        + " FROM genres g JOIN track_genres tg ON tg.genre_id = g.id"
                        + " JOIN tracks t ON t.id = tg.track_id"
                        + " GROUP BY g.id, g.name, g.name_norm ORDER BY g.name_norm")
                .query((rs, n) -> new Genre(rs.getString("name"), rs.getInt("songs"), rs.getInt("albums"))).list();
    }

    long songCount() {
        return jdbc.sql("SELECT COUNT(*) FROM tracks").query(Long.class).single();
    }

    /** When the catalog last changed, for getIndexes' ifModifiedSince. */
    long lastModified() {
        Long t = jdbc.sql("SELECT MAX(updated_at) FROM tracks").query(Long.class).optional().orElse(null);
        return t == null ? 0 : t;
    }

    /** The cover blob behind a coverArt id: a track's own picture, or an album's, or an artist's first album's. */
    Optional<String> coverHash(String id) {
        return jdbc.sql("SELECT cover_hash FROM tracks WHERE id = :id AND cover_hash IS NOT NULL"
                        + " UNION ALL SELECT cover_hash FROM albums WHERE id = :id AND cover_hash IS NOT NULL"
                        + " UNION ALL SELECT cover_hash FROM (SELECT cover_hash FROM albums"
                        + " WHERE album_artist_id = :id AND cover_hash IS NOT NULL"
                        + " ORDER BY COALESCE(year, 0), title_norm LIMIT 1) x")
                .param("id", id).query(String.class).list().stream().findFirst();
    }

    Optional<String> coverMime(String hash) {
        return jdbc.sql("SELECT mime_type FROM covers WHERE hash = ?").param(hash).query(String.class).optional();
    }

    private static Library.Artist artist(ResultSet rs, int n) throws SQLException {
        String id = rs.getString("id");
        return new Library.Artist(id, rs.getString("name"), rs.getString("sort_name"), rs.getInt("album_count"),
                rs.getInt("covers") > 0 ? id : null, instant(rs, "starred_at"), integer(rs, "rating"));
    }

    // ---- helpers

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static Long longValue(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }
}
