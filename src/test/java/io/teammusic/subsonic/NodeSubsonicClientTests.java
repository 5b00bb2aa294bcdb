package io.teammusic.subsonic;

import static org.assertj.core.api.Assertions.assertThat;

import io.teammusic.testing.Api;
import io.teammusic.testing.SystemTools;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The npm package {@code subsonic-api} (f=json, .view paths, token auth with base64url salts, apiKey, form POST)
 * run under node against the real server. npm installs it into target/ at test time.
 */
class NodeSubsonicClientTests extends SubsonicTestBase {

    static final String PACKAGE = "subsonic-api@3.3.1";
    static final Path DIR = Path.of("target", "subsonic-api-client");

    @Test
    void subsonicApiPackageBrowsesSearchesStreamsStarsAndBuildsPlaylists() throws Exception {
        String node = SystemTools.require("node", "nodejs");
        String npm = SystemTools.require("npm", "npm");
        LibraryFixture.Album album = fixture().album(LibraryFixture.unique("Nodejs"), LibraryFixture.unique("Npm"),
                3, true);
        Api user = newUser("nodeclient");
        String username = lastUsername;
        String password = user.post("/api/app-passwords", Map.of("name", "node token")).json().get("secret")
                .asText();
        String key = user.post("/api/app-passwords", Map.of("name", "node key")).json().get("secret").asText();
        install(npm);
        Path script = DIR.resolve("it.mjs");
        try (InputStream in = getClass().getResourceAsStream("subsonic-api-it.mjs")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        String word = album.albumTitle().substring(album.albumTitle().lastIndexOf(' ') + 1);
        ProcessBuilder pb = new ProcessBuilder(node, script.getFileName().toString()).directory(DIR.toFile())
                .redirectErrorStream(true);
        pb.environment().putAll(Map.of("SUBSONIC_URL", "http://localhost:" + port, "SUBSONIC_USER", username,
                "SUBSONIC_PASS", password, "SUBSONIC_APIKEY", key, "ARTIST_ID", album.artistId(),
                "ALBUM_ID", album.albumId(), "ALBUM_WORD", word, "TRACK_IDS", String.join(",", album.trackIds()),
                "TRACK0_SHA256", LibraryFixture.sha256(album.files().get(0)),
                "TRACK0_SIZE", String.valueOf(Files.size(album.files().get(0)))));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("node finished").isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("13 passed, 0 failed");
    }

    private static void install(String npm) throws Exception {
        if (Files.isDirectory(DIR.resolve("node_modules").resolve("subsonic-api"))) {
            return;
        }
        Files.createDirectories(DIR);
        Files.writeString(DIR.resolve("package.json"),
                "{\"name\":\"teammusic-subsonic-it\",\"private\":true,\"type\":\"module\"}\n");
        Process p = new ProcessBuilder(List.of(npm, "install", "--no-audit", "--no-fund", "--no-save", PACKAGE))
                .directory(DIR.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("npm install finished").isTrue();
        assertThat(p.exitValue()).as("npm install " + PACKAGE + " failed:\n" + out).isZero();
    }
}
