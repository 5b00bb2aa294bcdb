package io.teammusic.playlist;

import io.teammusic.shared.ConflictException;
import io.teammusic.shared.ForbiddenException;
import io.teammusic.shared.Ids;
import io.teammusic.shared.InvalidInputException;
import io.teammusic.shared.NotFoundException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Playlists and their track order. A private playlist exists only for its owner: anyone else, admins included,
 * is told it does not exist. A public one everyone may read and play, and only its owner may change.
 */
@Service
public class PlaylistService {

    static final int MAX_TRACKS = 10_000;

    private final PlaylistRepository repo;

    PlaylistService(PlaylistRepository repo) {
        this.repo = repo;
    }

    /** The viewer's own playlists and everyone's public ones. */
    public List<Playlist> visibleTo(String viewerId) {
        return repo.visibleTo(viewerId);
    }

    /** The playlists of {@code ownerId} that {@code viewerId} may see: all when it is themself, else the public. */
    public List<Playlist> ownedBy(String viewerId, String ownerId) {
        return viewerId.equals(ownerId) ? repo.visibleTo(viewerId).stream()
                .filter(p -> p.ownerId().equals(ownerId)).toList() : repo.publicOf(ownerId);
    }

    public Playlist get(String viewerId, String id) {
        return repo.find(id).filter(p -> p.isPublic() || p.ownerId().equals(viewerId))
                .orElseThrow(() -> new NotFoundException("playlist", id));
    }

    public List<String> trackIds(String viewerId, String id) {
        get(viewerId, id);
        return repo.trackIds(id);
    }

    private Playlist editable(String viewerId, String id) {
        Playlist p = get(viewerId, id);
        if (!p.ownerId().equals(viewerId)) {
            throw new ForbiddenException("This playlist belongs to another user; only its owner may change it.");
        }
        return p;
    }

    @Transactional
    public Playlist create(String ownerId, String name, String comment, boolean isPublic, List<String> trackIds) {
        String id = Ids.newId();
        repo.insert(id, ownerId, cleanName(name), cleanComment(comment), isPublic, System.currentTimeMillis());
        if (trackIds != null && !trackIds.isEmpty()) {
            repo.replaceTracks(id, checkTracks(trackIds));
        }
        return repo.find(id).orElseThrow();
    }

    /** Changes the given fields; null means unchanged. */
    @Transactional
    public Playlist update(String viewerId, String id, String name, String comment, Boolean isPublic) {
        Playlist p = editable(viewerId, id);
        repo.update(id, name == null ? p.name() : cleanName(name),
                comment == null ? p.comment() : cleanComment(comment),
                isPublic == null ? p.isPublic() : isPublic, System.currentTimeMillis());
        return repo.find(id).orElseThrow();
    }

    @Transactional
    public void replaceTracks(String viewerId, String id, List<String> trackIds) {
        editable(viewerId, id);
        repo.replaceTracks(id, checkTracks(trackIds));
        repo.touch(id, System.currentTimeMillis());
    }

    /**
     * Subsonic's edit in one step: removes the entries at {@code removeIndexes} (0-based, counted in the list as it
     * was before the call), then appends {@code add}.
     */
    @Transactional
    public void edit(String viewerId, String id, Collection<Integer> removeIndexes, List<String> add) {
        editable(viewerId, id);
        List<String> current = repo.trackIds(id);
        Set<Integer> remove = new HashSet<>(removeIndexes);
        for (int i : remove) {
            if (i < 0 || i >= current.size()) {
                throw new InvalidInputException("no entry at index " + i + " (the playlist has " + current.size()
                        + ")");
            }
        }
        List<String> next = new ArrayList<>(current.size() + add.size());
        for (int i = 0; i < current.size(); i++) {
            if (!remove.contains(i)) {
                next.add(current.get(i));
            }
        }
        next.addAll(add);
        repo.replaceTracks(id, checkTracks(next));
        repo.touch(id, System.currentTimeMillis());
    }

    /**
     * Moves the entry at {@code from} to index {@code to}; the others keep their order. With {@code expected} (a
     * track id) the entry at {@code from} must be that track: a client that saves moves by index then cannot move
     * the wrong entry after someone else (another tab, a Subsonic app) changed the playlist.
     */
    @Transactional
    public void move(String viewerId, String id, int from, int to, String expected) {
        editable(viewerId, id);
        List<String> current = new ArrayList<>(repo.trackIds(id));
        if (from < 0 || from >= current.size() || to < 0 || to >= current.size()) {
            throw new InvalidInputException("from and to must be 0 to " + (current.size() - 1));
        }
        expectAt(current, from, expected);
        current.add(to, current.remove(from));
        repo.replaceTracks(id, current);
        repo.touch(id, System.currentTimeMillis());
    }

    /** Removes the entry at {@code index}; with {@code expected}, only when that entry is that track (see move). */
    @Transactional
    public void removeAt(String viewerId, String id, int index, String expected) {
        editable(viewerId, id);
        List<String> current = repo.trackIds(id);
        if (index >= 0 && index < current.size()) {
            expectAt(current, index, expected);
        }
        edit(viewerId, id, List.of(index), List.of());
    }

    private static void expectAt(List<String> current, int index, String expected) {
        if (expected != null && !expected.equals(current.get(index))) {
            throw new ConflictException("the playlist changed meanwhile: entry " + index + " is no longer track "
                    + expected);
        }
    }

    @Transactional
    public void delete(String viewerId, String id) {
        editable(viewerId, id);
        repo.delete(id);
    }

    private List<String> checkTracks(List<String> trackIds) {
        if (trackIds.contains(null)) {
            throw new InvalidInputException("trackIds must be a list of track ids");
        }
        if (trackIds.size() > MAX_TRACKS) {
            throw new InvalidInputException("a playlist holds at most " + MAX_TRACKS + " tracks");
        }
        Set<String> known = new TreeSet<>();
        List<String> distinct = new ArrayList<>(new java.util.LinkedHashSet<>(trackIds));
        for (int i = 0; i < distinct.size(); i += 500) {
            known.addAll(repo.existingTracks(distinct.subList(i, Math.min(distinct.size(), i + 500))));
        }
        for (String t : trackIds) {
            if (!known.contains(t)) {
                throw new NotFoundException("track", t);
            }
        }
        return trackIds;
    }

    private static String cleanName(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 200) {
            throw new InvalidInputException("playlist name must be 1 to 200 characters");
        }
        if (n.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("playlist name must not hold control characters");
        }
        return n;
    }

    private static String cleanComment(String comment) {
        if (comment == null || comment.isBlank()) {
            return null;
        }
        if (comment.length() > 2000) {
            throw new InvalidInputException("comment must be at most 2000 characters");
        }
        return comment.strip();
    }
}
