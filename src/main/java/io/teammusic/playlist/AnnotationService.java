package io.teammusic.playlist;

import io.teammusic.shared.InvalidInputException;
import io.teammusic.shared.NotFoundException;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stars, ratings and plays: each user's own marks on the shared catalog. Only the user ever reads them; there is
 * deliberately no method that takes one user's id and answers for another.
 */
@Service
public class AnnotationService {

    private final AnnotationRepository repo;

    AnnotationService(AnnotationRepository repo) {
        this.repo = repo;
    }

    /** Which kind of item the id names; a client that sends a bare {@code id} leaves that to the server. */
    public ItemType resolve(String id) {
        return repo.typeOf(id).orElseThrow(() -> new NotFoundException("track, album or artist", id));
    }

    private void requireExists(ItemType type, String id) {
        if (!repo.exists(type, id)) {
            throw new NotFoundException(type.db(), id);
        }
    }

    @Transactional
    public void star(String userId, ItemType type, List<String> ids) {
        long now = System.currentTimeMillis();
        for (String id : ids) {
            requireExists(type, id);
            repo.star(userId, type, id, now);
        }
    }

    @Transactional
    public void unstar(String userId, ItemType type, List<String> ids) {
        for (String id : ids) {
            requireExists(type, id);
            repo.unstar(userId, type, id);
        }
    }

    /** Rating 1 to 5; 0 clears it. */
    public void rate(String userId, ItemType type, String id, int rating) {
        if (rating < 0 || rating > 5) {
            throw new InvalidInputException("rating must be 0 (none) to 5");
        }
        requireExists(type, id);
        repo.rate(userId, type, id, rating == 0 ? null : rating);
    }

    /**
     * Counts one play of a track at the given time (a player may submit plays it made offline later), and of its
     * album and artists, so album and artist lists can sort by plays too.
     */
    @Transactional
    public void played(String userId, String trackId, Instant at) {
        requireExists(ItemType.TRACK, trackId);
        long now = System.currentTimeMillis();
        long when = at == null ? now : playedAt(at, now);
        repo.played(userId, ItemType.TRACK, trackId, when);
        repo.albumOf(trackId).ifPresent(albumId -> repo.played(userId, ItemType.ALBUM, albumId, when));
        for (String artistId : repo.artistsOf(trackId)) {
            repo.played(userId, ItemType.ARTIST, artistId, when);
        }
    }

    /**
     * A play's time as epoch millis: from 1970 to a day ahead (a player's clock may run fast). An instant of year
     * -999999999 would overflow, and a play in the next century would head "recently played" for good.
     */
    private static long playedAt(Instant at, long now) {
        if (at.isBefore(Instant.EPOCH) || at.isAfter(Instant.ofEpochMilli(now).plus(java.time.Duration.ofDays(1)))) {
            throw new InvalidInputException("playedAt must be a time from 1970 until now");
        }
        return at.toEpochMilli();
    }

    static final java.util.Set<String> LISTS = java.util.Set.of("recently-added", "most-played", "recently-played",
            "random", "favourites");

    /** Track ids of one of the lists: recently-added, most-played, recently-played, random, favourites. */
    public List<String> trackList(String userId, String list, int size) {
        if (!LISTS.contains(list)) {
            throw new InvalidInputException("list must be one of " + new java.util.TreeSet<>(LISTS));
        }
        if (size < 1 || size > 500) {
            throw new InvalidInputException("size must be 1 to 500");
        }
        return repo.trackList(userId, list, size);
    }

    /** The user's own annotations of the given items, by id (items never annotated are absent). */
    public java.util.Map<String, Annotation> annotations(String userId, ItemType type, List<String> ids) {
        return repo.of(userId, type, ids);
    }

    /** Display names (track and album titles, artist names) of items, by id. */
    public java.util.Map<String, String> names(ItemType type, List<String> ids) {
        return repo.names(type, ids);
    }

    /** The user's starred items, most recently starred first. */
    public List<Annotation> starred(String userId) {
        return repo.starred(userId);
    }
}
