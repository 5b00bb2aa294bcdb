package io.teammusic.subsonic;

import io.teammusic.shared.Ids;
import io.teammusic.shared.Text;
import io.teammusic.storage.BlobStore;
import io.teammusic.testing.SystemTools;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.imageio.ImageIO;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Puts an artist with one album of real audio (tones made by ffmpeg) into the catalog tables directly, the way
 * ingest would, so the Subsonic tests can run without the upload pipeline. Names get a random suffix: all test
 * classes share one server and database.
 */
final class LibraryFixture {

    record Album(String artistId, String artistName, String albumId, String albumTitle, List<String> trackIds,
            List<Path> files, String coverHash) {
    }

    private final JdbcClient jdbc;
    private final BlobStore blobs;
    private final Path work;

    LibraryFixture(JdbcClient jdbc, BlobStore blobs) {
        this.jdbc = jdbc;
        this.blobs = blobs;
        try {
            this.work = Files.createTempDirectory("subsonic-fixture-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String unique(String base) {
        return base + " " + Ids.newId().substring(0, 6).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]", "x");
    }

    Album album(String artist, String title, int tracks, boolean withCover) throws Exception {
        String ffmpeg = SystemTools.require("ffmpeg", "ffmpeg");
        long now = System.currentTimeMillis();
        String artistId = Ids.newId();
        jdbc.sql("INSERT INTO artists (id, name, name_norm, sort_name, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(artistId, artist, Text.fold(artist), Text.fold(artist), now).update();
        String coverHash = null;
        if (withCover) {
            BufferedImage img = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
            var g = img.createGraphics();
            g.setColor(new Color((int) (Math.random() * 0xFFFFFF)));
            g.fillRect(0, 0, 400, 300);
            g.dispose();
            Path png = work.resolve(Ids.newId() + ".png");
            ImageIO.write(img, "png", png.toFile());
            coverHash = sha256(png);
            blobs.put(coverHash, png, "image/png");
            jdbc.sql("INSERT INTO covers (hash, mime_type, size_bytes, width, height, created_at)"
                    + " VALUES (?, 'image/png', ?, 400, 300, ?)").params(coverHash, Files.size(png), now).update();
        }
        String albumId = Ids.newId();
        jdbc.sql("INSERT INTO albums (id, title, title_norm, album_artist_id, year, cover_hash, created_at)"
                        + " VALUES (?, ?, ?, ?, 2024, ?, ?)")
                .params(albumId, title, Text.fold(title), artistId, coverHash, now).update();
        String genreId = jdbc.sql("SELECT id FROM genres WHERE name_norm = 'testgenre'").query(String.class)
                .optional().orElseGet(() -> {
                    String id = Ids.newId();
                    jdbc.sql("INSERT INTO genres (id, name, name_norm) VALUES (?, 'Testgenre', 'testgenre')")
                            .param(id).update();
                    return id;
                });
        List<String> ids = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= tracks; i++) {
            Path mp3 = work.resolve(Ids.newId() + ".mp3");
            Process p = new ProcessBuilder(ffmpeg, "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i",
                    "sine=frequency=" + (200 + 37 * i + (int) (Math.random() * 500)) + ":duration=3", "-b:a", "128k",
                    // A random tone alone repeats across a suite run; a unique comment keeps every file's bytes apart.
                    "-metadata", "comment=" + Ids.newId(), mp3.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException("ffmpeg failed: " + out);
            }
            String hash = sha256(mp3);
            blobs.put(hash, mp3, "audio/mpeg");
            String id = Ids.newId();
            String trackTitle = "Song " + i + " of " + title;
            jdbc.sql("INSERT INTO tracks (id, content_hash, storage_key, size_bytes, mime_type, container, codec,"
                            + " original_filename, title, title_norm, artist_display, album_id, track_no, disc_no,"
                            + " year, duration_ms, bitrate_kbps, sample_rate, channels, cover_hash, created_at,"
                            + " updated_at) VALUES (?, ?, ?, ?, 'audio/mpeg', 'mp3', 'mp3', ?, ?, ?, ?, ?, ?, 1,"
                            + " 2024, 3000, 128, 44100, 1, ?, ?, ?)")
                    .params(id, hash, hash, Files.size(mp3), "track" + i + ".mp3", trackTitle, Text.fold(trackTitle),
                            artist, albumId, i, coverHash, now + i, now + i)
                    .update();
            jdbc.sql("INSERT INTO track_artists (track_id, artist_id, position) VALUES (?, ?, 0)")
                    .params(id, artistId).update();
            jdbc.sql("INSERT INTO track_genres (track_id, genre_id, position) VALUES (?, ?, 0)")
                    .params(id, genreId).update();
            ids.add(id);
            files.add(mp3);
        }
        return new Album(artistId, artist, albumId, title, ids, files, coverHash);
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
