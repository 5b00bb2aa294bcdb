package io.teammusic.subsonic;

import io.teammusic.auth.CurrentUser;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Subsonic "Album/song lists": album lists by kind, random songs, songs by genre, and the caller's stars. */
@Controller
class SubsonicListsController {

    static final int MAX_SIZE = 500;
    private static final Set<String> TYPES = Set.of("random", "newest", "highest", "frequent", "recent",
            "alphabeticalByName", "alphabeticalByArtist", "starred", "byYear", "byGenre");

    private final LibraryQueries library;

    SubsonicListsController(LibraryQueries library) {
        this.library = library;
    }

    private List<Library.Album> albums(String type, int size, int offset, Integer fromYear, Integer toYear,
            String genre, Integer musicFolderId) {
        if (type == null) {
            throw SubsonicException.missing("type");
        }
        if (!TYPES.contains(type)) {
            throw new SubsonicException(SubsonicException.MISSING_PARAMETER, "Unknown list type: " + type);
        }
        if ("byYear".equals(type) && (fromYear == null || toYear == null)) {
            throw SubsonicException.missing(fromYear == null ? "fromYear" : "toYear");
        }
        if ("byGenre".equals(type) && genre == null) {
            throw SubsonicException.missing("genre");
        }
        SubsonicBrowsingController.checkFolder(musicFolderId);
        return library.albumList(CurrentUser.get().id(), type, clamp(size), Math.max(0, offset), fromYear, toYear,
                genre);
    }

    static int clamp(int size) {
        return Math.max(0, Math.min(MAX_SIZE, size));
    }

    @RequestMapping("/rest/getAlbumList2")
    Node getAlbumList2(@RequestParam(required = false) String type, @RequestParam(defaultValue = "10") int size,
            @RequestParam(defaultValue = "0") int offset, @RequestParam(required = false) Integer fromYear,
            @RequestParam(required = false) Integer toYear, @RequestParam(required = false) String genre,
            @RequestParam(required = false) Integer musicFolderId) {
        return Node.of("albumList2").list("album", albums(type, size, offset, fromYear, toYear, genre, musicFolderId)
                .stream().map(a -> SubsonicViews.albumId3("album", a)).toList());
    }

    @RequestMapping("/rest/getAlbumList")
    Node getAlbumList(@RequestParam(required = false) String type, @RequestParam(defaultValue = "10") int size,
            @RequestParam(defaultValue = "0") int offset, @RequestParam(required = false) Integer fromYear,
            @RequestParam(required = false) Integer toYear, @RequestParam(required = false) String genre,
            @RequestParam(required = false) Integer musicFolderId) {
        return Node.of("albumList").list("album", albums(type, size, offset, fromYear, toYear, genre, musicFolderId)
                .stream().map(a -> SubsonicViews.albumDir("album", a)).toList());
    }

    @RequestMapping("/rest/getRandomSongs")
    Node getRandomSongs(@RequestParam(defaultValue = "10") int size, @RequestParam(required = false) String genre,
            @RequestParam(required = false) Integer fromYear, @RequestParam(required = false) Integer toYear,
            @RequestParam(required = false) Integer musicFolderId) {
        SubsonicBrowsingController.checkFolder(musicFolderId);
        return Node.of("randomSongs").list("song", library.randomSongs(CurrentUser.get().id(), clamp(size), genre,
                fromYear, toYear).stream().map(s -> SubsonicViews.song("song", s)).toList());
    }

    @RequestMapping("/rest/getSongsByGenre")
    Node getSongsByGenre(@RequestParam String genre, @RequestParam(defaultValue = "10") int count,
            @RequestParam(defaultValue = "0") int offset, @RequestParam(required = false) Integer musicFolderId) {
        SubsonicBrowsingController.checkFolder(musicFolderId);
        return Node.of("songsByGenre").list("song", library.songsByGenre(CurrentUser.get().id(), genre, clamp(count),
                Math.max(0, offset)).stream().map(s -> SubsonicViews.song("song", s)).toList());
    }

    @RequestMapping("/rest/getStarred2")
    Node getStarred2(@RequestParam(required = false) Integer musicFolderId) {
        SubsonicBrowsingController.checkFolder(musicFolderId);
        String me = CurrentUser.get().id();
        return Node.of("starred2")
                .list("artist", library.starredArtists(me).stream().map(a -> SubsonicViews.artistId3("artist", a))
                        .toList())
                .list("album", library.starredAlbums(me).stream().map(a -> SubsonicViews.albumId3("album", a))
                        .toList())
                .list("song", library.starredSongs(me).stream().map(s -> SubsonicViews.song("song", s)).toList());
    }

    @RequestMapping("/rest/getStarred")
    Node getStarred(@RequestParam(required = false) Integer musicFolderId) {
        SubsonicBrowsingController.checkFolder(musicFolderId);
        String me = CurrentUser.get().id();
        return Node.of("starred")
                .list("artist", library.starredArtists(me).stream().map(a -> SubsonicViews.artistIndex("artist", a))
                        .toList())
                .list("album", library.starredAlbums(me).stream().map(a -> SubsonicViews.albumDir("album", a))
                        .toList())
                .list("song", library.starredSongs(me).stream().map(s -> SubsonicViews.song("song", s)).toList());
    }
}
