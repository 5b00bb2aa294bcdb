package io.teammusic.ingest.bucket;

import io.teammusic.shared.ConflictException;
import io.teammusic.storage.BlobStore;
import io.teammusic.storage.s3.S3BlobStore;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The S3 store when the server runs on one; everything in this package needs it. */
@Component
class BucketAccess {

    private final S3BlobStore store;

    BucketAccess(BlobStore blobs) {
        this.store = blobs instanceof S3BlobStore s3 ? s3 : null;
    }

    Optional<S3BlobStore> store() {
        return Optional.ofNullable(store);
    }

    /** The S3 store, or a 409 naming the setting that is missing. */
    S3BlobStore require() {
        if (store == null) {
            throw new ConflictException("This server stores blobs on local disk; direct uploads and bucket ingest "
                    + "need teammusic.storage.type=s3");
        }
        return store;
    }
}
