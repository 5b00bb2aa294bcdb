package io.teammusic.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.teammusic.subsonic.Subsonic;
import io.teammusic.testing.Api;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Playlists in the web app: made, filled from the track list, search, an album and the queue, reordered by
 * keyboard and by dragging, shared read-only with others, and the same playlists as in the Subsonic API.
 */
class PlaylistBrowserTests extends BrowserTest {

    private static final String ROWS = "li.pl-track";

    @TempDir
    static Path dir;

    private static String alpha;
    private static String bravo;
    private static String charlie;
    private static String delta;
    private static String album;

    @BeforeEach
    void library() {
        if (alpha != null) {
            return;
        }
        Api admin = admin();
        alpha = TestAudio.upload(admin, TestAudio.mp3(dir, "Alpha Road", "The Listeners", "Playlist Suite", 1, 470,
                6, "3070c0"));
        bravo = TestAudio.upload(admin, TestAudio.mp3(dir, "Bravo Street", "The Listeners", "Playlist Suite", 2, 530,
                6, null));
        charlie = TestAudio.upload(admin, TestAudio.mp3(dir, "Charlie Lane", "The Listeners", "Playlist Suite", 3,
                590, 6, null));
        delta = TestAudio.upload(admin, TestAudio.mp3(dir, "Delta Way", "The Listeners", "Playlist Suite", 4, 610, 6,
                null));
        album = admin.get("/api/tracks/" + alpha).json().get("album").get("id").asText();
    }

    /** A fresh listener (all browser test classes share one server); the name is returned, the password is known. */
    private static String newListener(Api admin, String base) {
        String name = base + "-" + UUID.randomUUID().toString().substring(0, 6);
        Api.Response r = admin.post("/api/users", Map.of("username", name, "password", password(name), "role",
                "USER"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return name;
    }

    private static String password(String name) {
        return name + "-password-1";
    }

    private List<String> rowTitles() {
        return all(ROWS + " .q-text .t").stream().map(WebElement::getText).toList();
    }

    private List<String> serverOrder(Api user, String playlistId) {
        List<String> out = new ArrayList<>();
        user.get("/api/playlists/" + playlistId).json().get("tracks").forEach(t -> out.add(t.get("title").asText()));
        return out;
    }

    private String playlistIdFromUrl() {
        String url = driver.getCurrentUrl();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    /** Picks an existing playlist in the open "Add to playlist" dialog and waits for the dialog to close. */
    private void pick(String playlist) {
        find("dialog[open] button.pick[data-playlist='" + playlist + "']").click();
        waitFor(d -> all("dialog.picker[open]").isEmpty());
    }

    private void fillPlaylistForm(String name, String description) {
        WebElement form = find("dialog.playlist-form[open] form");
        WebElement nameField = form.findElement(By.name("name"));
        nameField.clear();
        nameField.sendKeys(name);
        WebElement comment = form.findElement(By.name("comment"));
        comment.clear();
        comment.sendKeys(description);
    }

    private void dragRow(int from, int to) {
        js("const rows = document.querySelectorAll('li.pl-track');"
                + "const dt = new DataTransfer();"
                + "rows[arguments[0]].dispatchEvent(new DragEvent('dragstart', {bubbles: true, dataTransfer: dt}));"
                + "rows[arguments[1]].dispatchEvent(new DragEvent('dragover',"
                + " {bubbles: true, cancelable: true, dataTransfer: dt}));"
                + "rows[arguments[1]].dispatchEvent(new DragEvent('drop',"
                + " {bubbles: true, cancelable: true, dataTransfer: dt}));"
                + "rows[arguments[0]].dispatchEvent(new DragEvent('dragend', {bubbles: true, dataTransfer: dt}));",
                from, to);
    }

    private String focusedRowTrack() {
        return (String) js("return document.activeElement?.closest('li.pl-track')?.dataset.trackId ?? null");
    }

    @Test
    void aListenerBuildsReordersSharesAndDeletesAPlaylistAndAnotherSeesItReadOnly() {
        Api admin = admin();
        String mira = newListener(admin, "mira");
        String otto = newListener(admin, "otto");
        Api miraApi = api().login(mira, password(mira));

        loginAs(mira, password(mira));
        nav("playlists");
        find("[data-testid=no-playlists]");
        screenshot("playlists-empty");

        // Make it on the playlists page: name, description, private.
        clickPastNotices("button.new-playlist-btn");
        fillPlaylistForm("Road Trip", "For the long drive");
        find("dialog.playlist-form[open] button[type=submit]").click();
        waitFor(d -> find("#main h1").getText().equals("Road Trip"));
        find("[data-testid=empty-playlist]");
        String id = playlistIdFromUrl();
        assertThat(find("[data-testid=description]").getText()).isEqualTo("For the long drive");
        assertThat(miraApi.get("/api/playlists/" + id).json().get("public").asBoolean()).isFalse();

        // Fill it from two places: the track list and the search results.
        nav("tracks");
        clickPastNotices("tr[data-track-id='" + bravo + "'] button.add-to-playlist");
        pick("Road Trip");
        waitFor(d -> toastSays("Added “Bravo Street” to “Road Trip”"));
        clickPastNotices("tr[data-track-id='" + alpha + "'] button.add-to-playlist");
        pick("Road Trip");
        WebElement box = find("#search");
        box.sendKeys("Delta");
        clickPastNotices("tm-search-view tr[data-track-id='" + delta + "'] button.add-to-playlist");
        pick("Road Trip");
        box = find("#search");
        box.clear();
        box.sendKeys("Charlie");
        clickPastNotices("tm-search-view tr[data-track-id='" + charlie + "'] button.add-to-playlist");
        pick("Road Trip");
        waitFor(d -> serverOrder(miraApi, id).size() == 4);
        assertThat(serverOrder(miraApi, id)).containsExactly("Bravo Street", "Alpha Road", "Delta Way",
                "Charlie Lane");

        // The list shows the count and length.
        nav("playlists");
        WebElement row = find("li.playlist-row[data-playlist='Road Trip']");
        waitFor(d -> row.findElement(By.cssSelector("[data-testid=count]")).getText()
                .equals("4 tracks"));
        assertThat(row.findElement(By.cssSelector("[data-testid=duration]")).getText())
                .matches("2[45] s");

        // Reorder by keyboard: Alt+Up on a focused row, then Enter on a "move down" button; focus follows the row.
        row.findElement(By.cssSelector("a.pl-main")).click();
        waitFor(d -> rowTitles().size() == 4);
        find(ROWS + "[data-track-id='" + alpha + "'] .queue-main").sendKeys(Keys.chord(Keys.ALT, Keys.ARROW_UP));
        waitFor(d -> rowTitles().equals(List.of("Alpha Road", "Bravo Street", "Delta Way", "Charlie Lane")));
        waitFor(d -> alpha.equals(focusedRowTrack()));
        find("button[aria-label='Move Delta Way down']").sendKeys(Keys.ENTER);
        waitFor(d -> rowTitles().equals(List.of("Alpha Road", "Bravo Street", "Charlie Lane", "Delta Way")));
        waitFor(d -> delta.equals(focusedRowTrack()));
        waitFor(d -> serverOrder(miraApi, id).equals(
                List.of("Alpha Road", "Bravo Street", "Charlie Lane", "Delta Way")));

        // Reorder by dragging the last row onto the first.
        dragRow(3, 0);
        waitFor(d -> rowTitles().equals(List.of("Delta Way", "Alpha Road", "Bravo Street", "Charlie Lane")));
        waitFor(d -> serverOrder(miraApi, id).equals(
                List.of("Delta Way", "Alpha Road", "Bravo Street", "Charlie Lane")));
        screenshot("playlist-own");
        emulateColorScheme("dark");
        screenshot("playlist-own-dark");
        emulateColorScheme("light");

        driver.navigate().refresh();
        waitFor(d -> rowTitles().equals(List.of("Delta Way", "Alpha Road", "Bravo Street", "Charlie Lane")));

        // Remove one entry, then rename, describe anew and make it public.
        clickPastNotices("button[aria-label='Remove Bravo Street from the playlist']");
        waitFor(d -> rowTitles().equals(List.of("Delta Way", "Alpha Road", "Charlie Lane")));
        waitFor(d -> serverOrder(miraApi, id).size() == 3);
        clickPastNotices("tm-playlist-view button.edit");
        fillPlaylistForm("Road Trip 2026", "Three for the road");
        find("dialog.playlist-form[open] button[type=submit]").click();
        waitFor(d -> find("#main h1").getText().equals("Road Trip 2026"));
        assertThat(find("[data-testid=description]").getText()).isEqualTo("Three for the road");
        clickPastNotices("tm-playlist-view button.vis-toggle");
        waitFor(d -> miraApi.get("/api/playlists/" + id).json().get("public").asBoolean());
        waitFor(d -> find(".hero .status-chip.public").isDisplayed());

        // A second playlist, private, made from the album page's "Add to playlist" as a new one.
        open("/albums/" + album);
        clickPastNotices("tm-album-view button.add-to-playlist");
        WebElement name = find("dialog.picker[open] form.new-playlist input[name=name]");
        name.clear();
        name.sendKeys("Secret Mix");
        find("dialog.picker[open] form.new-playlist button[type=submit]").click();
        waitFor(d -> toastSays("new playlist “Secret Mix”"));
        nav("playlists");
        waitFor(d -> all("ul.mine li.playlist-row").size() == 2);
        screenshot("playlists-own");

        // Another listener sees the public one, read-only, and not the private one.
        logout();
        loginAs(otto, password(otto));
        nav("playlists");
        WebElement shared = find("ul.shared li.playlist-row[data-playlist='Road Trip 2026']");
        assertThat(shared.findElement(By.cssSelector("[data-testid=owner]")).getText())
                .isEqualTo(mira);
        assertThat(shared.getText()).contains("Read-only").contains("3 tracks");
        assertThat(all("li.playlist-row[data-playlist='Secret Mix']")).isEmpty();
        assertThat(all("ul.mine")).isEmpty();
        shared.findElement(By.cssSelector("a.pl-main")).click();
        waitFor(d -> rowTitles().equals(List.of("Delta Way", "Alpha Road", "Charlie Lane")));
        assertThat(all("tm-playlist-view button.edit, tm-playlist-view button.delete, tm-playlist-view "
                + "button.vis-toggle, " + ROWS + " .move-up, " + ROWS + " .remove, " + ROWS + " .grip")).isEmpty();
        assertThat(find(ROWS).getAttribute("draggable")).isEqualTo("false");
        find(".read-only-note");
        clickPastNotices("tm-playlist-view button.play-all");
        waitFor(d -> find("[data-testid=now-title]").getText().equals("Delta Way"));
        screenshot("playlist-read-only");
        find("[data-testid=play-pause]").click();
        String secret = null;
        for (JsonNode p : miraApi.get("/api/playlists").json()) {
            if (p.get("name").asText().equals("Secret Mix")) {
                secret = p.get("id").asText();
            }
        }
        open("/playlists/" + secret);
        waitFor(d -> find("#main h1").getText().equals("Playlist not found"));

        // The owner deletes it, after confirming.
        logout();
        loginAs(mira, password(mira));
        nav("playlists");
        clickPastNotices("button[aria-label='Delete Road Trip 2026']");
        find("dialog[open] button[type=submit]").click();
        waitFor(d -> all("li.playlist-row[data-playlist='Road Trip 2026']").isEmpty());
        assertThat(miraApi.get("/api/playlists/" + id).status()).isEqualTo(404);
        assertThat(all("li.playlist-row[data-playlist='Secret Mix']")).hasSize(1);
    }

    @Test
    void theQueueIsSavedAsAPlaylistAndThePlaylistWorksAtPhoneWidth() {
        String nia = newListener(admin(), "nia");
        Api niaApi = api().login(nia, password(nia));
        loginAs(nia, password(nia));
        open("/albums/" + album);
        clickPastNotices("tm-album-view button.btn.primary");
        waitFor(d -> find("[data-testid=now-title]").getText().equals("Alpha Road"));
        nav("queue");
        waitFor(d -> all("li.queue-row").size() == 4);
        clickPastNotices("tm-queue-view button.save-queue");
        assertThat(find("dialog.picker[open] h2").getText()).isEqualTo("Save queue as playlist");
        find("dialog.picker[open] form.new-playlist input[name=name]").sendKeys("From the Queue");
        find("dialog.picker[open] form.new-playlist button[type=submit]").click();
        waitFor(d -> toastSays("Saved 4 tracks in the new playlist “From the Queue”"));
        JsonNode made = niaApi.get("/api/playlists").json().get(0);
        assertThat(made.get("name").asText()).isEqualTo("From the Queue");
        String id = made.get("id").asText();
        assertThat(serverOrder(niaApi, id)).containsExactly("Alpha Road", "Bravo Street", "Charlie Lane",
                "Delta Way");

        // An API error shows as a notice: adding to a playlist deleted meanwhile.
        open("/tracks");
        String gone = niaApi.post("/api/playlists", Map.of("name", "Short-lived")).json().get("id").asText();
        clickPastNotices("tr[data-track-id='" + alpha + "'] button.add-to-playlist");
        find("dialog[open] button.pick[data-playlist='Short-lived']");
        assertThat(niaApi.delete("/api/playlists/" + gone).status()).isEqualTo(204);
        find("dialog[open] button.pick[data-playlist='Short-lived']").click();
        waitFor(d -> find("dialog.picker[open] .form-error").getText()
                .equals("The playlist “Short-lived” no longer exists."));
        waitFor(d -> all("dialog[open] button.pick[data-playlist='Short-lived']").isEmpty());
        find("dialog.picker[open] .dialog-actions button").click();

        windowSize(390, 844);
        try {
            open("/playlists/" + id);
            waitFor(d -> rowTitles().size() == 4);
            // Every row keeps its move and remove buttons, and nothing is wider than the screen.
            assertThat(find(ROWS + "[data-track-id='" + charlie + "'] .move-up").isDisplayed()).isTrue();
            assertThat(find(ROWS + "[data-track-id='" + charlie + "'] .remove").isDisplayed()).isTrue();
            assertThat(jsNumber("return document.querySelector('#main').scrollWidth - "
                    + "document.querySelector('#main').clientWidth")).isLessThanOrEqualTo(0);
            clickPastNotices("button[aria-label='Move Charlie Lane up']");
            waitFor(d -> rowTitles().equals(List.of("Alpha Road", "Charlie Lane", "Bravo Street", "Delta Way")));
            waitFor(d -> serverOrder(niaApi, id).get(1).equals("Charlie Lane"));
            screenshot("playlist-phone");
            // At phone width the navigation is behind the menu button.
            clickPastNotices("button.menu-btn");
            waitFor(d -> jsNumber("return document.querySelector('#sidebar').getBoundingClientRect().left") == 0);
            nav("playlists");
            find("li.playlist-row[data-playlist='From the Queue']");
            assertThat(jsNumber("return document.querySelector('#main').scrollWidth - "
                    + "document.querySelector('#main').clientWidth")).isLessThanOrEqualTo(0);
            screenshot("playlists-phone");
        } finally {
            windowSize(1440, 900);
        }
    }

    @Test
    void playlistsAndStarsMadeInASubsonicAppShowInTheWebAppAndTheOtherWayRound() {
        Api admin = admin();
        String sam = newListener(admin, "sam");
        Api samApi = api().login(sam, password(sam));
        Subsonic app = Subsonic.forUser(samApi, sam);
        String fromApp = app.ok("createPlaylist", "name=Car%20Stereo&songId=" + alpha + "&songId=" + charlie)
                .get("playlist").get("id").asText();
        app.ok("star", "id=" + bravo);

        loginAs(sam, password(sam));
        // Stars are shared too: the app's star is a full heart here, and a heart given here is starred there.
        nav("tracks");
        waitFor(d -> "true".equals(find("tr[data-track-id='" + bravo + "'] button.heart")
                .getAttribute("aria-pressed")));
        clickPastNotices("tr[data-track-id='" + delta + "'] button.heart");
        waitFor(d -> {
            List<String> ids = new ArrayList<>();
            app.ok("getStarred2", "").get("starred2").path("song").forEach(e -> ids.add(e.get("id").asText()));
            return ids.containsAll(List.of(bravo, delta));
        });

        nav("playlists");
        WebElement row = find("li.playlist-row[data-playlist='Car Stereo']");
        assertThat(row.findElement(By.cssSelector("[data-testid=count]")).getText())
                .isEqualTo("2 tracks");
        row.findElement(By.cssSelector("a.pl-main")).click();
        waitFor(d -> rowTitles().equals(List.of("Alpha Road", "Charlie Lane")));
        clickPastNotices("button[aria-label='Move Charlie Lane up']");
        waitFor(d -> {
            List<String> ids = new ArrayList<>();
            app.ok("getPlaylist", "id=" + fromApp).get("playlist").get("entry").forEach(e -> ids.add(e.get("id")
                    .asText()));
            return ids.equals(List.of(charlie, alpha));
        });

        // The app changes the playlist while the page shows the old order: the next move there is refused rather
        // than moving the wrong entry, and the page says so and shows the order the app left.
        app.ok("createPlaylist", "playlistId=" + fromApp + "&songId=" + alpha + "&songId=" + charlie + "&songId="
                + bravo);
        clickPastNotices("button[aria-label='Move Alpha Road up']");
        waitFor(d -> toastSays("was changed elsewhere meanwhile"));
        waitFor(d -> rowTitles().equals(List.of("Alpha Road", "Charlie Lane", "Bravo Street")));
        screenshot("playlist-changed-elsewhere");
        assertThat(app.ok("getPlaylist", "id=" + fromApp).get("playlist").get("entry").get(0).get("id").asText())
                .isEqualTo(alpha);

        // Made on the web, public: the app lists it with its songs, and so does someone else's app.
        nav("playlists");
        clickPastNotices("button.new-playlist-btn");
        fillPlaylistForm("Made on the Web", "");
        find("dialog.playlist-form[open] input[name=isPublic]").click();
        find("dialog.playlist-form[open] button[type=submit]").click();
        waitFor(d -> find("#main h1").getText().equals("Made on the Web"));
        String fromWeb = playlistIdFromUrl();
        nav("tracks");
        clickPastNotices("tr[data-track-id='" + delta + "'] button.add-to-playlist");
        pick("Made on the Web");
        waitFor(d -> app.ok("getPlaylist", "id=" + fromWeb).get("playlist").path("entry").size() == 1);

        JsonNode listed = null;
        for (JsonNode p : app.ok("getPlaylists", "").get("playlists").get("playlist")) {
            if (p.get("id").asText().equals(fromWeb)) {
                listed = p;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.get("name").asText()).isEqualTo("Made on the Web");
        assertThat(listed.get("public").asBoolean()).isTrue();
        assertThat(listed.get("owner").asText()).isEqualTo(sam);
        assertThat(listed.get("songCount").asInt()).isEqualTo(1);

        String other = newListener(admin, "tia");
        Subsonic othersApp = Subsonic.forUser(api().login(other, password(other)), other);
        assertThat(othersApp.ok("getPlaylist", "id=" + fromWeb).get("playlist").get("entry").get(0).get("id")
                .asText()).isEqualTo(delta);
        assertThat(othersApp.json("getPlaylist", "id=" + fromApp).get("status").asText()).isEqualTo("failed");
    }
}
