package io.teammusic;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A bad setting stops start-up, and the failure names the setting. */
class SettingsValidationTests {

    private static void start(String... properties) throws Exception {
        String dir = Files.createTempDirectory("teammusic-settings-").toString();
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
    void tooShortAccessTokenLifetimeStopsStartUp() {
        assertThatThrownBy(() -> start("teammusic.auth.access-token-ttl=1s"))
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(fullMessage(e))
                        .contains("teammusic.auth").contains("accessTokenTtl"));
    }

    @Test
    void unparseableDurationStopsStartUp() {
        assertThatThrownBy(() -> start("teammusic.auth.signed-url-ttl=soon"))
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(fullMessage(e))
                        .contains("teammusic.auth.signed-url-ttl"));
    }

    @Test
    void unknownStorageTypeStopsStartUp() {
        assertThatThrownBy(() -> start("teammusic.storage.type=floppy"))
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(fullMessage(e))
                        .contains("teammusic.storage.type"));
    }
}
