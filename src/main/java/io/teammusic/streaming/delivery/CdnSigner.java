package io.teammusic.streaming.delivery;

import java.net.URI;
import java.time.Duration;

/** Makes a URL from which anyone holding it may GET (with ranges) one blob until it lapses. */
interface CdnSigner {

    /** A URL of the blob under {@code storageKey}, valid for {@code ttl} from now and no longer. */
    URI sign(String storageKey, Duration ttl);
}
