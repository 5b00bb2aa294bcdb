package io.teammusic.streaming.delivery;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import software.amazon.awssdk.services.cloudfront.CloudFrontUtilities;
import software.amazon.awssdk.services.cloudfront.model.CannedSignerRequest;

/**
 * CloudFront signed URLs with a canned policy: the distribution checks the RSA signature over the resource URL
 * and its expiry with the public key of our key pair, so neither can be changed without the private key.
 */
final class CloudFrontSigner implements CdnSigner {

    private final CloudFrontUtilities utilities = CloudFrontUtilities.create();
    private final String baseUrl;
    private final String keyPairId;
    private final PrivateKey privateKey;

    CloudFrontSigner(DeliveryProperties.CloudFront settings) {
        String base = settings.baseUrl().toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.keyPairId = settings.keyPairId();
        this.privateKey = load(settings.privateKeyFile());
    }

    /** Parsed once at start-up, so a wrong file stops the app instead of failing every stream request. */
    private static PrivateKey load(Path file) {
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("teammusic.delivery.cloudfront.private-key-file " + file
                    + " is not a readable file");
        }
        try {
            return CannedSignerRequest.builder().privateKey(file).build().privateKey();
        } catch (Exception e) {
            throw new IllegalStateException("teammusic.delivery.cloudfront.private-key-file " + file
                    + " holds no RSA private key in PEM form: " + e.getMessage(), e);
        }
    }

    @Override
    public URI sign(String storageKey, Duration ttl) {
        // Whole seconds: the policy carries epoch seconds.
        Instant expires = Instant.now().plus(ttl).truncatedTo(ChronoUnit.SECONDS);
        return URI.create(utilities.getSignedUrlWithCannedPolicy(r -> r
                .resourceUrl(baseUrl + "/" + storageKey)
                .keyPairId(keyPairId)
                .privateKey(privateKey)
                .expirationDate(expires)).url());
    }
}
