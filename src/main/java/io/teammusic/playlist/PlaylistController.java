package io.teammusic.playlist;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.teammusic.auth.CurrentUser;
import io.teammusic.catalog.TrackJson;
import io.teammusic.catalog.TrackRepository;
import io.teammusic.shared.InvalidInputException;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Playlists in the native API (docs/api.md, "Personal library"). */
@RestController
@RequestMapping("/api/playlists")
class PlaylistController {

    record Owner(String id, String username) {
    }

    record PlaylistJson(String id, String name, String comment, Owner owner, @JsonProperty("public") boolean isPublic,
            int trackCount, long durationMs, Instant createdAt, Instant updatedAt, List<TrackJson> tracks) {

        static PlaylistJson of(Playlist p, List<TrackJson> tracks) {
            return new PlaylistJson(p.id(), p.name(), p.comment(), new Owner(p.ownerId(), p.ownerName()),
                    p.isPublic(), p.trackCount(), p.durationMs(), p.createdAt(), p.updatedAt(), tracks);
        }
    }

    record CreateRequest(String name, String comment, @JsonProperty("public") Boolean isPublic,
            List<String> trackIds) {
    }

    record UpdateRequest(String name, String comment, @JsonProperty("public") Boolean isPublic) {
    }

    record TracksRequest(List<String> trackIds) {
    }

    /** {@code trackId}, when given, is the track the client believes is at {@code from} (409 when it is not). */
    record MoveRequest(Integer from, Integer to, String trackId) {
    }

    private final PlaylistService playlists;
    private final TrackRepository tracks;

    PlaylistController(PlaylistService playlists, TrackRepository tracks) {
        this.playlists = playlists;
        this.tracks = tracks;
    }

    private static String me() {
        return CurrentUser.get().id();
    }

    private PlaylistJson detail(String id) {
        String me = me();
        Playlist p = playlists.get(me, id);
        List<TrackJson> entries = tracks.findAllById(playlists.trackIds(me, id)).stream().map(TrackJson::of).toList();
        return PlaylistJson.of(p, entries);
    }

    @GetMapping
    List<PlaylistJson> list() {
        return playlists.visibleTo(me()).stream().map(p -> PlaylistJson.of(p, null)).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    PlaylistJson create(@RequestBody CreateRequest req) {
        Playlist p = playlists.create(me(), req.name(), req.comment(), Boolean.TRUE.equals(req.isPublic()),
                req.trackIds());
        return detail(p.id());
    }

    @GetMapping("/{id}")
    PlaylistJson get(@PathVariable String id) {
        return detail(id);
    }

    @PatchMapping("/{id}")
    PlaylistJson update(@PathVariable String id, @RequestBody UpdateRequest req) {
        playlists.update(me(), id, req.name(), req.comment(), req.isPublic());
        return detail(id);
    }

    /**
     * Replaces the whole list: the way to reorder freely. {@code trackIds} is required ({@code []} empties it): a
     * body that lost its list (a client bug, a typo in the field name) must not wipe the playlist.
     */
    @PutMapping("/{id}/tracks")
    PlaylistJson replaceTracks(@PathVariable String id, @RequestBody TracksRequest req) {
        playlists.replaceTracks(me(), id, required(req));
        return detail(id);
    }

    @PostMapping("/{id}/tracks")
    PlaylistJson addTracks(@PathVariable String id, @RequestBody TracksRequest req) {
        playlists.edit(me(), id, List.of(), required(req));
        return detail(id);
    }

    private static List<String> required(TracksRequest req) {
        if (req.trackIds() == null) {
            throw new InvalidInputException("trackIds is required ([] for none)");
        }
        return req.trackIds();
    }

    /** {@code trackId}, when given, is the track the client believes is at {@code index} (409 when it is not). */
    @DeleteMapping("/{id}/tracks/{index}")
    PlaylistJson removeTrack(@PathVariable String id, @PathVariable int index,
            @RequestParam(required = false) String trackId) {
        playlists.removeAt(me(), id, index, trackId);
        return detail(id);
    }

    @PostMapping("/{id}/tracks/move")
    PlaylistJson move(@PathVariable String id, @RequestBody MoveRequest req) {
        if (req.from() == null || req.to() == null) {
            throw new InvalidInputException("from and to are required");
        }
        playlists.move(me(), id, req.from(), req.to(), req.trackId());
        return detail(id);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        playlists.delete(me(), id);
    }
}
