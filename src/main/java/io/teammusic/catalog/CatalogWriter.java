package io.teammusic.catalog;

import io.teammusic.shared.Ids;
import io.teammusic.shared.NotFoundException;
import io.teammusic.shared.Text;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.dao.DataAccessException;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The write side of the catalog: stores tracks and links them to artists, albums and genres (created on first
 * use, matched by folded name), edits and deletes them, and drops what a delete leaves empty.
 *
 * <p>Every write is one transaction whose first statement writes, and this writer runs one at a time. SQLite has a
 * single writer anyway; a transaction that read first and wrote later could otherwise fail with a stale snapshot
 * instead of waiting its turn. New tracks that arrive while a write runs are committed together afterwards (see
 * {@link #insert(NewTrack, Runnable)}).
 */
@Repository
public class CatalogWriter {

    /** Most rows one grouped commit takes; more waiting go in the next (a bound on one transaction's length). */
    static final int MAX_GROUP = 64;

    private static final Logger log = LoggerFactory.getLogger(CatalogWriter.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Inserts waiting for the next grouped commit, in arrival order. */
    private final ConcurrentLinkedQueue<PendingInsert> pending = new ConcurrentLinkedQueue<>();
    private final AtomicLong groups = new AtomicLong();

    public CatalogWriter(JdbcClient jdbc, PlatformTransactionManager txManager) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(txManager);
    }

    /** What a delete freed: blob keys that no row names any more, to remove after the commit. */
    public record Freed(List<String> blobKeys) {
    }

    /**
     * Stores a new track. Returns its id, or empty when a track with the same content hash exists already (the
     * UNIQUE constraint decides, so two concurrent inserts of the same bytes end in one row); nothing is written
     * then.
     */
    public Optional<String> insert(NewTrack t) {
        return insert(t, () -> { });
    }

    /**
     * Like {@link #insert(NewTrack)}, with {@code alongside} run in the same transaction right before the row is
     * written, so that both commit or neither does (the in-place importer records there the file the track will
     * read).
     *
     * <p>Inserts arriving while another commit runs are committed together in one transaction (a grouped commit:
     * one WAL commit for many rows instead of one each), each in a savepoint of its own, so a duplicate or a
     * failing row rolls back alone and the others still land. A caller returns only once its row is committed
     * (or known not to be): whatever the caller made durable before (its blobs) is so before the row commits.
     *
     * @throws RuntimeException what failed this row, or the commit of its group (then no row of the group is
     *         stored)
     */
    public Optional<String> insert(NewTrack t, Runnable alongside) {
        PendingInsert mine = new PendingInsert(t, alongside);
        pending.add(mine);
        while (!mine.done) {
            writeLock.lock();
            try {
                if (!mine.done) {
                    commitGroup();
                }
            } finally {
                writeLock.unlock();
            }
        }
        return mine.outcome();
    }

    /** One row waiting for a grouped commit; set by the committing thread under {@link #writeLock}. */
    private static final class PendingInsert {
        final NewTrack track;
        final Runnable alongside;
        Optional<String> id = Optional.empty();
        RuntimeException failure;
        volatile boolean done;

        PendingInsert(NewTrack track, Runnable alongside) {
            this.track = track;
            this.alongside = alongside;
        }

        Optional<String> outcome() {
            if (failure != null) {
                throw failure;
            }
            return id;
        }
    }

    /** Commits what is waiting (at most {@link #MAX_GROUP} rows) in one transaction, a savepoint per row. */
    private void commitGroup() {
        List<PendingInsert> group = new ArrayList<>();
        for (PendingInsert p; group.size() < MAX_GROUP && (p = pending.poll()) != null; ) {
            group.add(p);
        }
        try {
            tx.executeWithoutResult(status -> {
                for (PendingInsert p : group) {
                    Object savepoint = status.createSavepoint();
                    try {
                        p.alongside.run();
                        p.id = Optional.of(insertRow(p.track));
                        status.releaseSavepoint(savepoint);
                    } catch (Duplicate d) {
                        // Same bytes already stored: undo the artists/album/cover rows this attempt may have added.
                        status.rollbackToSavepoint(savepoint);
                        status.releaseSavepoint(savepoint);
                    } catch (RuntimeException e) {
                        status.rollbackToSavepoint(savepoint);
                        status.releaseSavepoint(savepoint);
                        p.failure = e;
                    }
                }
            });
            groups.incrementAndGet();
        } catch (RuntimeException | Error e) {
            // The transaction did not commit: no row of the group is stored, whatever each savepoint did.
            RuntimeException failed = e instanceof RuntimeException r ? r
                    : new IllegalStateException("the grouped commit failed", e);
            for (PendingInsert p : group) {
                p.id = Optional.empty();
                if (p.failure == null) {
                    p.failure = failed;
                }
            }
            if (e instanceof Error error) {
                throw error;
            }
        } finally {
            markDone(group);
        }
    }

    private static void markDone(List<PendingInsert> group) {
        for (PendingInsert p : group) {
            p.done = true;
        }
    }

    /** Grouped commits made so far (each holding one or more rows). */
    public long groupedCommits() {
        return groups.get();
    }

    /** Inserts queued for the next grouped commit (for tests that line up a group). */
    int waitingInserts() {
        return pending.size();
    }

    private String insertRow(NewTrack t) {
        long now = System.currentTimeMillis();
        List<String> artistIds = new ArrayList<>();
        for (String name : t.artists()) {
            String id = artist(name, now);
            if (!artistIds.contains(id)) {
                artistIds.add(id);
            }
        }
        String albumId = album(t, artistIds, now);
        if (t.cover() != null) {
            NewTrack.Cover c = t.cover();
            jdbc.sql("INSERT INTO covers (hash, mime_type, size_bytes, width, height, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING")
                    .params(c.hash(), c.mimeType(), c.sizeBytes(), c.width(), c.height(), now).update();
        }
        String id = Ids.newId();
        Track.MusicBrainz mb = t.musicbrainz() == null ? new Track.MusicBrainz(null, null, null, null, null)
                : t.musicbrainz();
        Track.ReplayGain rg = t.replayGain() == null ? new Track.ReplayGain(null, null, null, null)
                : t.replayGain();
        int inserted = jdbc.sql("INSERT INTO tracks (id, content_hash, storage_key, size_bytes, mime_type,"
                        + " container, codec, original_filename, title, title_norm, artist_display, album_id,"
                        + " track_no, track_total, disc_no, disc_total, year, composer, mb_track_id,"
                        + " mb_recording_id, mb_release_id, mb_artist_id, mb_album_artist_id, rg_track_gain,"
                        + " rg_track_peak, rg_album_gain, rg_album_peak, duration_ms, bitrate_kbps,"
                        + " sample_rate, channels, bits_per_sample, cover_hash, created_at, updated_at,"
                        + " album_artist_tagged)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (content_hash) DO NOTHING")
                .params(id, t.contentHash(), t.storageKey(), t.sizeBytes(), t.mimeType(), t.container(),
                        t.codec(), t.originalFilename(), t.title(), Text.fold(t.title()), t.artistDisplay(),
                        albumId, t.trackNumber(), t.trackTotal(), t.discNumber(), t.discTotal(), t.year(),
                        t.composer(), mb.trackId(), mb.recordingId(), mb.releaseId(), mb.artistId(),
                        mb.albumArtistId(), rg.trackGain(), rg.trackPeak(), rg.albumGain(), rg.albumPeak(),
                        t.durationMs(), t.bitrateKbps(), t.sampleRate(), t.channels(), t.bitsPerSample(),
                        t.cover() == null ? null : t.cover().hash(), now, now, t.albumArtist() != null ? 1 : 0)
                .update();
        if (inserted == 0) {
            throw new Duplicate();
        }
        linkArtists(id, artistIds);
        linkGenres(id, t.genres());
        return id;
    }

    /** Applies corrected tags; relinks artists, album and genres and drops the ones left empty. */
    public void update(String id, TrackEdit e) {
        inTransaction(() -> {
            long now = System.currentTimeMillis();
            // Write first (see the class comment), then read the row as this transaction now owns it.
            int touched = jdbc.sql("UPDATE tracks SET updated_at = ? WHERE id = ?").params(now, id).update();
            if (touched == 0) {
                throw new NotFoundException("track", id);
            }
            var row = jdbc.sql("SELECT t.album_id, t.year, al.title AS album_title, aa.name AS album_artist,"
                            + " al.compilation FROM tracks t LEFT JOIN albums al ON al.id = t.album_id"
                            + " LEFT JOIN artists aa ON aa.id = al.album_artist_id WHERE t.id = ?")
                    .param(id).query((rs, n) -> new String[] {rs.getString(1), rs.getString(3), rs.getString(4),
                            rs.getString(5)}).single();
            String oldAlbumId = row[0];
            List<String> oldArtists = jdbc.sql("SELECT artist_id FROM track_artists WHERE track_id = ?")
                    .param(id).query(String.class).list();
            if (e.title() != null) {
                jdbc.sql("UPDATE tracks SET title = ?, title_norm = ? WHERE id = ?")
                        .params(e.title(), Text.fold(e.title()), id).update();
            }
            setInt(id, "track_no", e.trackNumber(), e.clears("trackNumber"));
            setInt(id, "track_total", e.trackTotal(), e.clears("trackTotal"));
            setInt(id, "disc_no", e.discNumber(), e.clears("discNumber"));
            setInt(id, "disc_total", e.discTotal(), e.clears("discTotal"));
            setInt(id, "year", e.year(), e.clears("year"));
            if (e.composer() != null || e.clears("composer")) {
                jdbc.sql("UPDATE tracks SET composer = ? WHERE id = ?").params(e.composer(), id).update();
            }
            List<String> artistIds = new ArrayList<>(oldArtists);
            if (e.artists() != null || e.clears("artists")) {
                List<String> names = e.artists() == null ? List.of() : e.artists();
                artistIds = new ArrayList<>();
                for (String n : names) {
                    String aid = artist(n, now);
                    if (!artistIds.contains(aid)) {
                        artistIds.add(aid);
                    }
                }
                jdbc.sql("DELETE FROM track_artists WHERE track_id = ?").param(id).update();
                linkArtists(id, artistIds);
                jdbc.sql("UPDATE tracks SET artist_display = ? WHERE id = ?")
                        .params(names.isEmpty() ? null : String.join(", ", names), id).update();
            }
            // An album artist no tag named (the first track artist stood in) follows the artists when they change.
            boolean derived = oldAlbumId != null && jdbc.sql("SELECT album_artist_tagged FROM tracks WHERE id = ?")
                    .param(id).query(Integer.class).single() == 0;
            if (e.albumArtist() != null || e.clears("albumArtist")) {
                jdbc.sql("UPDATE tracks SET album_artist_tagged = ? WHERE id = ?")
                        .params(e.albumArtist() != null ? 1 : 0, id).update();
            }
            boolean artistsChanged = e.artists() != null || e.clears("artists");
            boolean albumChanged = e.album() != null || e.clears("album") || e.albumArtist() != null
                    || e.clears("albumArtist") || artistsChanged && derived && oldAlbumId != null;
            if (albumChanged) {
                String title = e.album() != null ? e.album() : e.clears("album") ? null : row[1];
                String albumArtist = e.albumArtist() != null ? e.albumArtist()
                        : e.clears("albumArtist") || artistsChanged && derived ? null : row[2];
                YearAndCover yc = yearAndCover(id); // the year as edited above
                String newAlbumId = album(title, albumArtist, "1".equals(row[3]), artistIds, yc.year(), yc.cover(),
                        now);
                jdbc.sql("UPDATE tracks SET album_id = ? WHERE id = ?").params(newAlbumId, id).update();
            }
            if (e.genres() != null || e.clears("genres")) {
                List<String> oldGenres = jdbc.sql("SELECT genre_id FROM track_genres WHERE track_id = ?").param(id)
                        .query(String.class).list();
                jdbc.sql("DELETE FROM track_genres WHERE track_id = ?").param(id).update();
                linkGenres(id, e.genres() == null ? List.of() : e.genres());
                dropUnusedGenres(oldGenres);
            }
            dropEmpty(oldAlbumId, oldArtists);
            return null;
        }, () -> null);
    }

    @EventListener(ApplicationReadyEvent.class)
    void fileAlbumlessTracksAtStartUp() {
        try {
            fileAlbumlessTracks();
        } catch (DataAccessException e) {
            // A node must not fail to start over this tidy-up (another node may be doing the same rows); the next
            // start tries again, and until then such tracks are only missing from album browsing.
            log.warn("Could not file the tracks without an album under {} ({}); will retry at the next start",
                    NewTrack.UNKNOWN_ALBUM, e.getClass().getSimpleName());
        }
    }

    /**
     * Files the tracks stored before {@link NewTrack#UNKNOWN_ALBUM} existed, which have no album, under it: run at
     * start-up, a no-op (one indexed query) once done. Returns how many tracks it moved.
     */
    public int fileAlbumlessTracks() {
        List<String> ids = jdbc.sql("SELECT id FROM tracks WHERE album_id IS NULL").query(String.class).list();
        for (String id : ids) {
            inTransaction(() -> {
                long now = System.currentTimeMillis();
                int touched = jdbc.sql("UPDATE tracks SET updated_at = updated_at WHERE id = ? AND album_id IS NULL")
                        .param(id).update();
                if (touched == 0) {
                    return null;
                }
                YearAndCover yc = yearAndCover(id);
                List<String> artistIds = jdbc.sql("SELECT artist_id FROM track_artists WHERE track_id = ?"
                        + " ORDER BY position").param(id).query(String.class).list();
                String albumId = album(null, null, false, artistIds, yc.year(), yc.cover(), now);
                // No tag named an album artist: the album follows the track's artists when an edit changes them.
                jdbc.sql("UPDATE tracks SET album_id = ?, album_artist_tagged = 0 WHERE id = ?")
                        .params(albumId, id).update();
                return null;
            }, () -> null);
        }
        if (!ids.isEmpty()) {
            log.info("Filed {} tracks without an album tag under {}", ids.size(), NewTrack.UNKNOWN_ALBUM);
        }
        return ids.size();
    }

    private record YearAndCover(Integer year, String cover) {
    }

    private YearAndCover yearAndCover(String trackId) {
        return jdbc.sql("SELECT year, cover_hash FROM tracks WHERE id = ?").param(trackId)
                .query((rs, n) -> new YearAndCover(rs.getObject(1) == null ? null : rs.getInt(1), rs.getString(2)))
                .single();
    }

    /** Deletes the track and whatever it alone kept alive; returns the blob keys to remove after the commit. */
    public Freed delete(String id) {
        return inTransaction(() -> {
            var row = jdbc.sql("SELECT storage_key, cover_hash, album_id FROM tracks WHERE id = ?").param(id)
                    .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                    .optional().orElseThrow(() -> new NotFoundException("track", id));
            List<String> artistIds = jdbc.sql("SELECT artist_id FROM track_artists WHERE track_id = ?")
                    .param(id).query(String.class).list();
            List<String> genreIds = jdbc.sql("SELECT genre_id FROM track_genres WHERE track_id = ?")
                    .param(id).query(String.class).list();
            jdbc.sql("DELETE FROM track_artists WHERE track_id = ?").param(id).update();
            jdbc.sql("DELETE FROM track_genres WHERE track_id = ?").param(id).update();
            jdbc.sql("DELETE FROM tracks WHERE id = ?").param(id).update();
            List<String> freed = new ArrayList<>();
            freed.add(row[0]);
            dropEmpty(row[2], artistIds);
            dropUnusedGenres(genreIds);
            if (row[1] != null && dropCoverIfUnused(row[1])) {
                freed.add(row[1]);
            }
            return new Freed(freed);
        }, () -> new Freed(List.of()));
    }

    /** True when no track, album or covers row names the picture, so its blob may go. */
    public boolean coverUnused(String hash) {
        Integer n = jdbc.sql("SELECT (SELECT COUNT(*) FROM tracks WHERE cover_hash = ?)"
                        + " + (SELECT COUNT(*) FROM albums WHERE cover_hash = ?)"
                        + " + (SELECT COUNT(*) FROM covers WHERE hash = ?)")
                .params(hash, hash, hash).query(Integer.class).single();
        return n == 0;
    }

    private boolean dropCoverIfUnused(String hash) {
        int deleted = jdbc.sql("DELETE FROM covers WHERE hash = ? AND NOT EXISTS (SELECT 1 FROM tracks"
                        + " WHERE cover_hash = ?) AND NOT EXISTS (SELECT 1 FROM albums WHERE cover_hash = ?)")
                .params(hash, hash, hash).update();
        return deleted > 0 || coverUnused(hash);
    }

    /** Removes the album when no track is on it any more, then artists that neither a track nor an album names. */
    private void dropEmpty(String albumId, List<String> artistIds) {
        Set<String> candidates = new LinkedHashSet<>(artistIds);
        if (albumId != null) {
            String albumArtist = jdbc.sql("SELECT album_artist_id FROM albums WHERE id = ?").param(albumId)
                    .query(String.class).optional().orElse(null);
            String cover = jdbc.sql("SELECT cover_hash FROM albums WHERE id = ?").param(albumId)
                    .query(String.class).optional().orElse(null);
            int gone = jdbc.sql("DELETE FROM albums WHERE id = ? AND NOT EXISTS (SELECT 1 FROM tracks"
                    + " WHERE album_id = ?)").params(albumId, albumId).update();
            if (gone > 0 && albumArtist != null) {
                candidates.add(albumArtist);
            }
            if (gone > 0 && cover != null) {
                dropCoverIfUnused(cover);
            }
        }
        for (String a : candidates) {
            jdbc.sql("DELETE FROM artists WHERE id = ? AND NOT EXISTS (SELECT 1 FROM track_artists"
                    + " WHERE artist_id = ?) AND NOT EXISTS (SELECT 1 FROM albums WHERE album_artist_id = ?)")
                    .params(a, a, a).update();
        }
    }

    private void dropUnusedGenres(List<String> genreIds) {
        for (String g : genreIds) {
            jdbc.sql("DELETE FROM genres WHERE id = ? AND NOT EXISTS (SELECT 1 FROM track_genres WHERE genre_id = ?)")
                    .params(g, g).update();
        }
    }

    private void setInt(String id, String column, Integer value, boolean clear) {
        if (value != null || clear) {
            jdbc.sql("UPDATE tracks SET " + column + " = ? WHERE id = ?").params(value, id).update();
        }
    }

    private String album(NewTrack t, List<String> artistIds, long now) {
        return album(t.album(), t.albumArtist(), t.compilation(), artistIds, t.year(),
                t.cover() == null ? null : t.cover().hash(), now);
    }

    /**
     * The album titled {@code title} ({@link NewTrack#UNKNOWN_ALBUM} when null) by its album artist: the given
     * one, else "Various Artists" for a compilation, else the track's first artist. Created when missing; a cover
     * or year it lacks is filled in.
     */
    private String album(String tagged, String albumArtist, boolean compilation, List<String> trackArtistIds,
            Integer year, String coverHash, long now) {
        String title = tagged != null ? tagged : NewTrack.UNKNOWN_ALBUM;
        String artistId;
        boolean various = compilation;
        if (albumArtist != null) {
            artistId = artist(albumArtist, now);
            various |= Text.fold(albumArtist).equals(Text.fold(NewTrack.VARIOUS_ARTISTS));
        } else if (compilation) {
            artistId = artist(NewTrack.VARIOUS_ARTISTS, now);
        } else if (!trackArtistIds.isEmpty()) {
            artistId = trackArtistIds.get(0);
        } else {
            artistId = artist("Unknown Artist", now);
        }
        String norm = Text.fold(title);
        jdbc.sql("INSERT INTO albums (id, title, title_norm, album_artist_id, year, compilation, cover_hash,"
                        + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (album_artist_id, title_norm) DO NOTHING")
                .params(Ids.newId(), title, norm, artistId, year, various ? 1 : 0, coverHash, now).update();
        String id = jdbc.sql("SELECT id FROM albums WHERE album_artist_id = ? AND title_norm = ?")
                .params(artistId, norm).query(String.class).single();
        if (coverHash != null || year != null) {
            jdbc.sql("UPDATE albums SET cover_hash = COALESCE(cover_hash, ?), year = COALESCE(year, ?)"
                    + " WHERE id = ? AND (cover_hash IS NULL OR year IS NULL)").params(coverHash, year, id).update();
        }
        return id;
    }

    private String artist(String name, long now) {
        String norm = Text.fold(name);
        jdbc.sql("INSERT INTO artists (id, name, name_norm, sort_name, created_at) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (name_norm) DO NOTHING")
                .params(Ids.newId(), name, norm, sortName(norm), now).update();
        return jdbc.sql("SELECT id FROM artists WHERE name_norm = ?").param(norm).query(String.class).single();
    }

    private static String sortName(String norm) {
        String s = norm.toLowerCase(Locale.ROOT);
        return s.startsWith("the ") ? s.substring(4) + ", the" : s;
    }

    private void linkArtists(String trackId, List<String> artistIds) {
        for (int i = 0; i < artistIds.size(); i++) {
            jdbc.sql("INSERT INTO track_artists (track_id, artist_id, position) VALUES (?, ?, ?)")
                    .params(trackId, artistIds.get(i), i).update();
        }
    }

    private void linkGenres(String trackId, List<String> names) {
        List<String> ids = new ArrayList<>();
        for (String name : names) {
            String norm = Text.fold(name);
            jdbc.sql("INSERT INTO genres (id, name, name_norm) VALUES (?, ?, ?) ON CONFLICT (name_norm) DO NOTHING")
                    .params(Ids.newId(), name, norm).update();
            String gid = jdbc.sql("SELECT id FROM genres WHERE name_norm = ?").param(norm).query(String.class)
                    .single();
            if (!ids.contains(gid)) {
                ids.add(gid);
            }
        }
        for (int i = 0; i < ids.size(); i++) {
            jdbc.sql("INSERT INTO track_genres (track_id, genre_id, position) VALUES (?, ?, ?)")
                    .params(trackId, ids.get(i), i).update();
        }
    }

    private <T> T inTransaction(Supplier<T> work, Supplier<T> onDuplicate) {
        writeLock.lock();
        try {
            return tx.execute(status -> work.get());
        } catch (Duplicate d) {
            return onDuplicate.get();
        } finally {
            writeLock.unlock();
        }
    }

    /** Rolls the insert back when the content hash is taken. */
    private static final class Duplicate extends RuntimeException {
        Duplicate() {
            super(null, null, false, false);
        }
    }
}
