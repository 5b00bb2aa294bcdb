package io.teammusic.subsonic;

import io.teammusic.auth.CurrentUser;
import io.teammusic.catalog.SearchService;
import io.teammusic.shared.Text;
import java.util.List;
import java.util.function.Function;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Subsonic "Searching", over the catalog's search (ranked, accent- and case-insensitive, substring matching). An
 * empty query ({@code ""}, the two characters {@code ""} that Symfonium sends, {@code *}, or none at all) lists
 * everything instead, paged in a stable order, which is how syncing clients fetch whole libraries. Up to
 * {@value #MAX_COUNT} items per kind per call; a query's hits page down to its best {@link SearchService#MAX_WINDOW}.
 */
@Controller
class SubsonicSearchController {

    /** Items per kind in one answer: syncing clients ask for big pages. */
    static final int MAX_COUNT = 500;

    private final LibraryQueries library;
    private final SearchService search;

    SubsonicSearchController(LibraryQueries library, SearchService search) {
        this.library = library;
        this.search = search;
    }

    /** Counts and offsets per kind, clamped to what the server allows. */
    record Paging(int artistCount, int artistOffset, int albumCount, int albumOffset, int songCount,
            int songOffset) {

        static Paging of(int artistCount, int artistOffset, int albumCount, int albumOffset, int songCount,
                int songOffset) {
            return new Paging(clamp(artistCount), Math.max(0, artistOffset), clamp(albumCount),
                    Math.max(0, albumOffset), clamp(songCount), Math.max(0, songOffset));
        }

        private static int clamp(int count) {
            return Math.max(0, Math.min(MAX_COUNT, count));
        }
    }

    record Found(List<Library.Artist> artists, List<Library.Album> albums, List<Library.Song> songs) {
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

    Found find(String query, Paging p) {
        String me = CurrentUser.get().id();
        String needle = needle(query);
        if (needle.isEmpty()) {
            return new Found(library.allArtists(me, p.artistCount(), p.artistOffset()),
                    library.allAlbums(me, p.albumCount(), p.albumOffset()),
                    library.allSongs(me, p.songCount(), p.songOffset()));
        }
        // The catalog ranks at most MAX_WINDOW hits per kind; pages beyond that are empty.
        int limit = Math.min(SearchService.MAX_WINDOW, Math.max(p.artistOffset() + p.artistCount(),
                Math.max(p.albumOffset() + p.albumCount(), p.songOffset() + p.songCount())));
        if (limit == 0) {
            return new Found(List.of(), List.of(), List.of());
        }
        SearchService.Result r = search.searchWindow(needle, limit);
        return new Found(
                library.artists(me, page(r.artists(), a -> a.id(), p.artistOffset(), p.artistCount())),
                library.albums(me, page(r.albums(), a -> a.id(), p.albumOffset(), p.albumCount())),
                library.songs(me, page(r.tracks(), t -> t.id(), p.songOffset(), p.songCount())));
    }

    private static <T> List<String> page(List<T> hits, Function<T, String> id, int offset, int count) {
        if (offset >= hits.size() || count == 0) {
            return List.of();
        }
        return hits.subList(offset, Math.min(hits.size(), offset + count)).stream().map(id).toList();
    }

    @RequestMapping("/rest/search3")
    Node search3(@RequestParam(required = false) String query, @RequestParam(defaultValue = "20") int artistCount,
            @RequestParam(defaultValue = "0") int artistOffset, @RequestParam(defaultValue = "20") int albumCount,
            @RequestParam(defaultValue = "0") int albumOffset, @RequestParam(defaultValue = "20") int songCount,
            @RequestParam(defaultValue = "0") int songOffset, @RequestParam(required = false) Integer musicFolderId) {
        return result("searchResult3", query, Paging.of(artistCount, artistOffset, albumCount, albumOffset,
                songCount, songOffset), musicFolderId, a -> SubsonicViews.artistId3("artist", a),
                a -> SubsonicViews.albumId3("album", a));
    }

    @RequestMapping("/rest/search2")
    Node search2(@RequestParam(required = false) String query, @RequestParam(defaultValue = "20") int artistCount,
            @RequestParam(defaultValue = "0") int artistOffset, @RequestParam(defaultValue = "20") int albumCount,
            @RequestParam(defaultValue = "0") int albumOffset, @RequestParam(defaultValue = "20") int songCount,
            @RequestParam(defaultValue = "0") int songOffset, @RequestParam(required = false) Integer musicFolderId) {
        return result("searchResult2", query, Paging.of(artistCount, artistOffset, albumCount, albumOffset,
                songCount, songOffset), musicFolderId, a -> SubsonicViews.artistIndex("artist", a),
                a -> SubsonicViews.albumDir("album", a));
    }

    /** search2 and search3 differ only in their element name and in how artists and albums are drawn. */
    private Node result(String name, String query, Paging paging, Integer musicFolderId,
            Function<Library.Artist, Node> artist, Function<Library.Album, Node> album) {
        SubsonicBrowsingController.checkFolder(musicFolderId);
        Found f = find(query, paging);
        return Node.of(name)
                .list("artist", f.artists().stream().map(artist).toList())
                .list("album", f.albums().stream().map(album).toList())
                .list("song", f.songs().stream().map(s -> SubsonicViews.song("song", s)).toList());
    }
}
