package io.teammusic.storage.s3;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 protocol server for tests: S3Proxy over jclouds' in-memory {@code transient} store, on a random
 * loopback port, requiring SigV4-signed requests with the credentials below. One per JVM, started on first use.
 */
public final class S3ProxyServer {

    public static final String ACCESS_KEY = "teammusic-test-access";
    public static final String SECRET_KEY = "teammusic-test-secret";

    static {
        // Nothing in the tests may ask the EC2 metadata address for credentials or a region: loopback only.
        System.setProperty("aws.disableEc2Metadata", "true");
    }

    private static S3ProxyServer instance;

    private final S3Proxy proxy;
    private final BlobStoreContext context;

    private S3ProxyServer() throws Exception {
        context = ContextBuilder.newBuilder("transient")
                .credentials("unused", "unused")
                .build(BlobStoreContext.class);
        proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!"STARTED".equals(proxy.getState())) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(20);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
    }

    public static synchronized S3ProxyServer get() {
        if (instance == null) {
            try {
                instance = new S3ProxyServer();
            } catch (Exception e) {
                throw new IllegalStateException("could not start S3Proxy", e);
            }
        }
        return instance;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** Creates the bucket in the backing store directly, as an operator would have before start-up. */
    public void createBucket(String bucket) {
        context.getBlobStore().createContainerInLocation(null, bucket);
    }

    private void stop() {
        try {
            proxy.stop();
        } catch (Exception e) {
            // The JVM is exiting; nothing is left to clean.
        }
        context.close();
    }
}
