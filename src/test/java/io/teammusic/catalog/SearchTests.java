package io.teammusic.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.teammusic.shared.Ids;
import io.teammusic.testing.Api;
import io.teammusic.testing.ServerTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Search over real HTTP against rows written as ingest writes them (names folded into the *_norm columns; the
 * migration's triggers index them). Names carry a random tag where the test needs to know every match.
 */
class SearchTests extends ServerTest {

    @Autowired
    JdbcClient jdbc;

    CatalogFixtures db;
    String tag;
    Api api;

    @BeforeEach
    void setUp() {
        db = new CatalogFixtures(jdbc);
        // Letters only, lower case: the tag must match itself exactly after folding.
        tag = "zq" + Ids.newId().replaceAll("[^a-zA-Z]", "").toLowerCase().substring(0, 6);
        api = admin();
    }

    private JsonNode search(String q) {
        Api.Response r = api.get("/api/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static List<String> titles(JsonNode list, String field) {
        List<String> out = new ArrayList<>();
        list.forEach(x -> out.add(x.get(field).asText()));
        return out;
    }

    List<String> trackTitles(String q) {
        return titles(search(q).get("tracks"), "title");
    }

    @Test
    void findsTracksAlbumsAndArtistsByName() {
        String artist = db.artist(tag + " Orchestra");
        String album = db.album(tag + " Suites", artist, null, false, null);
        db.track(tag + " Prelude").artists(artist).album(album, 1, 1).insert();
        JsonNode r = search(tag);
        assertThat(titles(r.get("tracks"), "title")).containsExactly(tag + " Prelude");
        assertThat(titles(r.get("albums"), "title")).containsExactly(tag + " Suites");
        assertThat(titles(r.get("artists"), "name")).containsExactly(tag + " Orchestra");
        assertThat(r.get("artists").get(0).get("trackCount").asInt()).isEqualTo(1);
        assertThat(r.get("tracks").get(0).get("streamUrl").asText()).startsWith("/api/tracks/");
        assertThat(r.get("albums").get(0).get("trackCount").asInt()).isEqualTo(1);
    }

    @Test
    void ignoresCase() {
        db.track("Thunderstruck " + tag).insert();
        assertThat(trackTitles("THUNDERSTRUCK " + tag.toUpperCase())).containsExactly("Thunderstruck " + tag);
        assertThat(trackTitles("thunderstruck " + tag)).containsExactly("Thunderstruck " + tag);
    }

    @Test
    void ignoresAccentsBothWays() {
        String artist = db.artist("Beyoncé " + tag);
        db.track("Déjà Vu " + tag).artists(artist).insert();
        db.track("Ёлочка " + tag).insert();
        assertThat(titles(search("beyonce " + tag).get("artists"), "name")).containsExactly("Beyoncé " + tag);
        assertThat(titles(search("BEYONCÉ " + tag).get("artists"), "name")).containsExactly("Beyoncé " + tag);
        assertThat(trackTitles("deja vu " + tag)).containsExactly("Déjà Vu " + tag);
        assertThat(trackTitles("елочка " + tag)).containsExactly("Ёлочка " + tag);
        db.track("Cafe " + tag).insert();
        assertThat(trackTitles("café " + tag)).containsExactly("Cafe " + tag);
    }

    @Test
    void plainBeyonceFindsBeyonceWithAccent() {
        db.artist("Beyoncé");
        assertThat(titles(search("beyonce").get("artists"), "name")).contains("Beyoncé");
    }

    @Test
    void matchesInsideWords() {
        db.track("Glove" + tag + "box").insert();
        assertThat(trackTitles(tag.substring(1) + "bo")).containsExactly("Glove" + tag + "box");
        assertThat(trackTitles("ove" + tag)).containsExactly("Glove" + tag + "box");
    }

    @Test
    void findsJapaneseSubstringsOfEveryLength() {
        String title = "夜に駆ける" + tag;
        db.track(title).insert();
        db.track("残酷な天使のテーゼ").insert();
        assertThat(trackTitles("に駆ける")).contains(title);
        assertThat(trackTitles("駆け")).as("two characters").contains(title);
        assertThat(trackTitles("駆")).as("one character").contains(title);
        assertThat(trackTitles("天使")).contains("残酷な天使のテーゼ");
        assertThat(trackTitles("テーゼ")).contains("残酷な天使のテーゼ");
        assertThat(trackTitles("天使")).doesNotContain(title);
        String artist = db.artist("宇多田ヒカル" + tag);
        assertThat(titles(search("ヒカル").get("artists"), "name")).contains("宇多田ヒカル" + tag);
        assertThat(titles(search("多田").get("artists"), "name")).contains("宇多田ヒカル" + tag);
        assertThat(artist).isNotBlank();
    }

    @Test
    void findsThaiSubstrings() {
        String title = "สวัสดีชาวโลก " + tag;
        db.track(title).insert();
        assertThat(trackTitles("ชาวโลก")).contains(title);
        assertThat(trackTitles("วัส")).contains(title);
        assertThat(trackTitles("ชา")).as("two characters").contains(title);
    }

    @Test
    void ranksExactThenPrefixThenWordStartThenSubstring() {
        db.track("x" + tag + "y").insert();
        db.track("the " + tag + " song").insert();
        db.track(tag + " remix").insert();
        db.track(tag).insert();
        db.track(tag + " extended remix").insert();
        assertThat(trackTitles(tag)).containsExactly(tag, tag + " remix", tag + " extended remix",
                "the " + tag + " song", "x" + tag + "y");
    }

    @Test
    void titleMatchesRankAboveArtistMatches() {
        String artist = db.artist(tag + " Band");
        db.track("Plain Song").artists(artist).insert();
        db.track("Song about " + tag).insert();
        assertThat(trackTitles(tag)).containsExactly("Song about " + tag, "Plain Song");
        String album = db.album("Plain Album", artist, null, false, null);
        db.album("Album of " + tag, db.artist("Someone Else " + tag.substring(0, 4)), null, false, null);
        assertThat(titles(search(tag).get("albums"), "title")).containsExactly("Album of " + tag, "Plain Album");
        assertThat(album).isNotBlank();
    }

    @Test
    void renamedAndDeletedTracksLeaveTheIndex() {
        String id = db.track("Before " + tag).insert();
        assertThat(trackTitles(tag)).containsExactly("Before " + tag);
        jdbc.sql("UPDATE tracks SET title = ?, title_norm = ? WHERE id = ?")
                .params("After " + tag + "new", "after " + tag + "new", id).update();
        assertThat(trackTitles(tag + "new")).containsExactly("After " + tag + "new");
        assertThat(trackTitles("before " + tag)).isEmpty();
        db.delete(id);
        assertThat(trackTitles(tag)).isEmpty();
    }

    @Test
    void limitCapsEachList() {
        for (int i = 0; i < 5; i++) {
            db.track(tag + " number " + i).insert();
        }
        JsonNode r = api.get("/api/search?q=" + tag + "&limit=3").json();
        assertThat(r.get("tracks")).hasSize(3);
        assertThat(search(tag).get("tracks")).hasSize(5);
    }

    @Test
    void blankQueriesAndBadLimitsAreProblems() {
        for (String query : List.of("", "q=", "q=%20%20", "q=%09", "q=a&limit=0", "q=a&limit=101",
                "q=a&limit=x", "q=" + "a".repeat(201))) {
            Api.Response r = api.get("/api/search?" + query);
            assertThat(r.status()).as(query).isEqualTo(400);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(api.get("/api/search?q=a&limit=100").status()).isEqualTo(200);
    }

    @Test
    void oneAndTwoLetterLatinQueriesMatchNameAndWordStarts() {
        db.track(tag + " ab").insert();
        JsonNode r = search("a");
        assertThat(r.get("tracks").size()).isLessThanOrEqualTo(SearchService.DEFAULT_LIMIT);
        db.track("Qj" + tag).insert();
        assertThat(trackTitles("qj")).contains("Qj" + tag);
    }

    @Test
    void quotesAndOperatorsInQueriesAreJustText() {
        db.track("He said \"" + tag + "\" OR NOT").insert();
        assertThat(trackTitles("\"" + tag + "\" or")).containsExactly("He said \"" + tag + "\" OR NOT");
        assertThat(search("AND OR NOT * ( ) %_").get("tracks")).isNotNull();
    }

    @Test
    void severalWordsMatchInAnyOrderAcrossTitleArtistAndAlbumPhraseFirst() {
        String moonArtist = db.artist("Moon " + tag + " Orchestra");
        String moonAlbum = db.album("Moon Album " + tag, db.artist("Somebody " + tag), null, false, null);
        db.track("Moon River Blue " + tag).insert();
        db.track("Blue " + tag + " by artist").artists(moonArtist).insert();
        db.track("Blue " + tag + " on album").album(moonAlbum, 1, 1).insert();
        db.track("Blue " + tag + " alone").insert();
        db.track("Blue Moon " + tag).insert();
        List<String> found = trackTitles("blue moon " + tag);
        assertThat(found).hasSize(4);
        assertThat(found.subList(0, 2)).as("the whole phrase, then all words in the title")
                .containsExactly("Blue Moon " + tag, "Moon River Blue " + tag);
        assertThat(found.subList(2, 4)).containsExactlyInAnyOrder("Blue " + tag + " by artist",
                "Blue " + tag + " on album");
        assertThat(trackTitles(tag + " MÔÔN blüe")).as("any order, case and accents").isEqualTo(found);
    }

    @Test
    void severalWordsFindAlbumsByTheirArtistAndArtistsByAnyOrder() {
        String blue = db.artist("Blue " + tag);
        db.album("Moon Sessions", blue, null, false, null);
        db.album("Sun Sessions", db.artist("Red " + tag), null, false, null);
        assertThat(titles(search("sessions blue " + tag).get("albums"), "title")).containsExactly("Moon Sessions");
        db.artist("River " + tag + " Moon");
        assertThat(titles(search("moon " + tag).get("artists"), "name")).containsExactly("River " + tag + " Moon");
    }

    @Test
    void severalWordsWorkInJapaneseAndThai() {
        String artist = db.artist("YOASOBI " + tag);
        db.track("夜に駆ける").artists(artist).insert();
        db.track("สวัสดีชาวโลก").artists(artist).insert();
        assertThat(trackTitles("駆ける yoasobi " + tag)).containsExactly("夜に駆ける");
        assertThat(trackTitles(tag + " ชาวโลก")).containsExactly("สวัสดีชาวโลก");
        assertThat(trackTitles(tag + " 駆け")).as("a two-character word filters").containsExactly("夜に駆ける");
    }

    @Test
    void shortWordsFilterWhatTheLongerWordsFind() {
        db.track("Blue for me " + tag).insert();
        db.track("Blue for you " + tag).insert();
        assertThat(trackTitles("me blue " + tag)).containsExactly("Blue for me " + tag);
    }

    @Test
    void wordsFollowRenamedArtistsAlbumsAndRelinkedTracks() {
        String artist = db.artist("Before " + tag);
        String album = db.album("Record " + tag, artist, null, false, null);
        String id = db.track("Plain song " + tag).artists(artist).album(album, 1, 1).insert();
        assertThat(trackTitles("song before " + tag)).containsExactly("Plain song " + tag);
        jdbc.sql("UPDATE artists SET name = ?, name_norm = ? WHERE id = ?")
                .params("Afterwards " + tag, "afterwards " + tag, artist).update();
        assertThat(trackTitles("song before " + tag)).isEmpty();
        assertThat(trackTitles("song afterwards " + tag)).containsExactly("Plain song " + tag);
        assertThat(titles(search("record afterwards " + tag).get("albums"), "title"))
                .containsExactly("Record " + tag);
        jdbc.sql("UPDATE albums SET title = ?, title_norm = ? WHERE id = ?")
                .params("Vinyl " + tag, "vinyl " + tag, album).update();
        assertThat(trackTitles("song vinyl " + tag)).containsExactly("Plain song " + tag);
        jdbc.sql("DELETE FROM track_artists WHERE track_id = ?").param(id).update();
        assertThat(trackTitles("song afterwards " + tag)).isEmpty();
        String other = db.album("Other " + tag, artist, null, false, null);
        jdbc.sql("UPDATE tracks SET album_id = ? WHERE id = ?").params(other, id).update();
        assertThat(trackTitles("song vinyl " + tag)).isEmpty();
        assertThat(trackTitles("song other " + tag)).containsExactly("Plain song " + tag);
        db.delete(id);
        assertThat(trackTitles("song other " + tag)).isEmpty();
    }

    @Test
    void aUserCanSearchButNobodyWithoutAToken() {
        db.track("Open " + tag).insert();
        String name = "searcher" + tag;
        assertThat(api.post("/api/users", Map.of("username", name, "password", "searcher-pass-1", "role", "USER"))
                .status()).isEqualTo(201);
        Api user = api().login(name, "searcher-pass-1");
        assertThat(titles(user.get("/api/search?q=" + tag).json().get("tracks"), "title"))
                .containsExactly("Open " + tag);
        assertThat(api().get("/api/search?q=" + tag).status()).isEqualTo(401);
    }
}
