package io.teammusic.storage;

import io.teammusic.shared.TeammusicProperties;
import io.teammusic.storage.s3.S3BlobStore;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    // S3BlobStore is AutoCloseable: Spring's inferred destroy method closes its HTTP connection pool.
    @Bean
    BlobStore blobStore(StorageProperties storage, TeammusicProperties app, LocalFiles inPlace) throws IOException {
        return switch (storage.type()) {
            case LOCAL -> new InPlaceAwareBlobStore(new LocalBlobStore(app.dataDir().resolve("blobs")), inPlace);
            case S3 -> S3BlobStore.connect(storage.s3(), app.dataDir().resolve("cache").resolve("s3"));
        };
    }
}
