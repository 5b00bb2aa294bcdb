package io.teammusic.storage.s3;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teammusic.TeammusicApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;

/**
 * Bad S3 settings stop the real application at start-up with a message naming the property to fix: one case
 * caught while binding the settings, one when the store first talks to the server. The other rules are checked
 * in StorageSettingsTests and S3BlobStoreTests, without booting the whole application each time.
 */
class S3StartupTests {

    @TempDir
    static Path dataDir;

    @BeforeAll
    static void credentials() {
        System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
    }

    @Test
    void s3WithoutABucketDoesNotStart() {
        assertThatThrownBy(() -> start("--teammusic.storage.type=s3"))
                .hasStackTraceContaining("teammusic.storage.s3.bucket must be set when teammusic.storage.type=s3");
    }

    @Test
    void aBucketTheServerDoesNotHaveDoesNotStart() {
        assertThatThrownBy(() -> start("--teammusic.storage.type=s3", "--teammusic.storage.s3.bucket=no-such-bucket",
                "--teammusic.storage.s3.path-style=true",
                "--teammusic.storage.s3.endpoint=" + S3ProxyServer.get().endpoint()))
                .hasStackTraceContaining("teammusic.storage.s3.bucket 'no-such-bucket' cannot be used: HTTP 404");
    }

    private static void start(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        Path dir = Files.createTempDirectory(dataDir, "node-");
        all.add("--teammusic.data-dir=" + dir);
        all.add("--teammusic.admin-password=startup-test-password");
        all.add("--server.port=0");
        SpringApplication.run(TeammusicApplication.class, all.toArray(String[]::new)).close();
    }
}
