package io.teammusic.subsonic;

import io.teammusic.auth.CurrentUser;
import io.teammusic.auth.UserService;
import io.teammusic.playlist.Playlist;
import io.teammusic.playlist.PlaylistService;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Subsonic "Playlists", over the same playlists as the native API. Someone else's private playlist is "not found"
 * (code 70) for everyone, admins included; someone else's public playlist is readable but not editable (code 50).
 */
@Controller
class SubsonicPlaylistsController {

    private final PlaylistService playlists;
    private final LibraryQueries library;
    private final UserService users;

    SubsonicPlaylistsController(PlaylistService playlists, LibraryQueries library, UserService users) {
        this.playlists = playlists;
        this.library = library;
        this.users = users;
    }

    @RequestMapping("/rest/getPlaylists")
    Node getPlaylists(@RequestParam(required = false) String username) {
        CurrentUser me = CurrentUser.get();
        List<Playlist> list;
        if (username == null || username.equalsIgnoreCase(me.username())) {
            list = playlists.visibleTo(me.id());
        } else {
            if (!me.isAdmin()) {
                throw new SubsonicException(SubsonicException.NOT_AUTHORIZED,
                        "Only an admin may list another user's playlists.");
            }
            String ownerId = users.list().stream().filter(u -> u.username().equalsIgnoreCase(username)).findFirst()
                    .orElseThrow(() -> SubsonicException.notFound("User", username)).id();
            // Admins see another user's public playlists only: private means private.
            list = playlists.ownedBy(me.id(), ownerId);
        }
        return Node.of("playlists").list("playlist", list.stream().map(SubsonicViews::playlist).toList());
    }

    @RequestMapping("/rest/getPlaylist")
    Node getPlaylist(@RequestParam String id) {
        return withEntries(CurrentUser.get().id(), id);
    }

    private Node withEntries(String me, String id) {
        Playlist p = playlists.get(me, id);
        List<String> trackIds = playlists.trackIds(me, id);
        return SubsonicViews.playlist(p).list("entry",
                library.songs(me, trackIds).stream().map(s -> SubsonicViews.song("entry", s)).toList());
    }

    /** With {@code name}: a new playlist. With {@code playlistId}: replaces that playlist's songs. */
    @RequestMapping("/rest/createPlaylist")
    Node createPlaylist(@RequestParam(required = false) String playlistId,
            @RequestParam(required = false) String name, @RequestParam(required = false) List<String> songId) {
        String me = CurrentUser.get().id();
        List<String> songs = songId == null ? List.of() : songId;
        if (playlistId != null) {
            playlists.replaceTracks(me, playlistId, songs);
            if (name != null) {
                playlists.update(me, playlistId, name, null, null);
            }
            return withEntries(me, playlistId);
        }
        if (name == null) {
            throw SubsonicException.missing("name or playlistId");
        }
        Playlist created = playlists.create(me, name, null, false, songs);
        return withEntries(me, created.id());
    }

    @RequestMapping("/rest/updatePlaylist")
    Node updatePlaylist(@RequestParam String playlistId, @RequestParam(required = false) String name,
            @RequestParam(required = false) String comment, @RequestParam(name = "public", required = false)
            Boolean isPublic, @RequestParam(required = false) List<String> songIdToAdd,
            @RequestParam(required = false) List<Integer> songIndexToRemove) {
        String me = CurrentUser.get().id();
        if (name != null || comment != null || isPublic != null) {
            playlists.update(me, playlistId, name, comment, isPublic);
        }
        if ((songIdToAdd != null && !songIdToAdd.isEmpty())
                || (songIndexToRemove != null && !songIndexToRemove.isEmpty())) {
            playlists.edit(me, playlistId, songIndexToRemove == null ? List.of() : songIndexToRemove,
                    songIdToAdd == null ? List.of() : songIdToAdd);
        }
        if (name == null && comment == null && isPublic == null && songIdToAdd == null && songIndexToRemove == null) {
            // Nothing to change, but the caller must still be the owner, as for a real edit.
            playlists.update(me, playlistId, null, null, null);
        }
        return Node.empty();
    }

    @RequestMapping("/rest/deletePlaylist")
    Node deletePlaylist(@RequestParam String id) {
        playlists.delete(CurrentUser.get().id(), id);
        return Node.empty();
    }
}
