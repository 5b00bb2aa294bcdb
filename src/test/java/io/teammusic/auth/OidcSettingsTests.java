package io.teammusic.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teammusic.TeammusicApplication;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Inconsistent provider settings stop start-up, naming the setting to fix. */
class OidcSettingsTests {

    private static void start(String... properties) throws Exception {
        String dir = Files.createTempDirectory("teammusic-oidc-settings-").toString();
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
