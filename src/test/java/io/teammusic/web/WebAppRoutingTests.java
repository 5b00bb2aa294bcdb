package io.teammusic.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.teammusic.testing.Api;
import io.teammusic.testing.ServerTest;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The server answers the app's routes with its page, and leaves everything else alone. */
class WebAppRoutingTests extends ServerTest {

    private Api.Response getHtml(String path) {
        return api().send(api().request(path).header("Accept", "text/html,*/*;q=0.8").GET().build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/login", "/albums", "/albums/abc123", "/artists/xyz", "/tracks?sort=-year",
            "/search?q=morning", "/queue", "/apps", "/favourites", "/upload", "/users",
            "/playlists", "/playlists/pl123"})
    void deepLinksToAppRoutesGetThePage(String path) {
        Api.Response r = getHtml(path);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/html");
        assertThat(r.header("Cache-Control")).contains("no-cache");
        assertThat(r.body()).contains("<tm-app>").contains("type=\"importmap\"");
    }

    @Test
    void apiPathsAreNotAnsweredWithThePage() {
        Api.Response unknown = getHtml("/api/albums-that-do-not-exist");
        assertThat(unknown.body()).doesNotContain("<tm-app>");
        assertThat(unknown.status()).isIn(401, 404);
        assertThat(getHtml("/api/me").status()).isEqualTo(401);
        assertThat(getHtml("/.well-known/jwks.json").header("Content-Type")).contains("json");
        assertThat(getHtml("/actuator/health").body()).contains("UP");
        assertThat(getHtml("/rest/ping").body()).doesNotContain("<tm-app>");
    }

    @Test
    void unknownPathsAreNotFoundRatherThanThePage() {
        Api.Response r = getHtml("/no/such/place");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).doesNotContain("<tm-app>");
    }

    @Test
    void staticModulesAndEveryImportMapTargetAreServed() {
        Api.Response page = getHtml("/");
        for (String path : new String[] {"/app/main.js", "/app/player.js", "/app/styles.css"}) {
            Api.Response r = api().get(path);
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(r.header("Cache-Control")).as(path).contains("no-cache");
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"(/webjars/[^\"]+\\.js)\"").matcher(page.body());
        int targets = 0;
        while (m.find()) {
            targets++;
            Api.Response r = api().send(api().request(m.group(1)).method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .build());
            assertThat(r.status()).as(m.group(1)).isEqualTo(200);
            assertThat(r.header("Content-Type")).as(m.group(1)).contains("javascript");
        }
        assertThat(targets).isGreaterThanOrEqualTo(3);
    }
}
