package io.teammusic.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HeaderCharsTests {

    // The expressions Spring Security's StrictHttpFirewall uses by default.
    private static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void acceptsExactlyWhatTheFirewallsRegexAccepts() {
        List<String> samples = new ArrayList<>(List.of("", "Bearer eyJhbGciOi.x-y_z", "bytes=0-99", "a\tb",
                "a\nb", "a\rb", "\u0000", "\u007f", "\u0085", "\u009f", "\u00a0é", "東京", "🎵", "\ud800",
                "\udc00x",
                "\u0378", "\uffff", "\ufffd", "W/\"etag\""));
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(6);
            for (int j = 0; j < len; j++) {
                int cp = switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(0x100);
                    case 1 -> random.nextInt(0x10000);
                    case 2 -> random.nextInt(0x110000);
                    default -> 0x20 + random.nextInt(0x5f);
                };
                sb.appendCodePoint(cp);
            }
            samples.add(sb.toString());
        }
        for (String s : samples) {
            assertThat(HeaderChars.validName(s)).as("name %s", s.codePoints().boxed().toList())
                    .isEqualTo(NAME.matcher(s).matches());
            assertThat(HeaderChars.validValue(s)).as("value %s", s.codePoints().boxed().toList())
                    .isEqualTo(VALUE.matcher(s).matches());
        }
    }
}
