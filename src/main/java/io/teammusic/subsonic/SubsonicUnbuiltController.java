package io.teammusic.subsonic;

import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Every {@code /rest} method without a handler of its own lands here (a literal mapping always wins over this
 * pattern). Methods of the Subsonic API this server does not offer yet are declared in {@link #NOT_YET}, and
 * answer a Subsonic error that says so; anything else is an unknown method.
 */
@Controller
class SubsonicUnbuiltController {

    /** Subsonic and OpenSubsonic methods that exist in the spec but not here yet. */
    static final Set<String> NOT_YET = Set.of(
            "getArtistInfo", "getArtistInfo2", "getAlbumInfo", "getAlbumInfo2", "getSimilarSongs",
            "getSimilarSongs2", "getTopSongs", "getNowPlaying", "getVideos", "getVideoInfo", "getLyrics",
            "getLyricsBySongId", "getAvatar", "getCaptions", "hls", "search", "getPlayQueue", "savePlayQueue",
            "getPlayQueueByIndex", "savePlayQueueByIndex", "getBookmarks", "createBookmark", "deleteBookmark",
            "getShares", "createShare", "updateShare", "deleteShare", "getPodcasts", "getNewestPodcasts",
            "refreshPodcasts", "createPodcastChannel", "deletePodcastChannel", "deletePodcastEpisode",
            "downloadPodcastEpisode", "getPodcastEpisode", "jukeboxControl", "getInternetRadioStations",
            "createInternetRadioStation", "updateInternetRadioStation", "deleteInternetRadioStation",
            "getChatMessages", "addChatMessage", "getUsers", "createUser", "updateUser", "deleteUser",
            "changePassword", "getScanStatus", "startScan", "reportPlayback", "getTranscodeDecision",
            "getTranscodeStream", "getSonicSimilarTracks", "findSonicPath");

    @RequestMapping("/rest/{method}")
    Node unbuilt(@PathVariable String method) {
        if (NOT_YET.contains(method)) {
            throw new SubsonicException(SubsonicException.GENERIC, method + " is not implemented by this server yet.");
        }
        throw new SubsonicException(SubsonicException.NOT_FOUND, "Unknown method: " + method);
    }
}
