package io.teammusic.streaming.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teammusic.TeammusicApplication;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A delivery setting that cannot work stops start-up, and the failure names the setting to fix. */
class DeliverySettingsTests {

    private static void start(String... properties) throws Exception {
        String dir = Files.createTempDirectory("teammusic-delivery-settings-").toString();
        try (var ctx = new SpringApplicationBuilder(TeammusicApplication.class)
                .web(WebApplicationType.NONE)
                .properties("teammusic.data-dir=" + dir)
                .properties(properties)
                .run()) {
            ctx.getId();
        }
    }

    private static String fullMessage(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getMessage()).append('\n');
        }
        return sb.toString();
    }

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
