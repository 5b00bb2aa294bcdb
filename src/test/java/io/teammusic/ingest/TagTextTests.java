package io.teammusic.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How tag values split into several artists and genres. */
class TagTextTests {

    @Test
    void nulSeparatedArtistsOfAnId3v24FrameAreSeveralArtists() {
        assertThat(TagText.splitArtists(List.of("Alpha\u0000Beta"), false)).containsExactly("Alpha", "Beta");
        assertThat(TagText.splitArtists(List.of("Alpha \u0000 Beta\u0000"), false)).containsExactly("Alpha", "Beta");
    }

    @Test
    void nulSeparatedGenresAreSeveralGenres() {
        assertThat(TagText.splitGenres(List.of("Rock\u0000Pop"))).containsExactly("Rock", "Pop");
    }

    @Test
    void otherSeparatorsStillSplitAndABomOrOnlyNulsGiveNothing() {
        assertThat(TagText.splitArtists(List.of("\uFEFFAlpha; Beta feat. Gamma"), false))
                .containsExactly("Alpha", "Beta", "Gamma");
        assertThat(TagText.splitArtists(List.of("AC/DC"), true)).containsExactly("AC/DC");
        assertThat(TagText.splitArtists(List.of("\u0000\u0000"), false)).isEmpty();
        assertThat(TagText.splitGenres(List.of("\uFEFF"))).isEmpty();
    }
}
