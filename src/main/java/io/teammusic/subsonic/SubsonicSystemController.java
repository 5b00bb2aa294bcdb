package io.teammusic.subsonic;

import io.teammusic.auth.CurrentUser;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/** Subsonic "System" section, plus the OpenSubsonic extension list and tokenInfo. */
@Controller
class SubsonicSystemController {

    private final LibraryQueries library;

    SubsonicSystemController(LibraryQueries library) {
        this.library = library;
    }

    @RequestMapping("/rest/ping")
    Node ping() {
        return Node.empty();
    }

    @RequestMapping("/rest/getLicense")
    Node getLicense() {
        return Node.of("license").attr("valid", true);
    }

    /** Only what is really implemented is advertised. */
    @RequestMapping("/rest/getOpenSubsonicExtensions")
    Node getOpenSubsonicExtensions() {
        List<Node> extensions = List.of(
                Node.of("openSubsonicExtensions").attr("name", "apiKeyAuthentication").values("versions", List.of(1)),
                Node.of("openSubsonicExtensions").attr("name", "formPost").values("versions", List.of(1)));
        // The payload is the list itself: an array in JSON, repeated elements in XML.
        return Node.fragment().list("openSubsonicExtensions", extensions);
    }

    /** Teammusic has no folder scan: uploads land in the catalog at once, so it is never scanning. */
    @RequestMapping("/rest/getScanStatus")
    Node getScanStatus() {
        return Node.of("scanStatus").attr("scanning", false).attr("count", library.songCount());
    }

    @RequestMapping("/rest/tokenInfo")
    Node tokenInfo() {
        return Node.of("tokenInfo").attr("username", CurrentUser.get().username());
    }
}
