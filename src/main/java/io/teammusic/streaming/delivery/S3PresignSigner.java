package io.teammusic.streaming.delivery;

import io.teammusic.storage.BlobStore;
import java.net.URI;
import java.time.Duration;

/** SigV4 presigned GETs of the bucket itself: no CDN, the clients read from S3 (or MinIO, R2...) directly. */
final class S3PresignSigner implements CdnSigner {

    private final BlobStore blobs;

    S3PresignSigner(BlobStore blobs) {
        // Presigning is a local computation, so this asks no server; a local disk store has nothing to presign.
        if (blobs.presignedGet("startup-check", Duration.ofMinutes(1)).isEmpty()) {
            throw new IllegalStateException("teammusic.delivery.signer=s3 needs teammusic.storage.type=s3 (the "
                    + "local store has no URLs to presign); use signer nginx or cloudfront, or mode proxy");
        }
        this.blobs = blobs;
    }

    @Override
    public URI sign(String storageKey, Duration ttl) {
        return blobs.presignedGet(storageKey, ttl).orElseThrow();
    }

    @Override
    public URI sign(String storageKey, Duration ttl, String contentDisposition) {
        return blobs.presignedGet(storageKey, ttl, contentDisposition).orElseThrow();
    }
}
