package io.teammusic.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DispositionHeaderTests {

    @Test
    void plainAsciiNameIsKeptInBothForms() {
        assertThat(DispositionHeader.inline("song.mp3"))
                .isEqualTo("inline; filename=\"song.mp3\"; filename*=UTF-8''song.mp3");
    }

    @Test
    void accentsFoldInTheFallbackAndSurviveInTheExtendedForm() {
        String h = DispositionHeader.inline("Café Déjà vu.flac");
        assertThat(h).contains("filename=\"Cafe Deja vu.flac\"");
        assertThat(h).contains("filename*=UTF-8''Caf%C3%A9%20D%C3%A9j%C3%A0%20vu.flac");
    }

    @Test
    void quotesSemicolonsAndControlsCannotBreakTheHeader() {
        String h = DispositionHeader.inline("a\"b;c\r\nd%e.mp3");
        assertThat(h).startsWith("inline; filename=\"a_b_c__d_e.mp3\"; filename*=UTF-8''");
        assertThat(h).doesNotContain("\r").doesNotContain("\n");
        String extended = h.substring(h.indexOf("''") + 2);
        assertThat(URLDecoder.decode(extended, StandardCharsets.UTF_8)).isEqualTo("a\"b;c\r\nd%e.mp3");
    }

    @Test
    void scriptsWithoutAsciiFallBackToUnderscoresButRoundTripExactly() {
        String name = "東京 🎵.opus";
        String h = DispositionHeader.inline(name);
        assertThat(h).contains("filename=\"__ __.opus\"");
        String extended = h.substring(h.indexOf("''") + 2);
        assertThat(extended).matches("[A-Za-z0-9!#$&+\\-.^_`|~%]+");
        assertThat(URLDecoder.decode(extended, StandardCharsets.UTF_8)).isEqualTo(name);
    }

    @Test
    void directoriesAreNeverOffered() {
        assertThat(DispositionHeader.inline("../../etc/passwd")).contains("filename=\"passwd\"");
        assertThat(DispositionHeader.inline("C:\\music\\a.mp3")).contains("filename=\"a.mp3\"");
    }

    @Test
    void noNameIsJustInline() {
        assertThat(DispositionHeader.inline(null)).isEqualTo("inline");
        assertThat(DispositionHeader.inline("  ")).isEqualTo("inline");
    }
}
