package io.teammusic.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The web player in CDN redirect mode, with redirect targets that live two seconds: a listener who pauses longer
 * than that, seeks and presses play hears the track go on from there. The app's own origin endpoint plays the CDN
 * (it checks the same signature an nginx edge would), so the target is another origin than the page's.
 */
class RedirectPlaybackBrowserTests extends BrowserTest {

    private static final String AUDIO = "document.querySelector('audio[data-role=current]')";
    static final int PORT = freePort();

    @TempDir
    static Path dir;

    @DynamicPropertySource
    static void redirectMode(DynamicPropertyRegistry registry) {
        // The redirect target names the app itself, so the port must be known before it starts.
        registry.add("server.port", () -> PORT);
        registry.add("teammusic.delivery.mode", () -> "redirect");
        registry.add("teammusic.delivery.signer", () -> "nginx");
        registry.add("teammusic.delivery.ttl", () -> "2s");
        registry.add("teammusic.delivery.nginx.base-url", () -> "http://127.0.0.1:" + PORT);
        registry.add("teammusic.delivery.nginx.secret", () -> "browser-test-secret-0123456789abcdefghij");
    }

    private double currentTime() {
        return jsNumber("return " + AUDIO + ".currentTime");
    }

    @Test
    void playbackGoesOnAfterAPauseLongerThanTheCdnUrlsLifetime() throws Exception {
        // Twenty minutes at 64 kb/s: more than the browser buffers while it plays a few seconds.
        String id = TestAudio.upload(admin(), TestAudio.mp3(dir, "Long Haul", "The Redirects", "Elsewhere", 1, 480,
                1200, null));
        String album = admin().get("/api/tracks/" + id).json().get("album").get("id").asText();
        assertThat(admin().get("/api/tracks/" + id + "/stream").status()).isEqualTo(302);
        loginAs("admin", ADMIN_PASSWORD);
        open("/albums/" + album);
        find("tr[data-track-id='" + id + "'] button.row-play").click();
        waitFor(d -> currentTime() > 1.0);
        find("[data-testid=play-pause]").click();
        waitFor(d -> js("return " + AUDIO + ".paused").equals(true));

        Thread.sleep(4000);
        double duration = jsNumber("return " + AUDIO + ".duration");
        js(AUDIO + ".currentTime = arguments[0]", duration * 0.9);
        find("[data-testid=play-pause]").click();

        // Without the player's stall watch, Chromium sits here loading (readyState 1) with no error event.
        waitFor(d -> currentTime() > duration * 0.9 + 1.0);
        assertThat(js("return " + AUDIO + ".error")).isNull();
        assertThat(js("return " + AUDIO + ".paused")).isEqualTo(false);
        find("[data-testid=play-pause]").click();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
