package io.teammusic.streaming.delivery;

import java.net.URI;
import java.time.Duration;

/** Makes a URL from which anyone holding it may GET (with ranges) one blob until it lapses. */
interface CdnSigner {

    /** A URL of the blob under {@code storageKey}, valid for {@code ttl} from now and no longer. */
    URI sign(String storageKey, Duration ttl);

    /**
     * As {@link #sign(String, Duration)}, asking the edge to answer with {@code contentDisposition}. Only a signer
     * whose URL can carry it does (S3's {@code response-content-disposition}); CloudFront and nginx URLs have no
     * such parameter, so there the edge itself must add it (docs/cdn.md) and this is the plain URL.
     */
    default URI sign(String storageKey, Duration ttl, String contentDisposition) {
        return sign(storageKey, ttl);
    }
}
