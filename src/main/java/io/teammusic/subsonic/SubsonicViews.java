package io.teammusic.subsonic;

import io.teammusic.playlist.Playlist;

/**
 * Catalog rows as Subsonic elements. Attribute names and JSON types follow the 1.16.1 XSD and the OpenSubsonic
 * schemas: ids are strings, counts and durations (in seconds) numbers, flags booleans, times ISO-8601.
 */
final class SubsonicViews {

    private SubsonicViews() {
    }

    static int seconds(Long ms) {
        return ms == null ? 0 : (int) ((ms + 500) / 1000);
    }

    /** A song as a {@code Child}, under the element name the endpoint uses (song, child, entry). */
    static Node song(String element, Library.Song s) {
        return Node.of(element)
                .attr("id", s.id())
                .attr("parent", s.albumId())
                .attr("isDir", false)
                .attr("title", s.title())
                .attr("album", s.album())
                .attr("artist", s.artist())
                .attr("track", s.track())
                .attr("year", s.year())
                .attr("genre", s.genre())
                .attr("coverArt", s.coverArt())
                .attr("size", s.size())
                .attr("contentType", s.contentType())
                .attr("suffix", s.suffix())
                .attr("duration", s.durationMs() == null ? null : seconds(s.durationMs()))
                .attr("bitRate", s.bitRate())
                .attr("path", path(s))
                .attr("isVideo", false)
                .attr("userRating", s.rating())
                .attr("playCount", (long) s.playCount())
                .attr("discNumber", s.disc())
                .attr("created", s.created())
                .attr("starred", s.starred())
                .attr("albumId", s.albumId())
                .attr("artistId", s.artistId())
                .attr("type", "music")
                .attr("bitDepth", s.bitDepth())
                .attr("samplingRate", s.sampleRate())
                .attr("channelCount", s.channels())
                .attr("mediaType", "song")
                .attr("played", s.played());
    }

    /**
     * A virtual file path (album artist / album / file name): folder-based clients such as DSub file their offline
     * copies under it. Teammusic has no folders; this only has to be stable and readable.
     */
    private static String path(Library.Song s) {
        String file = s.path() == null ? s.title() + "." + s.suffix() : s.path();
        return clean(s.artist() == null ? "Unknown Artist" : s.artist()) + "/"
                + clean(s.album() == null ? "Unknown Album" : s.album()) + "/" + clean(file);
    }

    private static String clean(String part) {
        return part.replace('/', '_').replace('\\', '_');
    }

    /** An album as {@code AlbumID3} (the ID3 endpoints). */
    static Node albumId3(String element, Library.Album a) {
        return Node.of(element)
                .attr("id", a.id())
                .attr("name", a.name())
                .attr("artist", a.artist())
                .attr("artistId", a.artistId())
                .attr("coverArt", a.coverArt())
                .attr("songCount", a.songCount())
                .attr("duration", seconds(a.durationMs()))
                .attr("playCount", (long) a.playCount())
                .attr("created", a.created())
                .attr("starred", a.starred())
                .attr("year", a.year())
                .attr("genre", a.genre())
                .attr("played", a.played())
                .attr("userRating", a.rating());
    }

    /** An album as a folder {@code Child} (getAlbumList, getMusicDirectory of an artist, search2, getStarred). */
    static Node albumDir(String element, Library.Album a) {
        return Node.of(element)
                .attr("id", a.id())
                .attr("parent", a.artistId())
                .attr("isDir", true)
                .attr("title", a.name())
                .attr("album", a.name())
                .attr("artist", a.artist())
                .attr("year", a.year())
                .attr("genre", a.genre())
                .attr("coverArt", a.coverArt())
                .attr("duration", seconds(a.durationMs()))
                .attr("userRating", a.rating())
                .attr("playCount", (long) a.playCount())
                .attr("created", a.created())
                .attr("starred", a.starred())
                .attr("albumId", a.id())
                .attr("artistId", a.artistId())
                .attr("mediaType", "album")
                .attr("played", a.played());
    }

    static Node artistId3(String element, Library.Artist a) {
        return Node.of(element)
                .attr("id", a.id())
                .attr("name", a.name())
                .attr("coverArt", a.coverArt())
                .attr("albumCount", a.albumCount())
                .attr("starred", a.starred())
                .attr("userRating", a.rating())
                .attr("sortName", a.sortName());
    }

    /** The folder-index {@code Artist} type (getIndexes, getStarred, search2). */
    static Node artistIndex(String element, Library.Artist a) {
        return Node.of(element)
                .attr("id", a.id())
                .attr("name", a.name())
                .attr("starred", a.starred())
                .attr("userRating", a.rating())
                .attr("coverArt", a.coverArt())
                .attr("albumCount", a.albumCount());
    }

    static Node playlist(Playlist p) {
        return Node.of("playlist")
                .attr("id", p.id())
                .attr("name", p.name())
                .attr("comment", p.comment())
                .attr("owner", p.ownerName())
                .attr("public", p.isPublic())
                .attr("songCount", p.trackCount())
                .attr("duration", seconds(p.durationMs()))
                .attr("created", p.createdAt())
                .attr("changed", p.updatedAt());
    }
}
