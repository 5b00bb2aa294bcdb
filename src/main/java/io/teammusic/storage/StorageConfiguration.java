package io.teammusic.storage;

import io.teammusic.shared.TeammusicProperties;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    @Bean
    BlobStore blobStore(StorageProperties storage, TeammusicProperties app) throws IOException {
        return switch (storage.type()) {
            case LOCAL -> new LocalBlobStore(app.dataDir().resolve("blobs"));
            case S3 -> throw new IllegalStateException(
                    "teammusic.storage.type=s3 is not available in this build yet; use local");
        };
    }
}
