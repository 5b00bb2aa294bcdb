package io.teammusic.streaming;

import io.teammusic.shared.NotFoundException;
import io.teammusic.streaming.delivery.Delivery;
import io.teammusic.streaming.delivery.NginxSecureLink;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The origin of an nginx edge: {@code /cdn/blobs/{storageKey}?md5=..&expires=..}, the URL the redirect mode hands
 * out with {@code signer=nginx}. The edge checks the signature first; this checks it again, so a URL sent straight
 * to the app is refused the same way. It needs no login (the signature is the authorisation, issued only to a user
 * allowed to hear the track), and its answers are the same for everyone who may have it: public, immutable, and
 * CORS-open regardless of {@code Origin}, so a cached copy is right for every later request.
 */
@RestController
class CdnOriginController {

    private final Delivery delivery;
    private final OriginBlobs blobs;
    private final StreamService streams;

    CdnOriginController(Delivery delivery, OriginBlobs blobs, StreamService streams) {
        this.delivery = delivery;
        this.blobs = blobs;
        this.streams = streams;
    }

    @RequestMapping(path = NginxSecureLink.PATH_PREFIX + "{key:[0-9a-f]{16,128}}",
            method = {RequestMethod.GET, RequestMethod.HEAD})
    void blob(@PathVariable String key, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        NginxSecureLink link = delivery.nginxOrigin().orElseThrow(() -> new NotFoundException("CDN origin", key));
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.setHeader("Access-Control-Expose-Headers", "Content-Length, Content-Range, Accept-Ranges, ETag");
        if (!link.verify(NginxSecureLink.PATH_PREFIX + key, request.getParameter(NginxSecureLink.EXPIRES),
                request.getParameter(NginxSecureLink.TOKEN), request.getHeader(NginxSecureLink.EDGE_HEADER),
                Instant.now())) {
            forbidden(response);
            return;
        }
        streams.serve(blobs.find(key).orElseThrow(() -> new NotFoundException("blob", key)), request, response);
    }

    private static void forbidden(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                + "\"detail\":\"The CDN URL is invalid or has expired; ask the stream endpoint for a new one.\"}");
    }
}
