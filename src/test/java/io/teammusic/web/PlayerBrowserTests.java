package io.teammusic.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.teammusic.testing.Api;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** A listener finds music, plays it, builds a queue and keeps it across a reload; and sees no admin controls. */
class PlayerBrowserTests extends BrowserTest {

    private static final String AUDIO = "document.querySelector('audio[data-role=current]')";

    @TempDir
    static Path dir;

    private static String morning;
    private static String evening;
    private static String night;

    @BeforeEach
    void library() {
        if (morning != null) {
            return;
        }
        Api admin = admin();
        morning = TestAudio.upload(admin, TestAudio.mp3(dir, "Morning Light", "The Sine Waves", "Daybreak", 1, 440,
                20, "e0a030"));
        evening = TestAudio.upload(admin, TestAudio.mp3(dir, "Evening Tide", "The Sine Waves", "Daybreak", 2, 550,
                20, null));
        night = TestAudio.upload(admin, TestAudio.mp3(dir, "Night Train", "The Sine Waves", "Daybreak", 3, 660, 20,
                null));
        admin.post("/api/users", Map.of("username", "lena", "password", "lena-password-1", "role", "USER"));
    }

    private String albumOf(String trackId) {
        return admin().get("/api/tracks/" + trackId).json().get("album").get("id").asText();
    }

    private double currentTime() {
        return jsNumber("return " + AUDIO + ".currentTime");
    }

    private void assertPlaysWithoutError() {
        double start = currentTime();
        waitFor(d -> currentTime() > start + 1.0);
        assertThat(js("return " + AUDIO + ".error")).isNull();
        assertThat(js("return " + AUDIO + ".paused")).isEqualTo(false);
    }

    private String nowTitle() {
        return find("[data-testid=now-title]").getText();
    }

    private WebElement searchFor(String text) {
        WebElement box = find("#search");
        box.clear();
        box.sendKeys(text);
        return waitFor(d -> d.findElement(By.cssSelector("tm-search-view .search-tracks table")));
    }

    @Test
    void aListenerSearchesPlaysSeeksSkipsAndFindsTheQueueAfterAReload() {
        loginAs("lena", "lena-password-1");
        js("localStorage.removeItem('tm.player.' + JSON.parse(localStorage.getItem('tm.session')).user.id)");
        driver.navigate().refresh();

        searchFor("Morning");
        waitFor(d -> d.getCurrentUrl().contains("/search?q=Morning"));
        find("tr[data-track-id='" + morning + "'] button.row-play").click();
        waitFor(d -> nowTitle().equals("Morning Light"));
        assertPlaysWithoutError();
        assertThat(js("return navigator.mediaSession.metadata.title")).isEqualTo("Morning Light");
        assertThat(js("return navigator.mediaSession.metadata.artist")).isEqualTo("The Sine Waves");
        screenshot("search-playing");

        // Seek by clicking the middle of the seek bar.
        double duration = jsNumber("return " + AUDIO + ".duration");
        new Actions(driver).moveToElement(find("input.seekbar")).click().perform();
        assertThat(currentTime()).isCloseTo(duration / 2, within(2.5));
        assertPlaysWithoutError();

        searchFor("Evening");
        find("tr[data-track-id='" + evening + "'] button[aria-label='Add Evening Tide to the queue']").click();
        // The next track is loaded into the second <audio> before the current one ends, so it starts without a gap.
        waitFor(d -> String.valueOf(js("return document.querySelector('audio[data-role=standby]').src"))
                .contains("/api/tracks/" + evening + "/stream"));
        find("button[aria-label='Next track']").click();
        waitFor(d -> nowTitle().equals("Evening Tide"));
        waitFor(d -> ((String) js("return " + AUDIO + ".src")).contains("/api/tracks/" + evening + "/stream"));
        assertPlaysWithoutError();

        // Pause with the keyboard, note the position, reload: the queue and the position come back.
        find("#main h1").click();
        new Actions(driver).sendKeys(Keys.SPACE).perform();
        waitFor(d -> js("return " + AUDIO + ".paused").equals(true));
        double position = currentTime();
        driver.navigate().refresh();
        waitFor(d -> nowTitle().equals("Evening Tide"));
        waitFor(d -> jsNumber("return " + AUDIO + ".readyState") >= 1);
        waitFor(d -> Math.abs(currentTime() - position) < 1.0);
        nav("queue");
        waitFor(d -> all("li.queue-row").size() == 2);
        List<String> titles = all("li.queue-row .q-text .t").stream().map(WebElement::getText).toList();
        assertThat(titles).containsExactly("Morning Light", "Evening Tide");
        assertThat(find("li.queue-row.current .t").getText()).isEqualTo("Evening Tide");
        screenshot("queue");

        find("[data-testid=play-pause]").click();
        assertPlaysWithoutError();
        find("[data-testid=play-pause]").click();
    }

    @Test
    void theQueueCanBeReorderedByDragAndDropAndEdited() {
        loginAs("lena", "lena-password-1");
        String album = admin().get("/api/tracks/" + morning).json().get("album").get("id").asText();
        open("/albums/" + album);
        find("button.btn.primary").click();
        waitFor(d -> nowTitle().equals("Morning Light"));
        screenshot("album-playing");
        emulateColorScheme("dark");
        screenshot("album-playing-dark");
        emulateColorScheme("light");
        nav("queue");
        waitFor(d -> all("li.queue-row").size() == 3);

        // Drag the last row onto the first (HTML5 drag and drop, dispatched as the browser would).
        js("const rows = document.querySelectorAll('li.queue-row');"
                + "const dt = new DataTransfer();"
                + "rows[2].dispatchEvent(new DragEvent('dragstart', {bubbles: true, dataTransfer: dt}));"
                + "rows[0].dispatchEvent(new DragEvent('dragover',"
                + " {bubbles: true, cancelable: true, dataTransfer: dt}));"
                + "rows[0].dispatchEvent(new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: dt}));"
                + "rows[2].dispatchEvent(new DragEvent('dragend', {bubbles: true, dataTransfer: dt}));");
        waitFor(d -> titles().equals(List.of("Night Train", "Morning Light", "Evening Tide")));
        assertThat(find("li.queue-row.current .t").getText()).isEqualTo("Morning Light");

        find("button[aria-label='Move Evening Tide up']").click();
        waitFor(d -> titles().equals(List.of("Night Train", "Evening Tide", "Morning Light")));
        find("button[aria-label='Remove Night Train from the queue']").click();
        waitFor(d -> titles().equals(List.of("Evening Tide", "Morning Light")));
        assertThat(nowTitle()).isEqualTo("Morning Light");

        find("tm-queue-view .head-actions button.clear-queue").click();
        find("dialog[open] button[type=submit]").click();
        waitFor(d -> all("li.queue-row").isEmpty());
        assertThat(find(".player.empty .now-title").getText()).isEqualTo("Nothing playing");
        assertThat(js("return " + AUDIO + ".paused")).isEqualTo(true);
    }

    private List<String> titles() {
        return titles("li.queue-row .q-text .t");
    }

    private List<String> titles(String css) {
        return all(css).stream().map(WebElement::getText).toList();
    }

    @Test
    void aTrackThatCannotBeLoadedIsSkippedWithANotice() {
        Api admin = admin();
        String gone = TestAudio.upload(admin, TestAudio.mp3(dir, "Vanishing Act", "Ghosts", "Ephemera", 1, 700, 10,
                null));
        String stays = TestAudio.upload(admin, TestAudio.mp3(dir, "Still Here", "Ghosts", "Ephemera", 2, 720, 10,
                null));
        String album = admin.get("/api/tracks/" + gone).json().get("album").get("id").asText();
        loginAs("lena", "lena-password-1");
        open("/albums/" + album);
        find("tr[data-track-id='" + stays + "']");
        assertThat(admin.delete("/api/tracks/" + gone).status()).isEqualTo(204);

        find("button.btn.primary").click();
        waitFor(d -> toastSays("“Vanishing Act” cannot be played") && toastSays("Skipping"));
        waitFor(d -> nowTitle().equals("Still Here"));
        assertPlaysWithoutError();
        screenshot("skip-notice");
        // Once half of it has been heard, the play counts (the failed track does not).
        Api lena = api().login("lena", "lena-password-1");
        waitFor(d -> lena.get("/api/lists/recently-played").body().contains(stays));
        assertThat(lena.get("/api/lists/recently-played").body()).doesNotContain(gone);
        find("[data-testid=play-pause]").click();
    }

    @Test
    void keyboardShortcutsControlThePlayerAndHaveAHelpOverlay() {
        loginAs("lena", "lena-password-1");
        open("/albums/" + albumOf(night));
        find("tr[data-track-id='" + night + "'] button.row-play").click();
        waitFor(d -> nowTitle().equals("Night Train"));
        assertPlaysWithoutError();
        find("#main h1").click();

        new Actions(driver).sendKeys("m").perform();
        waitFor(d -> js("return " + AUDIO + ".muted").equals(true));
        new Actions(driver).sendKeys("m").perform();
        waitFor(d -> js("return " + AUDIO + ".muted").equals(false));

        double before = currentTime();
        new Actions(driver).sendKeys(Keys.ARROW_RIGHT).perform();
        waitFor(d -> currentTime() >= before + 8);

        new Actions(driver).sendKeys("/").perform();
        waitFor(d -> "search".equals(d.switchTo().activeElement().getAttribute("id")));
        find("#main h1").click();

        new Actions(driver).sendKeys("?").perform();
        WebElement help = find("dialog.help[open]");
        assertThat(help.getText()).contains("Keyboard shortcuts").contains("Next / previous track");
        screenshot("shortcuts");
        new Actions(driver).sendKeys(Keys.ESCAPE).perform();
        waitFor(d -> all("dialog.help[open]").isEmpty());

        new Actions(driver).sendKeys(Keys.SPACE).perform();
        waitFor(d -> js("return " + AUDIO + ".paused").equals(true));
    }

    @Test
    void anEndedSessionReturnsToTheLoginPageWithoutLosingTheQueue() {
        loginAs("lena", "lena-password-1");
        String album = admin().get("/api/tracks/" + morning).json().get("album").get("id").asText();
        open("/albums/" + album);
        find("button.btn.primary").click();
        waitFor(d -> nowTitle().equals("Morning Light"));

        // Coming back when both tokens are refused (the refresh token expired): the first call ends the session.
        js("const s = JSON.parse(localStorage.getItem('tm.session')); s.accessToken = 'expired';"
                + "s.refreshToken = 'spent'; localStorage.setItem('tm.session', JSON.stringify(s));");
        open("/tracks");
        waitFor(d -> d.getCurrentUrl().contains("/login"));
        waitFor(d -> toastSays("session has ended"));
        assertThat(js("return " + AUDIO + ".paused")).isEqualTo(true);

        WebElement form = find("form.login-card");
        form.findElement(By.name("username")).sendKeys("lena");
        form.findElement(By.name("password")).sendKeys("lena-password-1");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(d -> d.getCurrentUrl().endsWith("/tracks"));
        assertThat(nowTitle()).isEqualTo("Morning Light");
        nav("queue");
        waitFor(d -> titles().equals(List.of("Morning Light", "Evening Tide", "Night Train")));
    }

    @Test
    void aListenerMakesAnAppPasswordForASubsonicAppAndRevokesIt() {
        loginAs("lena", "lena-password-1");
        nav("apps");
        WebElement form = find("form.inline-form");
        form.findElement(By.name("name")).sendKeys("Phone");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        String secret = find("[data-testid=app-secret]").getText();
        String ping = "/rest/ping.view?u=lena&v=1.16.1&c=webtest&f=json&p="
                + java.net.URLEncoder.encode(secret, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(api().get(ping).body()).contains("\"status\":\"ok\"");
        find("tr[data-app=Phone]");
        screenshot("apps");

        find("tr[data-app=Phone] .actions button").click();
        find("dialog[open] button[type=submit]").click();
        waitFor(d -> all("tr[data-app=Phone]").isEmpty());
        assertThat(api().get(ping).body()).doesNotContain("\"status\":\"ok\"");
    }

    @Test
    void heartsStarTracksAndAlbumsAndTheFavouritesPageListsThem() {
        loginAs("lena", "lena-password-1");
        open("/albums/" + albumOf(evening));
        find("tr[data-track-id='" + evening + "'] button[aria-label='Add Evening Tide to favourites']").click();
        Api lena = api().login("lena", "lena-password-1");
        waitFor(d -> lena.get("/api/favourites").body().contains(evening));
        nav("favourites");
        waitFor(d -> titles("tm-favourites-view tbody tr .t").equals(List.of("Evening Tide")));
        find("tm-favourites-view .head-actions .btn.primary").click();
        waitFor(d -> nowTitle().equals("Evening Tide"));
        // The player's heart shows the same state, and unstarring there empties the page.
        WebElement playerHeart = find(".player .heart");
        assertThat(playerHeart.getAttribute("aria-pressed")).isEqualTo("true");
        screenshot("favourites");
        playerHeart.click();
        waitFor(d -> !lena.get("/api/favourites").body().contains(evening));
        waitFor(d -> all("tm-favourites-view tbody tr").isEmpty());
        find("[data-testid=play-pause]").click();

        String album = admin().get("/api/tracks/" + morning).json().get("album").get("id").asText();
        open("/albums/" + album);
        find(".hero-actions .heart").click();
        waitFor(d -> lena.get("/api/favourites").json().get("albums").toString().contains(album));
        driver.navigate().refresh();
        waitFor(d -> "true".equals(find(".hero-actions .heart").getAttribute("aria-pressed")));
    }

    @Test
    void theTracksTableSortsByItsHeaders() {
        loginAs("lena", "lena-password-1");
        Api lena = api().login("lena", "lena-password-1");
        open("/tracks");
        waitFor(d -> !all("tm-tracks-view tbody tr").isEmpty());
        find("th button[data-sort=title]").click();
        waitFor(d -> d.getCurrentUrl().endsWith("/tracks?sort=-title"));
        waitFor(d -> find("th[aria-sort=descending] button").getAttribute("data-sort").equals("title"));
        // Whatever else the library holds, the table shows the server's order for that sort, page after page.
        waitFor(d -> titles("tm-tracks-view tbody tr .t").equals(firstPage(lena, "-title")));
        screenshot("tracks");
        find("th button[data-sort=durationMs]").click();
        waitFor(d -> d.getCurrentUrl().endsWith("/tracks?sort=durationMs"));
        waitFor(d -> titles("tm-tracks-view tbody tr .t").equals(firstPage(lena, "durationMs")));
        assertThat(find("th[aria-sort=ascending] button").getAttribute("data-sort")).isEqualTo("durationMs");
    }

    private static List<String> firstPage(Api api, String sort) {
        List<String> titles = new java.util.ArrayList<>();
        api.get("/api/tracks?size=100&page=0&sort=" + sort).json().get("items")
                .forEach(t -> titles.add(t.get("title").asText()));
        return titles;
    }

    @Test
    void aListenerSeesNoAdminControlsAndTheApiRefusesThem() {
        loginAs("lena", "lena-password-1");
        assertThat(all(".admin-nav")).isEmpty();
        assertThat(all(".sidebar a[href='/upload'], .sidebar a[href='/users']")).isEmpty();
        open("/albums/" + albumOf(morning));
        find("tr[data-track-id='" + morning + "']");
        assertThat(all(".admin-only")).isEmpty();
        assertThat(all("button[aria-label^='Edit '], button[aria-label^='Delete ']")).isEmpty();
        open("/upload");
        assertThat(find("#main h1").getText()).isEqualTo("Not available");
        assertThat(all("#pick-files")).isEmpty();
        open("/users");
        assertThat(find("#main h1").getText()).isEqualTo("Not available");
        screenshot("listener-no-admin");

        Api lena = api().login("lena", "lena-password-1");
        assertThat(lena.get("/api/users").status()).isEqualTo(403);
        assertThat(lena.post("/api/users", Map.of("username", "x", "password", "y", "role", "ADMIN")).status())
                .isEqualTo(403);
        assertThat(lena.patch("/api/tracks/" + morning, Map.of("title", "Mine now")).status()).isEqualTo(403);
        assertThat(lena.delete("/api/tracks/" + morning).status()).isEqualTo(403);
        assertThat(lena.send(lena.request("/api/tracks?filename=x.mp3").header("Content-Type", "audio/mpeg")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3})).build()).status())
                .isEqualTo(403);
        assertThat(admin().get("/api/tracks/" + morning).json().get("title").asText()).isEqualTo("Morning Light");
    }
}
