package io.teammusic.shared.logging;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blanks out credentials in text bound for a log: bearer tokens, JWTs, signed-URL signatures, Subsonic
 * {@code p}/{@code t}/{@code s}/{@code apiKey} parameters, and password or token fields in JSON. Applied to every
 * log message (see {@link MaskingMessageConverter}), so a DEBUG line from a library that prints a request cannot
 * leak them either.
 */
public final class SecretMasking {

    static final String MASK = "***";

    private record Rule(Pattern pattern, String replacement) {
    }

    private static final List<Rule> RULES = List.of(
            // Jetty's DEBUG output dumps raw wire bytes between {<<< and >>>}, with the middle elided, so a
            // field name can be cut off while its secret value is printed. No rule can tell; drop the bytes.
            new Rule(Pattern.compile("\\{<<<[\\s\\S]*?>>>\\}"), "{<<<" + MASK + ">>>}"),
            new Rule(Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+"), "$1" + MASK),
            new Rule(Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*"), MASK),
            new Rule(Pattern.compile("(?i)([?&;](?:sig|p|t|s|apikey|password|token|refresh_?token|access_?token"
                    + "|secret|x-amz-signature|signature|policy|key-pair-id)=)[^&\\s\"'#]*"), "$1" + MASK),
            // Record and map toString forms, as Spring's TRACE logging prints request and response bodies.
            new Rule(Pattern.compile("(?i)\\b((?:password|newPassword|refresh_?token|access_?token|secret|apikey"
                    + "|client_secret)=)[^,\\]})&\\s]*"), "$1" + MASK),
            new Rule(Pattern.compile("(?i)(\"(?:password|refreshToken|accessToken|token|secret|apiKey|"
                    + "client_secret)\"\\s*:\\s*\")[^\"]*"), "$1" + MASK));

    private SecretMasking() {
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (Rule r : RULES) {
            Matcher m = r.pattern().matcher(out);
            if (m.find()) {
                out = m.replaceAll(r.replacement());
            }
        }
        return out;
    }
}
