import io.teammusic.shared.Text;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.flywaydb.core.Flyway;

/**
 * Fills a fresh SQLite database, migrated with the app's own Flyway scripts, with a synthetic catalog: ARTISTS
 * artists, ALBUMS albums, TRACKS tracks, titles in Latin with accents, Cyrillic, Japanese and Thai. Seeded, so
 * every run builds the same catalog. The rows go in at schema version 1 and the later migrations then run over
 * them, as an upgrade of a full library would: the search migration's backfill builds the indexes in bulk, much
 * faster than its per-row triggers would (the tests cover those).
 *
 * <p>The same catalog goes into PostgreSQL when DB is a {@code jdbc:postgresql:} URL (batches rewritten into
 * multi-row inserts by the driver), migrated with the PostgreSQL scripts.
 *
 * <p>Usage: {@code java -cp CLASSPATH GenerateCatalog.java DB_FILE|JDBC_URL [TRACKS]}
 */
public class GenerateCatalog {

    private static final char[] ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    public static void main(String[] args) throws Exception {
        int tracks = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int albums = Math.max(1, tracks / 10);
        int artists = Math.max(1, tracks * 3 / 100);
        boolean postgres = args[0].startsWith("jdbc:postgresql:");
        String url;
        Path db = null;
        if (postgres) {
            url = args[0] + (args[0].contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
        } else {
            db = Path.of(args[0]);
            Files.createDirectories(db.toAbsolutePath().getParent());
            for (String suffix : List.of("", "-wal", "-shm")) {
                Files.deleteIfExists(Path.of(db + suffix));
            }
            // A throwaway database being built: durability buys nothing here.
            url = "jdbc:sqlite:" + db.toAbsolutePath() + "?journal_mode=OFF&synchronous=OFF&cache_size=-262144";
        }
        vendor = postgres ? "postgresql" : "sqlite";
        long t0 = System.nanoTime();
        migrate(url, "1");
        Random r = new Random(42);
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            long now = System.currentTimeMillis();
            List<String> artistIds = new ArrayList<>(artists);
            List<String> artistNames = new ArrayList<>(artists);
            Set<String> norms = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO artists (id, name, name_norm, sort_name,"
                    + " created_at) VALUES (?, ?, ?, ?, ?)")) {
                String various = "Various Artists";
                insertArtist(ps, id(r), various, now, artistIds, artistNames, norms);
                while (artistIds.size() < artists) {
                    String name = Words.pick(r, Words.FIRST) + " " + Words.pick(r, Words.LAST)
                            + (r.nextInt(3) == 0 ? " " + Words.title(r, 1) : "");
                    insertArtist(ps, id(r), name, now, artistIds, artistNames, norms);
                }
                ps.executeBatch();
            }
            c.commit();
            System.out.printf("artists: %d in %.1f s%n", artistIds.size(), (System.nanoTime() - t0) / 1e9);
            List<String> albumIds = new ArrayList<>(albums);
            List<Integer> albumArtist = new ArrayList<>(albums);
            List<Integer> albumYear = new ArrayList<>(albums);
            Set<String> albumKeys = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO albums (id, title, title_norm,"
                    + " album_artist_id, year, compilation, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < albums; i++) {
                    boolean compilation = r.nextInt(20) == 0;
                    int artist = compilation ? 0 : 1 + r.nextInt(artistIds.size() - 1);
                    String title = Words.title(r, 1 + r.nextInt(3));
                    if (!albumKeys.add(artist + "/" + Text.fold(title))) {
                        // (album artist, title) is unique in the schema: a second volume.
                        title = title + " Vol. " + i;
                    }
                    int year = 1960 + r.nextInt(65);
                    String id = id(r);
                    ps.setString(1, id);
                    ps.setString(2, title);
                    ps.setString(3, Text.fold(title));
                    ps.setString(4, artistIds.get(artist));
                    ps.setInt(5, year);
                    ps.setInt(6, compilation ? 1 : 0);
                    ps.setLong(7, now - r.nextInt(1_000_000_000));
                    ps.addBatch();
                    albumIds.add(id);
                    albumArtist.add(compilation ? -1 : artist);
                    albumYear.add(year);
                    if (i % 10_000 == 9_999) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            c.commit();
            System.out.printf("albums: %d in %.1f s%n", albums, (System.nanoTime() - t0) / 1e9);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO tracks (id, content_hash, storage_key,"
                    + " size_bytes, mime_type, container, codec, original_filename, title, title_norm,"
                    + " artist_display, album_id, track_no, disc_no, year, duration_ms, created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, 'audio/mpeg', 'mp3', 'mp3', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement link = c.prepareStatement("INSERT INTO track_artists (track_id, artist_id,"
                            + " position) VALUES (?, ?, 0)")) {
                for (int i = 0; i < tracks; i++) {
                    int album = r.nextInt(albums);
                    // Most tracks are by their album's artist; compilations and guests by anyone else.
                    int artist = albumArtist.get(album) >= 0 && r.nextInt(5) > 0 ? albumArtist.get(album)
                            : 1 + r.nextInt(artistIds.size() - 1);
                    String artistId = artistIds.get(artist);
                    String title = Words.title(r, 1 + r.nextInt(4));
                    String id = id(r);
                    String hash = String.format("%064x", i);
                    long created = now - r.nextInt(1_000_000_000);
                    ps.setString(1, id);
                    ps.setString(2, hash);
                    ps.setString(3, "audio/" + hash);
                    ps.setLong(4, 3_000_000 + r.nextInt(6_000_000));
                    ps.setString(5, "track" + i + ".mp3");
                    ps.setString(6, title);
                    ps.setString(7, Text.fold(title));
                    ps.setString(8, artistNames.get(artist));
                    ps.setString(9, albumIds.get(album));
                    ps.setInt(10, 1 + r.nextInt(14));
                    ps.setInt(11, 1);
                    ps.setInt(12, albumYear.get(album));
                    ps.setLong(13, 90_000 + r.nextInt(300_000));
                    ps.setLong(14, created);
                    ps.setLong(15, created);
                    ps.addBatch();
                    link.setString(1, id);
                    link.setString(2, artistId);
                    link.addBatch();
                    if (i % 10_000 == 9_999) {
                        ps.executeBatch();
                        link.executeBatch();
                    }
                    if (i % 100_000 == 99_999) {
                        c.commit();
                        System.out.printf("tracks: %d in %.1f s%n", i + 1, (System.nanoTime() - t0) / 1e9);
                    }
                }
                ps.executeBatch();
                link.executeBatch();
            }
            c.commit();
        }
        System.out.printf("rows in at %.1f s; migrating to the latest schema%n", (System.nanoTime() - t0) / 1e9);
        migrate(url, "latest");
        try (Connection c = DriverManager.getConnection(url)) {
            try (Statement s = c.createStatement()) {
                if (postgres) {
                    s.execute("VACUUM ANALYZE");
                    System.out.printf("done: %d tracks, %d albums, %d artists in %.1f s%n", tracks, albums,
                            artists, (System.nanoTime() - t0) / 1e9);
                    return;
                }
                s.execute("INSERT INTO track_search (track_search) VALUES ('optimize')");
                s.execute("INSERT INTO album_search (album_search) VALUES ('optimize')");
                s.execute("INSERT INTO artist_search (artist_search) VALUES ('optimize')");
                s.execute("INSERT INTO track_words (track_words) VALUES ('optimize')");
                s.execute("INSERT INTO album_words (album_words) VALUES ('optimize')");
                s.execute("ANALYZE");
                s.execute("PRAGMA journal_mode=WAL");
            }
        }
        System.out.printf("done: %d tracks, %d albums, %d artists in %.1f s, %d MB%n", tracks, albums, artists,
                (System.nanoTime() - t0) / 1e9, Files.size(db) >> 20);
    }

    private static String vendor;

    private static void migrate(String url, String target) {
        Flyway.configure().dataSource(url, null, null).target(target)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor).load().migrate();
        System.out.printf("migrated to %s%n", target);
    }

    private static void insertArtist(PreparedStatement ps, String id, String name, long now, List<String> ids,
            List<String> names, Set<String> norms) throws Exception {
        String norm = Text.fold(name);
        if (!norms.add(norm)) {
            // Name taken (names are unique once folded): a numbered namesake, as tags sometimes have.
            name = name + " " + ids.size();
            norm = Text.fold(name);
            norms.add(norm);
        }
        ps.setString(1, id);
        ps.setString(2, name);
        ps.setString(3, norm);
        ps.setString(4, name);
        ps.setLong(5, now);
        ps.addBatch();
        ids.add(id);
        names.add(name);
    }

    /** Ids in the app's format (22 characters), from the seeded generator so runs repeat. */
    private static String id(Random r) {
        char[] out = new char[22];
        for (int i = 0; i < out.length; i++) {
            out[i] = ALPHABET[r.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }
}
