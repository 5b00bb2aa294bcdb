package io.teammusic.subsonic;

import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Every {@code /rest} method without a handler of its own lands here (a literal mapping always wins over this
 * pattern). This is the one table of what the server does not offer yet:
 * <ul>
 * <li>{@link #EMPTY}: reads that clients make on their own (DSub asks for bookmarks at start-up, most players ask
 * for artist info on every artist page) answer a valid, empty payload, because several clients hang or show errors
 * on a failed envelope there;</li>
 * <li>{@link #NOT_YET}: everything else in the spec answers Subsonic error 0, "not implemented".</li>
 * </ul>
 * Any other name is an unknown method (error 70).
 */
@Controller
class SubsonicUnbuiltController {

    /** Method → the empty payload element it answers with. */
    static final Map<String, String> EMPTY = Map.ofEntries(
            Map.entry("getArtistInfo", "artistInfo"), Map.entry("getArtistInfo2", "artistInfo2"),
            Map.entry("getSimilarSongs", "similarSongs"), Map.entry("getSimilarSongs2", "similarSongs2"),
            Map.entry("getTopSongs", "topSongs"), Map.entry("getNowPlaying", "nowPlaying"),
            Map.entry("getBookmarks", "bookmarks"), Map.entry("getShares", "shares"),
            Map.entry("getPodcasts", "podcasts"), Map.entry("getNewestPodcasts", "newestPodcasts"),
            Map.entry("getInternetRadioStations", "internetRadioStations"),
            Map.entry("getChatMessages", "chatMessages"), Map.entry("getVideos", "videos"),
            Map.entry("getLyrics", "lyrics"));

    /** Subsonic and OpenSubsonic methods that exist in the spec but not here yet. */
    static final Set<String> NOT_YET = Set.of(
            "getAlbumInfo", "getAlbumInfo2", "getVideoInfo", "getLyricsBySongId", "getAvatar", "getCaptions", "hls",
            "search", "getPlayQueue", "savePlayQueue", "getPlayQueueByIndex", "savePlayQueueByIndex",
            "createBookmark", "deleteBookmark", "createShare", "updateShare", "deleteShare", "refreshPodcasts",
            "createPodcastChannel", "deletePodcastChannel", "deletePodcastEpisode", "downloadPodcastEpisode",
            "getPodcastEpisode", "jukeboxControl", "createInternetRadioStation", "updateInternetRadioStation",
            "deleteInternetRadioStation", "addChatMessage", "getUsers", "createUser", "updateUser", "deleteUser",
            "changePassword", "startScan", "reportPlayback", "getTranscodeDecision", "getTranscodeStream",
            "getSonicSimilarTracks", "findSonicPath");

    @RequestMapping("/rest/{method}")
    Node unbuilt(@PathVariable String method) {
        String empty = EMPTY.get(method);
        if (empty != null) {
            return Node.of(empty);
        }
        if (NOT_YET.contains(method)) {
            throw new SubsonicException(SubsonicException.GENERIC, method + " is not implemented by this server yet.");
        }
        throw new SubsonicException(SubsonicException.NOT_FOUND, "Unknown method: " + method);
    }
}
