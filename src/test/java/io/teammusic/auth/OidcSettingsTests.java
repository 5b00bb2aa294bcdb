package io.teammusic.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.teammusic.testing.StartUp.fullMessage;
import static io.teammusic.testing.StartUp.start;

import org.junit.jupiter.api.Test;

/** Inconsistent provider settings stop start-up, naming the setting to fix. */
class OidcSettingsTests {

    @Test
    void switchingOffBuiltInAccountsWithoutAProviderStopsStartUp() {
        assertThatThrownBy(() -> start("teammusic.auth.local-login-enabled=false"))
                .satisfies(e -> assertThat(fullMessage(e)).contains("teammusic.auth.local-login-enabled=false")
                        .contains("teammusic.auth.issuer-uri"));
    }

    @Test
    void anIssuerWithoutAClientIdStopsStartUp() {
        assertThatThrownBy(() -> start("teammusic.auth.issuer-uri=https://idp.example/realms/music"))
                .satisfies(e -> assertThat(fullMessage(e)).contains("teammusic.auth.client-id"));
    }

    @Test
    void anIssuerThatIsNoUrlStopsStartUp() {
        assertThatThrownBy(() -> start("teammusic.auth.issuer-uri=idp.example", "teammusic.auth.client-id=x"))
                .satisfies(e -> assertThat(fullMessage(e)).contains("teammusic.auth.issuer-uri"));
    }

    @Test
    void anUnknownDefaultRoleStopsStartUp() {
        assertThatThrownBy(() -> start("teammusic.auth.default-role=guest"))
                .satisfies(e -> assertThat(fullMessage(e)).contains("teammusic.auth.default-role"));
    }
}
