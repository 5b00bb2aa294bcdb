package io.teammusic.playlist;

import io.teammusic.auth.CurrentUser;
import io.teammusic.catalog.TrackJson;
import io.teammusic.catalog.TrackRepository;
import io.teammusic.shared.InvalidInputException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Favourites, ratings, plays and the personal track lists in the native API; always the caller's own. */
@RestController
class LibraryController {

    record Favourite(String id, String name, Instant starredAt) {
    }

    record Favourites(List<Favourite> tracks, List<Favourite> albums, List<Favourite> artists) {
    }

    record RatingRequest(Integer rating) {
    }

    record PlayRequest(String trackId, Instant playedAt) {
    }

    /** A track in one of the caller's lists, with the caller's own marks on it. */
    record LibraryTrack(TrackJson track, int playCount, Instant lastPlayedAt, Instant starredAt, Integer rating) {
    }

    private final AnnotationService annotations;
    private final TrackRepository tracks;

    LibraryController(AnnotationService annotations, TrackRepository tracks) {
        this.annotations = annotations;
        this.tracks = tracks;
    }

    static ItemType kind(String kind) {
        return switch (kind) {
            case "tracks" -> ItemType.TRACK;
            case "albums" -> ItemType.ALBUM;
            case "artists" -> ItemType.ARTIST;
            default -> throw new InvalidInputException("kind must be tracks, albums or artists");
        };
    }

    @GetMapping("/api/favourites")
    Favourites favourites() {
        List<Annotation> starred = annotations.starred(CurrentUser.get().id());
        return new Favourites(favourites(starred, ItemType.TRACK), favourites(starred, ItemType.ALBUM),
                favourites(starred, ItemType.ARTIST));
    }

    private List<Favourite> favourites(List<Annotation> starred, ItemType type) {
        List<Annotation> ofType = starred.stream().filter(a -> a.type() == type).toList();
        Map<String, String> names = annotations.names(type, ofType.stream().map(Annotation::itemId).toList());
        // An item deleted from the catalog after it was starred has no name any more, and is left out.
        return ofType.stream().filter(a -> names.containsKey(a.itemId()))
                .map(a -> new Favourite(a.itemId(), names.get(a.itemId()), a.starredAt())).toList();
    }

    @PutMapping("/api/favourites/{kind}/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void star(@PathVariable String kind, @PathVariable String id) {
        annotations.star(CurrentUser.get().id(), kind(kind), List.of(id));
    }

    @DeleteMapping("/api/favourites/{kind}/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unstar(@PathVariable String kind, @PathVariable String id) {
        annotations.unstar(CurrentUser.get().id(), kind(kind), List.of(id));
    }

    @PutMapping("/api/ratings/{kind}/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void rate(@PathVariable String kind, @PathVariable String id, @RequestBody RatingRequest req) {
        if (req.rating() == null) {
            throw new InvalidInputException("rating is required (0 clears it)");
        }
        annotations.rate(CurrentUser.get().id(), kind(kind), id, req.rating());
    }

    @PostMapping("/api/plays")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void played(@RequestBody PlayRequest req) {
        if (req.trackId() == null) {
            throw new InvalidInputException("trackId is required");
        }
        annotations.played(CurrentUser.get().id(), req.trackId(), req.playedAt());
    }

    @GetMapping("/api/lists/{list}")
    List<LibraryTrack> list(@PathVariable String list, @RequestParam(defaultValue = "50") int size) {
        String me = CurrentUser.get().id();
        List<String> ids = annotations.trackList(me, list, size);
        Map<String, Annotation> marks = annotations.annotations(me, ItemType.TRACK, ids);
        return tracks.findAllById(ids).stream().map(t -> {
            Annotation a = marks.get(t.id());
            return a == null ? new LibraryTrack(TrackJson.of(t), 0, null, null, null)
                    : new LibraryTrack(TrackJson.of(t), a.playCount(), a.lastPlayedAt(), a.starredAt(), a.rating());
        }).toList();
    }
}
