package io.teammusic.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** teammusic.storage.* binds and validates the way start-up does: a bad value fails naming its property. */
class StorageSettingsTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Settings.class);

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(StorageProperties.class)
    static class Settings {
    }

    @Test
    void localNeedsNoS3Settings() {
        runner.run(c -> assertThat(c.getBean(StorageProperties.class).type()).isEqualTo(StorageProperties.Type.LOCAL));
    }

    @Test
    void s3SettingsBindWithTheirDefaults() {
        runner.withPropertyValues("teammusic.storage.type=s3", "teammusic.storage.s3.bucket=music",
                "teammusic.storage.s3.prefix=team/a", "teammusic.storage.s3.endpoint=http://127.0.0.1:9000",
                "teammusic.storage.s3.path-style=true").run(c -> {
                    StorageProperties.S3 s3 = c.getBean(StorageProperties.class).s3();
                    assertThat(s3.bucket()).isEqualTo("music");
                    assertThat(s3.keyPrefix()).isEqualTo("team/a/");
                    assertThat(s3.pathStyle()).isTrue();
                    assertThat(s3.region()).isNull();
                    assertThat(s3.partSize().toMegabytes()).isEqualTo(16);
                    assertThat(s3.cache().enabled()).isTrue();
                    assertThat(s3.cache().dir()).isNull();
                    assertThat(s3.cache().maxSize().toGigabytes()).isEqualTo(2);
                    assertThat(s3.cache().chunkSize().toMegabytes()).isEqualTo(4);
                });
    }

    @Test
    void theChunkCacheTakesItsSettings() {
        runner.withPropertyValues("teammusic.storage.type=s3", "teammusic.storage.s3.bucket=music",
                "teammusic.storage.s3.cache.enabled=false", "teammusic.storage.s3.cache.dir=/var/cache/tm",
                "teammusic.storage.s3.cache.max-size=500MB", "teammusic.storage.s3.cache.chunk-size=1MB").run(c -> {
                    StorageProperties.Cache cache = c.getBean(StorageProperties.class).s3().cache();
                    assertThat(cache.enabled()).isFalse();
                    assertThat(cache.dir()).hasToString("/var/cache/tm");
                    assertThat(cache.maxSize().toMegabytes()).isEqualTo(500);
                    assertThat(cache.chunkSize().toMegabytes()).isEqualTo(1);
                });
    }

    @Test
    void aChunkSizeThatIsNoPowerOfTwoOrAMaxSizeBelowFourChunksFails() {
        fails("teammusic.storage.s3.cache.chunk-size must be a power of two", "teammusic.storage.type=s3",
                "teammusic.storage.s3.bucket=music", "teammusic.storage.s3.cache.chunk-size=3MB");
        fails("teammusic.storage.s3.cache.chunk-size must be a power of two", "teammusic.storage.type=s3",
                "teammusic.storage.s3.bucket=music", "teammusic.storage.s3.cache.chunk-size=128MB");
        fails("teammusic.storage.s3.cache.max-size must hold at least four chunks", "teammusic.storage.type=s3",
                "teammusic.storage.s3.bucket=music", "teammusic.storage.s3.cache.max-size=8MB");
    }

    @Test
    void anEmptyPrefixAddsNoSlash() {
        runner.withPropertyValues("teammusic.storage.type=s3", "teammusic.storage.s3.bucket=music")
                .run(c -> assertThat(c.getBean(StorageProperties.class).s3().keyPrefix()).isEmpty());
    }

    @Test
    void s3WithoutABucketFailsNamingTheBucketProperty() {
        fails("teammusic.storage.s3.bucket must be set when teammusic.storage.type=s3", "teammusic.storage.type=s3");
    }

    @Test
    void anInvalidBucketNameFails() {
        fails("teammusic.storage.s3.bucket must be a valid bucket name", "teammusic.storage.type=s3",
                "teammusic.storage.s3.bucket=Not_A_Bucket");
    }

    @Test
    void aPrefixStartingWithASlashFails() {
        fails("teammusic.storage.s3.prefix must not start with /", "teammusic.storage.type=s3",
                "teammusic.storage.s3.bucket=music", "teammusic.storage.s3.prefix=/music");
    }

    @Test
    void aPartSizeOutsideS3sLimitsFails() {
        fails("teammusic.storage.s3.part-size must be between 5MB and 5GB", "teammusic.storage.type=s3",
                "teammusic.storage.s3.bucket=music", "teammusic.storage.s3.part-size=1MB");
        fails("teammusic.storage.s3.part-size must be between 5MB and 5GB", "teammusic.storage.type=s3",
                "teammusic.storage.s3.bucket=music", "teammusic.storage.s3.part-size=6GB");
    }

    @Test
    void anEndpointThatIsNotAUrlFails() {
        fails("teammusic.storage.s3.endpoint must be an absolute http or https URL", "teammusic.storage.type=s3",
                "teammusic.storage.s3.bucket=music", "teammusic.storage.s3.endpoint=minio:9000");
    }

    @Test
    void aMalformedRegionFails() {
        fails("teammusic.storage.s3.region must look like eu-west-1", "teammusic.storage.type=s3",
                "teammusic.storage.s3.bucket=music", "teammusic.storage.s3.region=EU West");
    }

    private void fails(String message, String... properties) {
        runner.withPropertyValues(properties).run(c -> assertThat(c).hasFailed().getFailure()
                .hasStackTraceContaining(message));
    }
}
