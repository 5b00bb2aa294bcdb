package io.teammusic.subsonic;

import io.teammusic.auth.CurrentUser;
import io.teammusic.playlist.AnnotationService;
import io.teammusic.playlist.ItemType;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Subsonic "Media annotation": stars, ratings and scrobbles, stored in the caller's personal library. */
@Controller
class SubsonicAnnotationController {

    private final AnnotationService annotations;

    SubsonicAnnotationController(AnnotationService annotations) {
        this.annotations = annotations;
    }

    @RequestMapping("/rest/star")
    Node star(@RequestParam(required = false) List<String> id, @RequestParam(required = false) List<String> albumId,
            @RequestParam(required = false) List<String> artistId) {
        mark(id, albumId, artistId, true);
        return Node.empty();
    }

    @RequestMapping("/rest/unstar")
    Node unstar(@RequestParam(required = false) List<String> id,
            @RequestParam(required = false) List<String> albumId,
            @RequestParam(required = false) List<String> artistId) {
        mark(id, albumId, artistId, false);
        return Node.empty();
    }

    private void mark(List<String> ids, List<String> albumIds, List<String> artistIds, boolean star) {
        if (isEmpty(ids) && isEmpty(albumIds) && isEmpty(artistIds)) {
            throw SubsonicException.missing("id, albumId or artistId");
        }
        String me = CurrentUser.get().id();
        // A bare id may name a song, an album or an artist (folder clients star directories with it).
        if (!isEmpty(ids)) {
            for (String i : ids) {
                apply(me, annotations.resolve(i), List.of(i), star);
            }
        }
        if (!isEmpty(albumIds)) {
            apply(me, ItemType.ALBUM, albumIds, star);
        }
        if (!isEmpty(artistIds)) {
            apply(me, ItemType.ARTIST, artistIds, star);
        }
    }

    private void apply(String me, ItemType type, List<String> ids, boolean star) {
        if (star) {
            annotations.star(me, type, ids);
        } else {
            annotations.unstar(me, type, ids);
        }
    }

    private static boolean isEmpty(List<String> l) {
        return l == null || l.isEmpty();
    }

    @RequestMapping("/rest/setRating")
    Node setRating(@RequestParam String id, @RequestParam int rating) {
        annotations.rate(CurrentUser.get().id(), annotations.resolve(id), id, rating);
        return Node.empty();
    }

    /**
     * {@code submission=false} is a "now playing" notice and counts nothing. Otherwise each id is one play, at the
     * matching {@code time} (ms) when given: players queue scrobbles while offline and send them later.
     */
    @RequestMapping("/rest/scrobble")
    Node scrobble(@RequestParam List<String> id, @RequestParam(required = false) List<Long> time,
            @RequestParam(defaultValue = "true") boolean submission) {
        if (time != null && !time.isEmpty() && time.size() != id.size()) {
            throw new SubsonicException(SubsonicException.GENERIC, "time must be given once per id, or not at all.");
        }
        if (!submission) {
            return Node.empty();
        }
        String me = CurrentUser.get().id();
        for (int i = 0; i < id.size(); i++) {
            Instant at = time == null || time.isEmpty() ? null : Instant.ofEpochMilli(time.get(i));
            annotations.played(me, id.get(i), at);
        }
        return Node.empty();
    }
}
