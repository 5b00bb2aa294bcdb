package io.teammusic.ingest;

import static io.teammusic.ingest.AudioFixtures.tags;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.teammusic.ingest.AudioFixtures.Kind;
import io.teammusic.testing.Api;
import io.teammusic.testing.ServerTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Albums group by album artist, and a file without that tag groups under its first track artist; but the track
 * shows an album artist only when its tags (or an edit) name one, as the conformance corpus expects.
 */
class AlbumArtistTests extends ServerTest {

    AudioFixtures audio;
    Api admin;

    @BeforeEach
    void setUp() {
        audio = new AudioFixtures();
        admin = admin();
    }

    private JsonNode upload(String... keyValues) {
        return FormatAndTagTests.created(Uploads.raw(admin, audio.make(Kind.MP3, tags(keyValues))));
    }

    @Test
    void withoutTheTagTheAlbumGroupsByTheTrackArtistButTheTrackShowsNoAlbumArtist() {
        JsonNode one = upload("title", "Untagged One", "artist", "Solo Person", "album", "Untagged Album");
        JsonNode two = upload("title", "Untagged Two", "artist", "Solo Person", "album", "Untagged Album");

        assertThat(one.has("albumArtist")).as(one.toString()).isFalse();
        assertThat(two.get("album").get("id").asText()).isEqualTo(one.get("album").get("id").asText());
        JsonNode album = admin.get("/api/albums/" + one.get("album").get("id").asText()).json();
        assertThat(album.get("artist").get("name").asText()).isEqualTo("Solo Person");
        assertThat(album.get("trackCount").asInt()).isEqualTo(2);
    }

    @Test
    void theTagIsShownWhenPresentAndAnEditSetsOrClearsIt() {
        JsonNode tagged = upload("title", "Tagged", "artist", "Guest Singer", "album_artist", "Band Name",
                "album", "Tagged Album");
        assertThat(tagged.get("albumArtist").get("name").asText()).isEqualTo("Band Name");

        JsonNode untagged = upload("title", "Edit Me", "artist", "Someone", "album", "Edit Album");
        String id = untagged.get("id").asText();
        JsonNode set = admin.patch("/api/tracks/" + id, Map.of("albumArtist", "Chosen Artist")).json();
        assertThat(set.get("albumArtist").get("name").asText()).isEqualTo("Chosen Artist");

        Map<String, Object> clear = new HashMap<>();
        clear.put("albumArtist", null);
        JsonNode cleared = admin.patch("/api/tracks/" + id, clear).json();
        assertThat(cleared.has("albumArtist")).as(cleared.toString()).isFalse();
        JsonNode album = admin.get("/api/albums/" + cleared.get("album").get("id").asText()).json();
        assertThat(album.get("artist").get("name").asText()).isEqualTo("Someone");
    }

    @Test
    void anUntaggedAlbumArtistFollowsTheTrackArtistWhenTheArtistsAreEdited() {
        JsonNode t = upload("title", "Follow", "artist", "Old Name", "album", "Follow Album");

        JsonNode edited = admin.patch("/api/tracks/" + t.get("id").asText(),
                Map.of("artists", java.util.List.of("New Name"))).json();

        assertThat(edited.has("albumArtist")).isFalse();
        JsonNode album = admin.get("/api/albums/" + edited.get("album").get("id").asText()).json();
        assertThat(album.get("artist").get("name").asText()).isEqualTo("New Name");
    }
}
