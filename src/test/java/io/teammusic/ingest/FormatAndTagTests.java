package io.teammusic.ingest;

import static io.teammusic.ingest.AudioFixtures.tags;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.teammusic.ingest.AudioFixtures.Kind;
import io.teammusic.testing.Api;
import io.teammusic.testing.ServerTest;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormatAndTagTests extends ServerTest {

    AudioFixtures audio;
    Api admin;

    @BeforeEach
    void setUp() {
        audio = new AudioFixtures();
        admin = admin();
    }

    @ParameterizedTest(name = "{0} named {1}")
    @CsvSource({
        "MP3, song.flac, mp3, mp3, audio/mpeg",
        "FLAC, song.mp3, flac, flac, audio/flac",
        "OGG_VORBIS, song.opus, ogg, vorbis, audio/ogg",
        "OPUS, song.ogg.mp3, ogg, opus, audio/ogg",
        "M4A_AAC, song.wav, mp4, aac, audio/mp4",
        "M4A_ALAC, song.aiff, mp4, alac, audio/mp4",
        "WAV, song.m4a, wav, pcm, audio/wav",
        "AIFF, noextension, aiff, pcm, audio/aiff",
    })
    void everyFormatIsRecognisedFromItsBytesNotItsName(Kind kind, String misleadingName, String container,
            String codec, String mime) {
        Path file = audio.renamed(audio.make(kind, tags("title", "Format " + kind)), misleadingName);

        Api.Response r = Uploads.raw(admin, file);

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode t = r.json();
        assertThat(t.get("container").asText()).isEqualTo(container);
        assertThat(t.get("codec").asText()).isEqualTo(codec);
        assertThat(t.get("mimeType").asText()).isEqualTo(mime);
        assertThat(t.get("title").asText()).isEqualTo("Format " + kind);
        assertThat(t.get("sampleRate").asInt()).isIn(44100, 48000);
        assertThat(t.get("channels").asInt()).isEqualTo(2);
        assertThat(t.get("durationMs").asLong()).isBetween(900L, 1200L);
        assertThat(t.get("originalFilename").asText()).isEqualTo(misleadingName);
    }

    @Test
    void tagsAreReadFromAFlacFile() {
        Path flac = audio.make(Kind.FLAC, tags("title", "Tagged", "artist", "Ann One; Bob Two", "album", "The Album",
                "album_artist", "Album Person", "track", "4", "TRACKTOTAL", "9", "disc", "2", "DISCTOTAL", "3",
                "date", "1999-04-01", "genre", "Rock;Pop", "composer", "Clara Composer",
                "MUSICBRAINZ_TRACKID", "9a1f7b4e-2c6d-4e8f-a0b1-c2d3e4f5a6b7",
                "MUSICBRAINZ_ALBUMID", "11111111-2222-3333-4444-555555555555",
                "REPLAYGAIN_TRACK_GAIN", "-6.50 dB", "REPLAYGAIN_TRACK_PEAK", "0.988831",
                "REPLAYGAIN_ALBUM_GAIN", "-5.25 dB"));

        JsonNode t = created(Uploads.raw(admin, flac));

        assertThat(t.get("title").asText()).isEqualTo("Tagged");
        assertThat(names(t.get("artists"))).containsExactly("Ann One", "Bob Two");
        assertThat(t.get("album").get("title").asText()).isEqualTo("The Album");
        assertThat(t.get("albumArtist").get("name").asText()).isEqualTo("Album Person");
        assertThat(t.get("trackNumber").asInt()).isEqualTo(4);
        assertThat(t.get("trackTotal").asInt()).isEqualTo(9);
        assertThat(t.get("discNumber").asInt()).isEqualTo(2);
        assertThat(t.get("discTotal").asInt()).isEqualTo(3);
        assertThat(t.get("year").asInt()).isEqualTo(1999);
        assertThat(texts(t.get("genres"))).containsExactly("Rock", "Pop");
        assertThat(t.get("composer").asText()).isEqualTo("Clara Composer");
        assertThat(t.get("musicbrainz").get("recordingId").asText()).isEqualTo("9a1f7b4e-2c6d-4e8f-a0b1-c2d3e4f5a6b7");
        assertThat(t.get("musicbrainz").get("releaseId").asText()).isEqualTo("11111111-2222-3333-4444-555555555555");
        assertThat(t.get("replayGain").get("trackGain").asDouble()).isEqualTo(-6.5);
        assertThat(t.get("replayGain").get("trackPeak").asDouble()).isEqualTo(0.988831);
        assertThat(t.get("replayGain").get("albumGain").asDouble()).isEqualTo(-5.25);
        assertThat(t.get("bitsPerSample").asInt()).isEqualTo(16);
    }

    @Test
    void mp3TagsIncludingReplayGainAndSeveralArtistsAreRead() {
        Path mp3 = audio.make(Kind.MP3, tags("title", "Mp3 Tags", "artist", "Solo Act feat. Guest Star",
                "album", "Mp3 Album", "track", "7/11", "date", "2020", "genre", "Electronic",
                "REPLAYGAIN_TRACK_GAIN", "+1.20 dB", "MusicBrainz Album Id", "22222222-3333-4444-5555-666666666666"));

        JsonNode t = created(Uploads.raw(admin, mp3));

        assertThat(t.get("artist").asText()).isEqualTo("Solo Act feat. Guest Star");
        assertThat(names(t.get("artists"))).containsExactly("Solo Act", "Guest Star");
        assertThat(t.get("trackNumber").asInt()).isEqualTo(7);
        assertThat(t.get("trackTotal").asInt()).isEqualTo(11);
        assertThat(t.get("replayGain").get("trackGain").asDouble()).isEqualTo(1.2);
        assertThat(t.get("musicbrainz").get("releaseId").asText()).isEqualTo("22222222-3333-4444-5555-666666666666");
        assertThat(t.get("bitrateKbps").asInt()).isBetween(120, 136);
    }

    @Test
    void anEmbeddedCoverIsStoredAsItsOwnBlobAndServed() throws Exception {
        Path cover = audio.jpeg();
        Path mp3 = audio.make(Kind.MP3, tags("title", "With Cover", "album", "Covered Album"), 1.0, cover);

        JsonNode t = created(Uploads.raw(admin, mp3));

        assertThat(t.has("coverUrl")).as(t.toString()).isTrue();
        Api.Response img = admin.get(t.get("coverUrl").asText());
        assertThat(img.status()).isEqualTo(200);
        assertThat(img.header("Content-Type")).isEqualTo("image/jpeg");
        assertThat(img.bytes()).isEqualTo(Files.readAllBytes(cover));
        String hash = java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(img.bytes()));
        assertThat(DATA_DIR.resolve("blobs").resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4))
                .resolve(hash)).exists();
    }

    @Test
    void aFileWithoutTitleIsNamedAfterItsFileWithoutTheExtension() {
        Path mp3 = audio.renamed(audio.make(Kind.MP3, tags("artist", "Nameless")), "07 - Night Drive.final.mp3");

        JsonNode t = created(Uploads.raw(admin, mp3));

        assertThat(t.get("title").asText()).isEqualTo("07 - Night Drive.final");
    }

    @Test
    void cp1251TextDeclaredLatin1IsRepaired() {
        Charset cp1251 = Charset.forName("windows-1251");
        Map<String, byte[]> frames = new LinkedHashMap<>();
        frames.put("TIT2", "Звезда по имени Солнце".getBytes(cp1251));
        frames.put("TPE1", "Кино".getBytes(cp1251));
        frames.put("TALB", "Звезда по имени Солнце".getBytes(cp1251));
        Path mp3 = audio.mp3WithLatin1Frames(frames);

        JsonNode t = created(Uploads.raw(admin, mp3));

        assertThat(t.get("title").asText()).isEqualTo("Звезда по имени Солнце");
        assertThat(t.get("artist").asText()).isEqualTo("Кино");
        assertThat(t.get("album").get("title").asText()).isEqualTo("Звезда по имени Солнце");
    }

    @Test
    void realLatin1TextIsLeftAlone() {
        Charset latin1 = Charset.forName("ISO-8859-1");
        Map<String, byte[]> frames = new LinkedHashMap<>();
        frames.put("TIT2", "Café del Mar".getBytes(latin1));
        frames.put("TPE1", "Björk".getBytes(latin1));
        Path mp3 = audio.mp3WithLatin1Frames(frames);

        JsonNode t = created(Uploads.raw(admin, mp3));

        assertThat(t.get("title").asText()).isEqualTo("Café del Mar");
        assertThat(t.get("artist").asText()).isEqualTo("Björk");
    }

    @Test
    void compilationsAreFiledUnderVariousArtists() {
        Path a = audio.make(Kind.MP3, tags("title", "Comp A", "artist", "First Band", "album", "Summer Hits",
                "compilation", "1"));
        Path b = audio.make(Kind.MP3, tags("title", "Comp B", "artist", "Second Band", "album", "Summer Hits",
                "compilation", "1"));

        JsonNode ta = created(Uploads.raw(admin, a));
        JsonNode tb = created(Uploads.raw(admin, b));

        assertThat(ta.get("album").get("id").asText()).isEqualTo(tb.get("album").get("id").asText());
        JsonNode album = admin.get("/api/albums/" + ta.get("album").get("id").asText()).json();
        assertThat(album.get("artist").get("name").asText()).isEqualTo("Various Artists");
        assertThat(ta.has("albumArtist")).as("no album artist tag to show").isFalse();
    }

    static JsonNode created(Api.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    static List<String> names(JsonNode refs) {
        List<String> out = new ArrayList<>();
        refs.forEach(n -> out.add(n.get("name").asText()));
        return out;
    }

    static List<String> texts(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(n -> out.add(n.asText()));
        return out;
    }
}
