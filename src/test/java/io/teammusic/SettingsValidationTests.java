package io.teammusic;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.teammusic.testing.StartUp.fullMessage;
import static io.teammusic.testing.StartUp.start;

import org.junit.jupiter.api.Test;

/** A bad setting stops start-up, and the failure names the setting. */
class SettingsValidationTests {

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
