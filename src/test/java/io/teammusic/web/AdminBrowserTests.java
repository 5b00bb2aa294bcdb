package io.teammusic.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The admin's screens in a real browser: uploads with their results, tag editing, deletion. */
class AdminBrowserTests extends BrowserTest {

    @TempDir
    Path dir;

    private String state(String name, int nth) {
        List<WebElement> rows = all("li.upload-row[data-name='" + name + "']");
        return rows.size() > nth ? rows.get(nth).getAttribute("data-state") : null;
    }

    private void pick(Path... files) {
        List<String> paths = java.util.Arrays.stream(files).map(Path::toString).toList();
        driver.findElement(By.id("pick-files")).sendKeys(String.join("\n", paths));
    }

    @Test
    void uploadsShowEachFilesProgressAndResultAndGoOnWhileBrowsing() throws IOException {
        Path paper = TestAudio.mp3(dir, "Paper Boats", "Harbour Band", "Upload Test Album", 1, 330, 8, "3a7bd5");
        Path glass = TestAudio.mp3(dir, "Glass River", "Harbour Band", "Upload Test Album", 2, 390, 8, null);
        Path notes = Files.writeString(dir.resolve("liner notes.txt"), "These are words, not music.\n");

        loginAs("admin", ADMIN_PASSWORD);
        nav("upload");
        pick(paper, glass);
        // Browse away at once: the uploads carry on, and the new album shows up in the library when they land.
        nav("albums");
        waitFor(d -> !all(".album-card .name").stream().filter(e -> e.getText().equals("Upload Test Album"))
                .toList().isEmpty());
        screenshot("albums");
        nav("upload");
        waitFor(d -> "created".equals(state(paper.getFileName().toString(), 0))
                && "created".equals(state(glass.getFileName().toString(), 0)));
        for (WebElement bar : all("li.upload-row .progress")) {
            assertThat(bar.getAttribute("aria-valuenow")).isEqualTo("100");
        }
        assertThat(find("li.upload-row.created .u-track").getText()).contains("Harbour Band");

        pick(paper);
        waitFor(d -> "duplicate".equals(state(paper.getFileName().toString(), 0)));
        assertThat(state(paper.getFileName().toString(), 1)).isEqualTo("created");

        pick(notes);
        waitFor(d -> "rejected".equals(state("liner notes.txt", 0)));
        String reason = find("li.upload-row.rejected [data-testid=upload-message]").getText();
        assertThat(reason).isNotBlank().doesNotContain("undefined");
        assertThat(find(".upload-summary").getText()).contains("2 added").contains("1 duplicate")
                .contains("1 rejected");
        screenshot("upload");

        JsonNode found = admin().get("/api/search?q=Glass%20River").json().get("tracks");
        assertThat(found).anySatisfy(t -> assertThat(t.get("title").asText()).isEqualTo("Glass River"));
    }

    @Test
    void aPickedFolderUploadsItsAudioAndSkipsTheRest() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("Coastline"));
        TestAudio.mp3(folder, "Salt Air", "Coastline", "Coastline", 1, 415, 5, null);
        TestAudio.mp3(folder, "Low Tide", "Coastline", "Coastline", 2, 495, 5, null);
        Files.writeString(folder.resolve("tracklist.txt"), "1 Salt Air\n2 Low Tide\n");
        Files.write(folder.resolve("folder.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0});

        loginAs("admin", ADMIN_PASSWORD);
        nav("upload");
        driver.findElement(By.id("pick-folder")).sendKeys(folder.toString());
        waitFor(d -> toastSays("Skipped 2 files that are not audio"));
        waitFor(d -> "created".equals(state("Coastline/1 Salt Air.mp3", 0))
                && "created".equals(state("Coastline/2 Low Tide.mp3", 0)));
        assertThat(all("li.upload-row[data-name$='.txt'], li.upload-row[data-name$='.jpg']")).isEmpty();
        assertThat(admin().get("/api/search?q=Low%20Tide").json().get("tracks")).isNotEmpty();
    }

    @Test
    void anAdminEditsATracksTagsAndDeletesATrack() {
        String keep = TestAudio.upload(admin(), TestAudio.mp3(dir, "Tide Pool", "Editors", "Edit Album", 1, 470, 5,
                null));
        String drop = TestAudio.upload(admin(), TestAudio.mp3(dir, "Sandbar", "Editors", "Edit Album", 2, 510, 5,
                null));
        String album = admin().get("/api/tracks/" + keep).json().get("album").get("id").asText();

        loginAs("admin", ADMIN_PASSWORD);
        open("/albums/" + album);
        find("tr[data-track-id='" + keep + "'] button[aria-label='Edit Tide Pool']").click();
        WebElement dialog = find("dialog.editor[open]");
        WebElement title = dialog.findElement(By.name("title"));
        title.clear();
        title.sendKeys("Tide Pools at Dusk");
        WebElement year = dialog.findElement(By.name("year"));
        year.clear();
        year.sendKeys("1999");
        screenshot("edit-tags");
        dialog.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(d -> "Tide Pools at Dusk".equals(admin().get("/api/tracks/" + keep).json().get("title").asText()));
        assertThat(admin().get("/api/tracks/" + keep).json().get("year").asInt()).isEqualTo(1999);
        waitFor(d -> d.findElement(By.cssSelector("tr[data-track-id='" + keep + "'] .t")).getText()
                .equals("Tide Pools at Dusk"));

        find("tr[data-track-id='" + drop + "'] button[aria-label='Delete Sandbar']").click();
        find("dialog[open] button[type=submit]").click();
        waitFor(d -> admin().get("/api/tracks/" + drop).status() == 404);
        waitFor(d -> all("tr[data-track-id='" + drop + "']").isEmpty());
    }

    @Test
    void theAppIsUsableAtPhoneWidth() {
        String small = TestAudio.upload(admin(), TestAudio.mp3(dir, "Small Screen", "Pocket", "Pocket Album", 1, 600, 5,
                "d5533a"));
        loginAs("admin", ADMIN_PASSWORD);
        try {
            windowSize(390, 844);
            open("/albums");
            waitFor(d -> !all(".album-card").isEmpty());
            var drawer = find(".sidebar").getRect();
            assertThat(drawer.getX() + drawer.getWidth()).isLessThanOrEqualTo(0);
            screenshot("phone-albums");
            find("button.menu-btn").click();
            waitFor(d -> d.findElement(By.cssSelector(".sidebar")).getRect().getX() >= 0);
            screenshot("phone-menu");
            find(".sidebar a[href='/tracks']").click();
            waitFor(d -> d.getCurrentUrl().endsWith("/tracks"));
            open("/albums/" + admin().get("/api/tracks/" + small).json().get("album").get("id").asText());
            find("tr[data-track-id='" + small + "'] button.row-play").click();
            waitFor(d -> "Small Screen".equals(find("[data-testid=now-title]").getText()));
            screenshot("phone-playing");
            find("[data-testid=play-pause]").click();
            waitFor(d -> find(".sidebar").getRect().getX() + find(".sidebar").getRect().getWidth() <= 0);
        } finally {
            windowSize(1440, 900);
        }
    }
}
