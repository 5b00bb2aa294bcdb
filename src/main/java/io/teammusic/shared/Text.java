package io.teammusic.shared;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Text folding shared by storage of names and by search, so both sides agree on what "the same" means. */
public final class Text {

    private static final java.util.Set<Character.UnicodeScript> DIACRITIC_SCRIPTS = java.util.EnumSet.of(
            Character.UnicodeScript.LATIN, Character.UnicodeScript.GREEK, Character.UnicodeScript.CYRILLIC,
            Character.UnicodeScript.COMMON);
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Text() {
    }

    /**
     * Case- and accent-insensitive key: compatibility-decomposed (so full-width Latin and ligatures fold),
     * accents on Latin, Greek and Cyrillic letters removed, lower-cased, whitespace collapsed. Marks in other
     * scripts (Japanese voicing, Thai vowels) are kept and recomposed, because they carry meaning.
     */
    public static String fold(String s) {
        if (s == null) {
            return "";
        }
        String d = Normalizer.normalize(s, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(d.length());
        Character.UnicodeScript base = Character.UnicodeScript.COMMON;
        int i = 0;
        while (i < d.length()) {
            int cp = d.codePointAt(i);
            int type = Character.getType(cp);
            boolean mark = type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK;
            if (!mark) {
                base = Character.UnicodeScript.of(cp);
                out.appendCodePoint(cp);
            } else if (!DIACRITIC_SCRIPTS.contains(base)) {
                // A Japanese voicing mark or a Thai vowel sign changes the letter; only accents on
                // Latin, Greek and Cyrillic letters are decoration to fold away.
                out.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        String folded = Normalizer.normalize(out, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        return SPACES.matcher(folded).replaceAll(" ").strip();
    }
}
