package io.teammusic.subsonic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import net.beardbot.subsonic.client.Subsonic;
import net.beardbot.subsonic.client.SubsonicPreferences;
import net.beardbot.subsonic.client.api.media.MediaStream;
import net.beardbot.subsonic.client.api.playlist.UpdatePlaylistParams;
import net.beardbot.subsonic.client.api.search.SearchParams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.subsonic.restapi.AlbumWithSongsID3;
import org.subsonic.restapi.ArtistID3;
import org.subsonic.restapi.Child;
import org.subsonic.restapi.IndexID3;
import org.subsonic.restapi.PlaylistWithSongs;
import org.subsonic.restapi.SearchResult3;

/**
 * A real third-party client, net.beardbot:subsonic-client (JAXB over f=xml, token auth with a UUID salt, no .view,
 * v=1.15.0), driven through what a player does: connect, browse, search, play and seek, star, rate, playlists.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JavaSubsonicClientTests extends SubsonicTestBase {

    LibraryFixture.Album album;
    Subsonic client;

    @BeforeAll
    void setUp() throws Exception {
        album = fixture().album(LibraryFixture.unique("Javanese"), LibraryFixture.unique("Beans"), 3, true);
        io.teammusic.subsonic.Subsonic app = subsonicUser("javaclient");
        client = new Subsonic(new SubsonicPreferences("http://localhost:" + port, app.username, app.secret));
    }

    @Test
    void connectsAndBrowsesArtistToAlbumToSong() {
        assertThat(client.testConnection()).isTrue();
        ArtistID3 artist = client.browsing().getArtists().stream().map(IndexID3::getArtists)
                .flatMap(List::stream).filter(a -> a.getId().equals(album.artistId())).findFirst().orElseThrow();
        assertThat(artist.getName()).isEqualTo(album.artistName());
        assertThat(artist.getAlbumCount()).isEqualTo(1);

        var withAlbums = client.browsing().getArtist(artist.getId());
        assertThat(withAlbums.getAlbums()).extracting(a -> a.getId()).containsExactly(album.albumId());
        AlbumWithSongsID3 a = client.browsing().getAlbum(album.albumId());
        assertThat(a.getSongCount()).isEqualTo(3);
        assertThat(a.getCreated()).isNotNull();
        assertThat(a.getSongs()).extracting(Child::getId).containsExactlyElementsOf(album.trackIds());
        Child song = client.browsing().getSong(album.trackIds().get(0));
        assertThat(song.getDuration()).isEqualTo(3);
        assertThat(song.getSuffix()).isEqualTo("mp3");
        assertThat(song.getAlbumId()).isEqualTo(album.albumId());

        assertThat(client.browsing().getMusicFolders()).hasSize(1);
        assertThat(client.browsing().getMusicDirectory(album.albumId()).getchildren()).hasSize(3);
    }

    @Test
    void searchFindsTheAlbum() {
        String word = album.albumTitle().substring(album.albumTitle().lastIndexOf(' ') + 1);
        SearchResult3 r = client.searching().search3(word, SearchParams.create().songCount(10));
        assertThat(r.getAlbums()).extracting(x -> x.getId()).containsExactly(album.albumId());
        assertThat(r.getSongs()).hasSize(3);
    }

    @Test
    void streamsTheOriginalAndSeeksByteExact() throws Exception {
        byte[] original = Files.readAllBytes(album.files().get(1));
        MediaStream stream = client.media().stream(album.trackIds().get(1));
        try (InputStream in = stream.getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(original);
        }
        // The client's own authenticated URL, with a seek as a player makes it.
        HttpResponse<byte[]> part = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                stream.getUrl().toString())).header("Range", "bytes=1000-1999").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(original, 1000, 2000));
        try (InputStream cover = client.media().getCoverArt(album.albumId()).getInputStream()) {
            assertThat(cover.readAllBytes().length).isPositive();
        }
    }

    @Test
    void starsRatesScrobblesAndBuildsAPlaylist() {
        String first = album.trackIds().get(0);
        String second = album.trackIds().get(1);
        client.annotation().star(first);
        client.annotation().starAlbumID3(album.albumId());
        assertThat(client.lists().getStarred2().getSongs()).extracting(Child::getId).containsExactly(first);
        assertThat(client.lists().getStarred2().getAlbums()).extracting(x -> x.getId())
                .containsExactly(album.albumId());
        client.annotation().setRating(first, 5);
        client.annotation().scrobble(first);
        Child played = client.browsing().getSong(first);
        assertThat(played.getUserRating()).isEqualTo(5);
        assertThat(played.getPlayCount()).isEqualTo(1L);
        assertThat(played.getStarred()).isNotNull();

        client.playlists().createPlaylist("Java mix", first, second);
        var mine = client.playlists().getPlaylists().stream().filter(p -> p.getName().equals("Java mix"))
                .findFirst().orElseThrow();
        assertThat(mine.getSongCount()).isEqualTo(2);
        client.playlists().updatePlaylist(mine.getId(), UpdatePlaylistParams.create().removeSong(0)
                .addSong(album.trackIds().get(2)).comment("from java"));
        PlaylistWithSongs full = client.playlists().getPlaylist(mine.getId());
        assertThat(full.getEntries()).extracting(Child::getId).containsExactly(second, album.trackIds().get(2));
        assertThat(full.getComment()).isEqualTo("from java");
        client.playlists().deletePlaylist(mine.getId());
        assertThat(client.playlists().getPlaylists()).noneMatch(p -> p.getId().equals(mine.getId()));
    }
}
