package io.teammusic.subsonic;

import io.teammusic.auth.CurrentUser;
import io.teammusic.shared.Text;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Subsonic "Searching". An empty query ({@code ""}, the two characters {@code ""} that Symfonium sends, {@code *},
 * or none at all) lists everything, paged in a stable order, which is how syncing clients fetch whole libraries.
 */
@Controller
class SubsonicSearchController {

    private final LibraryQueries library;

    SubsonicSearchController(LibraryQueries library) {
        this.library = library;
    }


    /** The folded text to look for; empty means everything. */
    static String needle(String query) {
        String q = query == null ? "" : query.strip();
        if (q.length() >= 2 && q.startsWith("\"") && q.endsWith("\"")) {
            q = q.substring(1, q.length() - 1).strip();
        }
        while (q.endsWith("*")) {
            q = q.substring(0, q.length() - 1).strip();
        }
        return Text.fold(q);
    }

    @RequestMapping("/rest/search3")
    Node search3(@RequestParam(required = false) String query, @RequestParam(defaultValue = "20") int artistCount,
            @RequestParam(defaultValue = "0") int artistOffset, @RequestParam(defaultValue = "20") int albumCount,
            @RequestParam(defaultValue = "0") int albumOffset, @RequestParam(defaultValue = "20") int songCount,
            @RequestParam(defaultValue = "0") int songOffset, @RequestParam(required = false) Integer musicFolderId) {
        SubsonicBrowsingController.checkFolder(musicFolderId);
        String me = CurrentUser.get().id();
        String needle = needle(query);
        return Node.of("searchResult3")
                .list("artist", library.searchArtists(me, needle, SubsonicListsController.clamp(artistCount),
                        Math.max(0, artistOffset)).stream().map(a -> SubsonicViews.artistId3("artist", a)).toList())
                .list("album", library.searchAlbums(me, needle, SubsonicListsController.clamp(albumCount),
                        Math.max(0, albumOffset)).stream().map(a -> SubsonicViews.albumId3("album", a)).toList())
                .list("song", library.searchSongs(me, needle, SubsonicListsController.clamp(songCount),
                        Math.max(0, songOffset)).stream().map(s -> SubsonicViews.song("song", s)).toList());
    }

    @RequestMapping("/rest/search2")
    Node search2(@RequestParam(required = false) String query, @RequestParam(defaultValue = "20") int artistCount,
            @RequestParam(defaultValue = "0") int artistOffset, @RequestParam(defaultValue = "20") int albumCount,
            @RequestParam(defaultValue = "0") int albumOffset, @RequestParam(defaultValue = "20") int songCount,
            @RequestParam(defaultValue = "0") int songOffset, @RequestParam(required = false) Integer musicFolderId) {
        SubsonicBrowsingController.checkFolder(musicFolderId);
        String me = CurrentUser.get().id();
        String needle = needle(query);
        return Node.of("searchResult2")
                .list("artist", library.searchArtists(me, needle, SubsonicListsController.clamp(artistCount),
                        Math.max(0, artistOffset)).stream().map(a -> SubsonicViews.artistIndex("artist", a)).toList())
                .list("album", library.searchAlbums(me, needle, SubsonicListsController.clamp(albumCount),
                        Math.max(0, albumOffset)).stream().map(a -> SubsonicViews.albumDir("album", a)).toList())
                .list("song", library.searchSongs(me, needle, SubsonicListsController.clamp(songCount),
                        Math.max(0, songOffset)).stream().map(s -> SubsonicViews.song("song", s)).toList());
    }
}
