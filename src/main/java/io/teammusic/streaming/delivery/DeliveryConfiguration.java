package io.teammusic.streaming.delivery;

import io.teammusic.storage.BlobStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the signer the settings name, and checks at start-up that it can sign (a key file, an S3 store). */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

    @Bean
    Delivery delivery(DeliveryProperties settings, BlobStore blobs) {
        DeliveryProperties.Nginx n = settings.nginx();
        NginxSecureLink nginx = n != null && n.secret() != null && n.baseUrl() != null ? new NginxSecureLink(n) : null;
        if (settings.mode() == DeliveryProperties.Mode.PROXY) {
            return new Delivery(settings, null, nginx);
        }
        CdnSigner signer = switch (settings.signer()) {
            case S3 -> new S3PresignSigner(blobs);
            case CLOUDFRONT -> new CloudFrontSigner(settings.cloudfront());
            // Present: the settings' validation demands base-url and secret for this signer.
            case NGINX -> nginx.asSigner();
        };
        return new Delivery(settings, signer, nginx);
    }
}
