package io.teammusic.ingest.bucket;

import io.teammusic.storage.s3.S3BlobStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * Acts on S3 event notifications: a created object is taken in, a removed one dropped. Events are applied one at a
 * time in arrival order on a worker of their own, so the sender (SNS waits 15 s at most) gets its answer at once;
 * the bucket is asked for the object's current state first, so a late or repeated event changes nothing.
 */
@Service
class S3EventService implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(S3EventService.class);

    private final BucketAccess bucket;
    private final BucketIngest ingest;
    private final BucketProperties props;
    private final Pattern snsHosts;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofVirtual()
            .name("s3-events").factory());

    S3EventService(BucketAccess bucket, BucketIngest ingest, BucketProperties props) {
        this.bucket = bucket;
        this.ingest = ingest;
        this.props = props;
        this.snsHosts = Pattern.compile(props.snsHosts());
    }

    boolean enabled() {
        return props.eventsSecret() != null && !props.eventsSecret().isBlank();
    }

    /**
     * Whether the request carries the shared secret: as the password of Basic credentials (what an SNS
     * subscription to {@code https://user:SECRET@host/...} sends), or in {@code X-Teammusic-Events-Secret}.
     * Compared in constant time.
     */
    boolean authorized(String authorization, String secretHeader) {
        if (!enabled()) {
            return false;
        }
        String given = secretHeader;
        if (given == null && authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                given = pair.substring(pair.indexOf(':') + 1);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                props.eventsSecret().getBytes(StandardCharsets.UTF_8));
    }

    /** Queues the message's events; returns how many were for our bucket and prefix. */
    int accept(S3Events.Message message) {
        S3BlobStore store = bucket.require();
        int queued = 0;
        for (S3Events.Event e : message.events()) {
            if (!e.bucket().equals(store.bucket()) || !e.key().startsWith(store.keyPrefix())) {
                log.debug("S3 event {} for {}/{} is not about our bucket and prefix", e.eventName(), e.bucket(),
                        e.key());
                continue;
            }
            String key = e.key().substring(store.keyPrefix().length());
            if (key.isEmpty() || BucketIngest.isOwnKey(key)) {
                continue;
            }
            worker.execute(() -> apply(store, e.kind(), key));
            queued++;
        }
        return queued;
    }

    private void apply(S3BlobStore store, S3Events.Kind kind, String key) {
        try {
            Optional<S3BlobStore.StoredObject> now = store.stat(key);
            if (now.isPresent()) {
                // Created, or removed and created again since the event: what is there now counts.
                BucketIngest.Outcome outcome = ingest.ingest(now.get(), null);
                log.info("S3 event: {} {}", key, outcome);
            } else if (kind == S3Events.Kind.REMOVED || kind == S3Events.Kind.CREATED) {
                if (ingest.drop(key)) {
                    log.info("S3 event: {} dropped", key);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("S3 event for {} could not be applied; a reconcile of its prefix catches up: {}", key,
                    e.toString());
        }
    }

    /**
     * Confirms an SNS subscription by fetching its {@code SubscribeURL}, but only on a host that matches
     * {@code teammusic.bucket.sns-hosts} (SNS's own by default), so that nobody can make the server fetch other
     * URLs. The secret has been checked before: only a subscription whose endpoint carries it gets here.
     */
    boolean confirm(String subscribeUrl) {
        URI url;
        try {
            url = URI.create(subscribeUrl);
        } catch (IllegalArgumentException e) {
            return false;
        }
        boolean loopback = "127.0.0.1".equals(url.getHost()) || "localhost".equals(url.getHost());
        if (url.getHost() == null || !snsHosts.matcher(url.getHost()).matches()
                || !("https".equals(url.getScheme()) || ("http".equals(url.getScheme()) && loopback))) {
            log.warn("SNS SubscriptionConfirmation for host {} refused: not in teammusic.bucket.sns-hosts",
                    url.getHost());
            return false;
        }
        // A client per confirmation (a rare event): one held from start-up loads the TLS stack and keeps a
        // selector thread on every server, S3 or not.
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(15)).GET()
                    .build(), HttpResponse.BodyHandlers.discarding());
            boolean ok = r.statusCode() / 100 == 2;
            log.info("SNS subscription confirmation at {}: HTTP {}", url.getHost(), r.statusCode());
            return ok;
        } catch (IOException e) {
            log.warn("SNS subscription confirmation at {} failed: {}", url.getHost(), e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits for the queued events to be applied (tests, and a clean shutdown). */
    void drain() throws Exception {
        worker.submit(() -> { }).get(5, java.util.concurrent.TimeUnit.MINUTES);
    }

    @Override
    public void destroy() {
        worker.shutdown();
    }
}
