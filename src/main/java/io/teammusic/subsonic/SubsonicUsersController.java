package io.teammusic.subsonic;

import io.teammusic.auth.CurrentUser;
import io.teammusic.auth.Role;
import io.teammusic.auth.User;
import io.teammusic.auth.UserService;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Subsonic "User management", read side: clients switch features on and off from these role flags. */
@Controller
class SubsonicUsersController {

    private final UserService users;

    SubsonicUsersController(UserService users) {
        this.users = users;
    }

    /** {@code username} defaults to the caller (subsonic-api's getUser() sends none); others need an admin. */
    @RequestMapping("/rest/getUser")
    Node getUser(@RequestParam(required = false) String username) {
        CurrentUser me = CurrentUser.get();
        if (username != null && !username.equalsIgnoreCase(me.username()) && !me.isAdmin()) {
            throw new SubsonicException(SubsonicException.NOT_AUTHORIZED, "Only an admin may look at other users.");
        }
        User u = username == null ? users.get(me.id()) : users.list().stream()
                .filter(x -> x.username().equalsIgnoreCase(username)).findFirst()
                .orElseThrow(() -> SubsonicException.notFound("User", username));
        boolean admin = u.role() == Role.ADMIN;
        return Node.of("user")
                .attr("username", u.username())
                .attr("scrobblingEnabled", true)
                .attr("adminRole", admin)
                .attr("settingsRole", true)
                .attr("downloadRole", true)
                // Uploading is an admin's job in Teammusic.
                .attr("uploadRole", admin)
                .attr("playlistRole", true)
                .attr("coverArtRole", false)
                .attr("commentRole", false)
                .attr("podcastRole", false)
                .attr("streamRole", true)
                .attr("jukeboxRole", false)
                .attr("shareRole", false)
                .attr("videoConversionRole", false)
                .values("folder", List.of(SubsonicBrowsingController.MUSIC_FOLDER_ID));
    }
}
