package io.teammusic.streaming;

import io.teammusic.shared.Ids;
import io.teammusic.storage.BlobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Puts tracks and covers straight into the blob store and the schema, the way ingest stores them
 * (content-addressed blobs, a row committed after the blob), so streaming is tested without the upload path.
 */
final class TestTracks {

    /** Whole seconds: Last-Modified has no finer resolution, so the tests can compare it exactly. */
    static final long CREATED_AT = 1_767_225_600_000L;

    private final BlobStore blobs;
    private final JdbcClient jdbc;

    TestTracks(BlobStore blobs, JdbcClient jdbc) {
        this.blobs = blobs;
        this.jdbc = jdbc;
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Stores {@code bytes} as a track and returns its id. */
    String track(byte[] bytes, String mimeType, String fileName) {
        String hash = put(bytes, mimeType);
        String id = Ids.newId();
        jdbc.sql("INSERT INTO tracks (id, content_hash, storage_key, size_bytes, mime_type, container, codec,"
                        + " original_filename, title, title_norm, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, 'test', 'test', ?, ?, ?, ?, ?)")
                .params(id, hash, hash, bytes.length, mimeType, fileName, fileName, fileName.toLowerCase(),
                        CREATED_AT, CREATED_AT)
                .update();
        return id;
    }

    /** Stores {@code bytes} as a cover image and returns its hash. */
    String cover(byte[] bytes, String mimeType) {
        String hash = put(bytes, mimeType);
        jdbc.sql("INSERT INTO covers (hash, mime_type, size_bytes, created_at) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (hash) DO NOTHING")
                .params(hash, mimeType, bytes.length, CREATED_AT).update();
        return hash;
    }

    void setTrackCover(String trackId, String coverHash) {
        jdbc.sql("UPDATE tracks SET cover_hash = ? WHERE id = ?").params(coverHash, trackId).update();
    }

    /** An album (with a fresh artist) holding {@code trackIds}; returns the album id. */
    String album(String coverHash, String... trackIds) {
        String artist = Ids.newId();
        String name = "Artist " + artist;
        jdbc.sql("INSERT INTO artists (id, name, name_norm, sort_name, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(artist, name, name.toLowerCase(), name, CREATED_AT).update();
        String album = Ids.newId();
        jdbc.sql("INSERT INTO albums (id, title, title_norm, album_artist_id, cover_hash, created_at)"
                        + " VALUES (?, 'Album', 'album', ?, ?, ?)")
                .params(album, artist, coverHash, CREATED_AT).update();
        int n = 1;
        for (String t : trackIds) {
            jdbc.sql("UPDATE tracks SET album_id = ?, track_no = ? WHERE id = ?").params(album, n++, t).update();
        }
        return album;
    }

    private String put(byte[] bytes, String mimeType) {
        try {
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            Path tmp = Files.createTempFile("teammusic-blob-", ".bin");
            try {
                Files.write(tmp, bytes);
                blobs.put(hash, tmp, mimeType);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return hash;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
