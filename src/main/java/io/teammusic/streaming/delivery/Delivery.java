package io.teammusic.streaming.delivery;

import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a track's audio leaves as bytes from the app or as a redirect to a CDN URL, and sends the
 * redirect. The stream endpoints call it after they have authorised the request, so the signed CDN URL is only ever
 * handed to someone allowed to hear the track. The URL a client holds is ours: each request to it gets a new CDN
 * URL, so a player that resumes after a pause longer than the CDN URL's lifetime gets a fresh one, not a 403.
 */
public final class Delivery {

    private static final Logger log = LoggerFactory.getLogger(Delivery.class);

    /** A redirect depends on the user and the clock: no cache, shared or private, may keep or reuse it. */
    public static final String REDIRECT_CACHE_CONTROL = "private, no-store";

    private final DeliveryProperties settings;
    private final CdnSigner signer;
    private final NginxSecureLink nginxOrigin;

    Delivery(DeliveryProperties settings, CdnSigner signer, NginxSecureLink nginxOrigin) {
        this.settings = settings;
        this.signer = signer;
        this.nginxOrigin = nginxOrigin;
    }

    /**
     * The checker of the app's origin endpoint for an nginx edge, present whenever the edge's secret is set, in
     * either mode: an edge may still be handed URLs signed before the app went back to proxy mode, until they lapse.
     */
    public Optional<NginxSecureLink> nginxOrigin() {
        return Optional.ofNullable(nginxOrigin);
    }

    /** True when stream requests are answered with a redirect (to any client but the listed Subsonic ones). */
    public boolean redirects() {
        return signer != null;
    }

    /** True when a Subsonic request from client {@code c} is answered with a redirect. */
    public boolean redirectsSubsonicClient(String client) {
        return redirects() && !settings.proxiesClient(client);
    }

    /** A fresh signed URL of the blob, or empty in proxy mode. */
    public Optional<URI> target(String storageKey) {
        return redirects() ? Optional.of(signer.sign(storageKey, settings.ttl())) : Optional.empty();
    }

    /** Answers with {@code 302 Found} to a fresh signed URL of the blob; only call it when {@link #redirects()}. */
    public void redirect(String storageKey, HttpServletResponse response) {
        redirect(storageKey, null, response);
    }

    /**
     * As {@link #redirect(String, HttpServletResponse)}, for a URL the edge answers with {@code contentDisposition}
     * (a download's {@code attachment; filename=...}) where the signer can ask for it.
     */
    public void redirect(String storageKey, String contentDisposition, HttpServletResponse response) {
        if (!redirects()) {
            throw new IllegalStateException("delivery mode is proxy");
        }
        URI target = contentDisposition == null ? signer.sign(storageKey, settings.ttl())
                : signer.sign(storageKey, settings.ttl(), contentDisposition);
        // The query string is the signature: it is never logged.
        log.debug("Redirecting blob {} to {}://{}{}", storageKey, target.getScheme(), target.getRawAuthority(),
                target.getRawPath());
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Location", target.toString());
        response.setHeader("Cache-Control", REDIRECT_CACHE_CONTROL);
        response.setContentLength(0);
    }
}
