package io.teammusic.streaming.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.teammusic.testing.StartUp.fullMessage;
import static io.teammusic.testing.StartUp.start;

import org.junit.jupiter.api.Test;

/** A delivery setting that cannot work stops start-up, and the failure names the setting to fix. */
class DeliverySettingsTests {

    @Test
    void redirectingToS3PresignedUrlsNeedsTheS3Store() {
        assertThatThrownBy(() -> start("teammusic.delivery.mode=redirect", "teammusic.delivery.signer=s3"))
                .satisfies(e -> assertThat(fullMessage(e)).contains("teammusic.storage.type=s3"));
    }

    @Test
    void theNginxSignerNeedsItsBaseUrlAndALongSecret() {
        assertThatThrownBy(() -> start("teammusic.delivery.mode=redirect", "teammusic.delivery.signer=nginx"))
                .satisfies(e -> assertThat(fullMessage(e)).contains("teammusic.delivery.nginx.base-url"));
        assertThatThrownBy(() -> start("teammusic.delivery.mode=redirect", "teammusic.delivery.signer=nginx",
                "teammusic.delivery.nginx.base-url=https://cdn.example.com", "teammusic.delivery.nginx.secret=short"))
                .satisfies(e -> assertThat(fullMessage(e)).contains("teammusic.delivery.nginx.secret"));
    }

    @Test
    void theCloudFrontSignerNeedsItsKeySettings() {
        assertThatThrownBy(() -> start("teammusic.delivery.mode=redirect", "teammusic.delivery.signer=cloudfront",
                "teammusic.delivery.cloudfront.base-url=https://d1.cloudfront.net"))
                .satisfies(e -> assertThat(fullMessage(e)).contains("teammusic.delivery.cloudfront.base-url")
                        .contains("private-key-file"));
    }

    @Test
    void aTooShortOrUnknownSettingStopsStartUp() {
        assertThatThrownBy(() -> start("teammusic.delivery.ttl=0s"))
                .satisfies(e -> assertThat(fullMessage(e)).contains("teammusic.delivery").contains("ttl"));
        assertThatThrownBy(() -> start("teammusic.delivery.mode=teleport"))
                .satisfies(e -> assertThat(fullMessage(e)).contains("teammusic.delivery.mode"));
    }

    @Test
    void proxyClientsMatchTheSubsonicClientNameIgnoringCaseAndSpaces() {
        DeliveryProperties p = new DeliveryProperties(DeliveryProperties.Mode.REDIRECT, DeliveryProperties.Signer.S3,
                java.time.Duration.ofMinutes(5), java.util.List.of("DSub", " Old Player "), null, null);

        assertThat(p.proxiesClient("dsub")).isTrue();
        assertThat(p.proxiesClient("old player")).isTrue();
        assertThat(p.proxiesClient("DSub2")).isFalse();
        assertThat(p.proxiesClient(null)).isFalse();
    }
}
