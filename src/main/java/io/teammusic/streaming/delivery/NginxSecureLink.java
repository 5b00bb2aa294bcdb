package io.teammusic.streaming.delivery;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;

/**
 * URLs for an nginx edge that checks them with its {@code secure_link} module, configured as
 * <pre>secure_link $arg_md5,$arg_expires;
 * secure_link_md5 "$secure_link_expires$uri SECRET";</pre>
 * The token is {@code base64url(MD5(expires + path + " " + secret))}. MD5 keyed with a suffix secret is what the
 * module offers, and it is weaker than an HMAC: it relies on MD5 having no practical second-preimage attack (it
 * has none known) and on the signed text being chosen by us, never by a client, so its collision weakness gives no
 * forgery. The expiry is inside the hash, so it cannot be extended, and the path names one blob by its hash
 * (docs/cdn.md says why we chose this over {@code auth_request}). The app checks the same token on its origin
 * endpoint, so a URL that skips the edge is refused the same way.
 */
public final class NginxSecureLink {

    /** The origin path of a blob on the app, and on the edge in front of it. */
    public static final String PATH_PREFIX = "/cdn/blobs/";
    public static final String EXPIRES = "expires";
    public static final String TOKEN = "md5";
    /** Header the edge sends on its own requests to the app; see {@link DeliveryProperties.Nginx#edgeSecret()}. */
    public static final String EDGE_HEADER = "X-Teammusic-Edge";

    private final String baseUrl;
    private final byte[] secret;
    private final byte[] edgeSecret;

    NginxSecureLink(DeliveryProperties.Nginx settings) {
        String base = settings.baseUrl().toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.secret = settings.secret().getBytes(StandardCharsets.US_ASCII);
        this.edgeSecret = settings.edgeSecret() == null ? null
                : settings.edgeSecret().getBytes(StandardCharsets.US_ASCII);
    }

    /** The edge URL of a blob, valid until {@code expires} (whole seconds). */
    public URI sign(String storageKey, Instant expires) {
        String path = PATH_PREFIX + storageKey;
        long exp = expires.getEpochSecond();
        return URI.create(baseUrl + path + "?" + TOKEN + "=" + token(path, exp) + "&" + EXPIRES + "=" + exp);
    }

    /**
     * True when {@code token} is ours for this path and expiry, and the expiry has not passed; an expired token is
     * still accepted on a request that carries the edge's header, because the edge checked it when the response
     * began and asks for its later slices while the client plays. Comparison is constant-time.
     */
    public boolean verify(String path, String expires, String token, String edgeHeader, Instant now) {
        if (path == null || expires == null || token == null || expires.length() > 19) {
            return false;
        }
        long exp;
        try {
            exp = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            return false;
        }
        // Long.parseLong takes "+123", which nginx would sign as a different string; only the canonical form.
        if (exp < 0 || !Long.toString(exp).equals(expires)) {
            return false;
        }
        boolean authentic = MessageDigest.isEqual(token(path, exp).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
        return authentic && (now.getEpochSecond() <= exp || fromEdge(edgeHeader));
    }

    private boolean fromEdge(String header) {
        return edgeSecret != null && header != null
                && MessageDigest.isEqual(edgeSecret, header.getBytes(StandardCharsets.US_ASCII));
    }

    private String token(String path, long exp) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update((exp + path + " ").getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(md5.digest(secret));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As a {@link CdnSigner}: the expiry is now plus the lifetime, in whole seconds. */
    CdnSigner asSigner() {
        return (key, ttl) -> sign(key, Instant.now().plus(ttl));
    }
}
