package io.teammusic.subsonic;

import io.teammusic.auth.CurrentUser;
import io.teammusic.shared.Text;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Subsonic "Browsing": the tag-based (ID3) tree and, for folder-based clients such as DSub, a virtual folder tree
 * made of the same rows: one music folder, artist directories holding albums, album directories holding songs.
 */
@Controller
class SubsonicBrowsingController {

    static final int MUSIC_FOLDER_ID = 1;
    static final String IGNORED_ARTICLES = "The El La Los Las Le Les";

    private final LibraryQueries library;

    SubsonicBrowsingController(LibraryQueries library) {
        this.library = library;
    }

    private static String me() {
        return CurrentUser.get().id();
    }

    @RequestMapping("/rest/getMusicFolders")
    Node getMusicFolders() {
        return Node.of("musicFolders").list("musicFolder",
                List.of(Node.of("musicFolder").attr("id", MUSIC_FOLDER_ID).attr("name", "Music")));
    }

    @RequestMapping("/rest/getIndexes")
    Node getIndexes(@RequestParam(required = false) Integer musicFolderId,
            @RequestParam(required = false) Long ifModifiedSince) {
        checkFolder(musicFolderId);
        long lastModified = library.lastModified();
        Node indexes = Node.of("indexes").attr("lastModified", lastModified)
                .attr("ignoredArticles", IGNORED_ARTICLES);
        if (ifModifiedSince != null && ifModifiedSince >= lastModified) {
            return indexes;
        }
        return indexes.list("index", index(library.albumArtists(me()), SubsonicViews::artistIndex));
    }

    @RequestMapping("/rest/getArtists")
    Node getArtists(@RequestParam(required = false) Integer musicFolderId) {
        checkFolder(musicFolderId);
        return Node.of("artists").attr("ignoredArticles", IGNORED_ARTICLES)
                .list("index", index(library.albumArtists(me()), SubsonicViews::artistId3));
    }

    private static List<Node> index(List<Library.Artist> artists,
            BiFunction<String, Library.Artist, Node> view) {
        Map<String, List<Node>> byLetter = new LinkedHashMap<>();
        for (Library.Artist a : artists) {
            byLetter.computeIfAbsent(letter(a.sortName() == null ? a.name() : a.sortName()), k -> new ArrayList<>())
                    .add(view.apply("artist", a));
        }
        List<Node> out = new ArrayList<>();
        byLetter.entrySet().stream().sorted(Map.Entry.comparingByKey((x, y) -> x.equals("#") ? -1
                        : y.equals("#") ? 1 : x.compareTo(y)))
                .forEach(e -> out.add(Node.of("index").attr("name", e.getKey()).list("artist", e.getValue())));
        return out;
    }

    /** The index letter: the first letter of the folded sort name, upper-cased; digits and signs go under #. */
    static String letter(String sortName) {
        String folded = Text.fold(sortName);
        if (folded.isEmpty()) {
            return "#";
        }
        int cp = folded.codePointAt(0);
        return Character.isLetter(cp) ? new String(Character.toChars(cp)).toUpperCase(java.util.Locale.ROOT) : "#";
    }

    @RequestMapping("/rest/getArtist")
    Node getArtist(@RequestParam String id) {
        String me = me();
        Library.Artist artist = library.artist(me, id).orElseThrow(() -> SubsonicException.notFound("Artist", id));
        return SubsonicViews.artistId3("artist", artist).list("album",
                library.albumsOfArtist(me, id).stream().map(a -> SubsonicViews.albumId3("album", a)).toList());
    }

    @RequestMapping("/rest/getAlbum")
    Node getAlbum(@RequestParam String id) {
        String me = me();
        Library.Album album = library.album(me, id).orElseThrow(() -> SubsonicException.notFound("Album", id));
        return SubsonicViews.albumId3("album", album).list("song",
                library.songsOfAlbum(me, id).stream().map(s -> SubsonicViews.song("song", s)).toList());
    }

    @RequestMapping("/rest/getSong")
    Node getSong(@RequestParam String id) {
        return SubsonicViews.song("song",
                library.song(me(), id).orElseThrow(() -> SubsonicException.notFound("Song", id)));
    }

    /** An artist id lists the artist's albums as folders; an album id lists its songs. */
    @RequestMapping("/rest/getMusicDirectory")
    Node getMusicDirectory(@RequestParam String id) {
        String me = me();
        var artist = library.artist(me, id);
        if (artist.isPresent()) {
            Library.Artist a = artist.get();
            return Node.of("directory").attr("id", a.id()).attr("name", a.name()).attr("starred", a.starred())
                    .attr("userRating", a.rating())
                    .list("child", library.albumsOfArtist(me, id).stream()
                            .map(al -> SubsonicViews.albumDir("child", al)).toList());
        }
        Library.Album album = library.album(me, id).orElseThrow(() -> SubsonicException.notFound("Directory", id));
        return Node.of("directory").attr("id", album.id()).attr("parent", album.artistId())
                .attr("name", album.name()).attr("starred", album.starred()).attr("userRating", album.rating())
                .attr("playCount", (long) album.playCount())
                .list("child", library.songsOfAlbum(me, id).stream().map(s -> SubsonicViews.song("child", s)).toList());
    }

    @RequestMapping("/rest/getGenres")
    Node getGenres() {
        return Node.of("genres").list("genre", library.genres().stream()
                .map(g -> Node.of("genre").attr("songCount", g.songCount()).attr("albumCount", g.albumCount())
                        .text(g.name()))
                .toList());
    }

    static void checkFolder(Integer musicFolderId) {
        if (musicFolderId != null && musicFolderId != MUSIC_FOLDER_ID) {
            throw SubsonicException.notFound("Music folder", String.valueOf(musicFolderId));
        }
    }
}
