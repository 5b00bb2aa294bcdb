package io.teammusic.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mozilla.universalchardet.UniversalDetector;

/** Cleaning and parsing of tag text: numbers like "3/12", dates, gains, artist lists, and mojibake repair. */
final class TagText {

    private static final Pattern LEADING_INT = Pattern.compile("^\\s*(\\d{1,6})");
    private static final Pattern TOTAL = Pattern.compile("^\\s*\\d*\\s*/\\s*(\\d{1,6})");
    private static final Pattern YEAR = Pattern.compile("(?<!\\d)(\\d{4})(?!\\d)");
    private static final Pattern CONTROL_SPACES = Pattern.compile("\\s*[\\t\\n\\u000B\\f\\r]\\s*");
    private static final Pattern CONTROLS = Pattern.compile("[\\u0000-\\u001F\\u007F]");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?\\d+(?:[.,]\\d+)?");
    /**
     * Separators between artists that are safe to split on: semicolons, a slash with spaces around it, and
     * "feat." forms. A bare "&", "and" or comma is part of too many names (Simon & Garfunkel; Earth, Wind & Fire).
     */
    private static final Pattern ARTIST_SEPARATORS = Pattern.compile(
            "\\s*;\\s*|\\s+/\\s+|\\s+(?:feat\\.?|ft\\.|featuring)\\s+|\\s*\\u0000\\s*", Pattern.CASE_INSENSITIVE);
    /** Names with a bare slash that an ID3v2.3 split must leave whole. */
    private static final Set<String> SLASHED_NAMES = Set.of("ac/dc", "au/ra", "dr/z", "b/c");
    private static final Set<String> REPAIRABLE = Set.of("WINDOWS-1251", "KOI8-R", "IBM866", "X-MAC-CYRILLIC",
            "SHIFT_JIS", "EUC-JP", "ISO-2022-JP", "GB18030", "BIG5", "EUC-KR", "EUC-TW", "WINDOWS-1253",
            "ISO-8859-7", "WINDOWS-1255", "ISO-8859-8", "TIS-620", "UTF-8");

    private TagText() {
    }

    /** Trimmed, NULs and BOMs removed, empty as null. */
    static String clean(String s) {
        return keepingNuls(s == null ? null : s.replace("\u0000", ""));
    }

    /**
     * Without C0 control characters or DEL: XML 1.0 cannot carry most of them (a Subsonic XML answer with one is
     * not well-formed) and no client shows them. Line breaks and tabs become one space, the rest go; what is left
     * is trimmed, and empty is null. C1 controls stay: XML allows them, and mojibake repair reads them as bytes.
     */
    static String withoutControls(String s) {
        if (s == null) {
            return null;
        }
        String t = CONTROL_SPACES.matcher(s).replaceAll(" ");
        t = CONTROLS.matcher(t).replaceAll("").strip();
        return t.isEmpty() ? null : t;
    }

    static List<String> withoutControls(List<String> values) {
        if (values == null) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String v : values) {
            String c = withoutControls(v);
            if (c != null) {
                out.add(c);
            }
        }
        return new ArrayList<>(out);
    }

    static Integer leadingInt(String s) {
        if (s == null) {
            return null;
        }
        Matcher m = LEADING_INT.matcher(s);
        if (!m.find()) {
            return null;
        }
        int v = Integer.parseInt(m.group(1));
        return v > 0 ? v : null;
    }

    /** The total of "3/12", or null. */
    static Integer totalOf(String s) {
        if (s == null) {
            return null;
        }
        Matcher m = TOTAL.matcher(s);
        if (!m.find()) {
            return null;
        }
        int v = Integer.parseInt(m.group(1));
        return v > 0 ? v : null;
    }

    /** The first plausible four-digit year in a date ("2007", "2007-05-01", "05/2007"). */
    static Integer year(String s) {
        if (s == null) {
            return null;
        }
        Matcher m = YEAR.matcher(s);
        while (m.find()) {
            int y = Integer.parseInt(m.group(1));
            if (y >= 1000 && y <= 2999) {
                return y;
            }
        }
        return null;
    }

    /** A number out of "-6.50 dB" or "0.988831". */
    static Double decimal(String s) {
        if (s == null) {
            return null;
        }
        Matcher m = DECIMAL.matcher(s);
        if (!m.find()) {
            return null;
        }
        try {
            return Double.parseDouble(m.group().replace(',', '.'));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The artists named by the values of an artist tag. Each value may itself list several ("A; B", "A / B",
     * "A feat. B"); {@code slashSeparates} is for ID3v2.3, whose spec separates values with a bare "/".
     */
    static List<String> splitArtists(List<String> values, boolean slashSeparates) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : values) {
            String c = keepingNuls(v);
            if (c == null) {
                continue;
            }
            for (String part : ARTIST_SEPARATORS.split(c)) {
                if (slashSeparates && part.contains("/") && !SLASHED_NAMES.contains(part.toLowerCase(Locale.ROOT))) {
                    for (String p : part.split("/")) {
                        add(out, p);
                    }
                } else {
                    add(out, part);
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** Genres from tag values; "Rock; Pop" and "Rock/Pop"-free lists split on semicolons and NULs only. */
    static List<String> splitGenres(List<String> values) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : values) {
            String c = keepingNuls(v);
            if (c == null) {
                continue;
            }
            for (String part : c.split("\\s*[;\\u0000]\\s*")) {
                add(out, part);
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * Like {@link #clean} but keeping NULs: ID3v2.4 separates the values of one text frame with them, so they are
     * split on first and removed from each part after ({@link #add}); removed first, "A\0B" became "AB".
     */
    private static String keepingNuls(String s) {
        if (s == null) {
            return null;
        }
        String t = s.replace("\uFEFF", "").strip();
        return t.isEmpty() ? null : t;
    }

    private static void add(Set<String> out, String part) {
        String c = clean(part);
        if (c != null) {
            out.add(c);
        }
    }

    /**
     * Undoes mojibake: text that a reader decoded as Latin-1 because the tag said so, while the bytes were really
     * CP1251, Shift_JIS, UTF-8 or another legacy code page. Only strings made purely of Latin-1 characters with
     * some above ASCII are candidates; the bytes are re-decoded when a charset detector recognises them, or, for
     * short Cyrillic text the detector cannot judge, when nearly all letters are upper-half bytes (real Western
     * names like "Café" or "Björk" have few).
     */
    static String repairMojibake(String s) {
        if (s == null) {
            return null;
        }
        int high = 0;
        int letters = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0xFF) {
                return s;
            }
            if (c >= 0x80) {
                high++;
            }
            if (Character.isLetter(c)) {
                letters++;
            }
        }
        if (high == 0) {
            return s;
        }
        byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
        String strict = decodeStrict(bytes, StandardCharsets.UTF_8);
        if (strict != null && high >= 2) {
            return strict;
        }
        String detected = detect(bytes);
        if (detected != null && REPAIRABLE.contains(detected)) {
            String out = decodeStrict(bytes, Charset.forName(detected));
            if (out != null && plausible(out)) {
                return out;
            }
        }
        if (high >= 3 && high * 10 >= letters * 6) {
            String cyr = decodeStrict(bytes, Charset.forName("windows-1251"));
            if (cyr != null && mostlyCyrillic(cyr)) {
                return cyr;
            }
        }
        return s;
    }

    private static String detect(byte[] bytes) {
        UniversalDetector d = new UniversalDetector(null);
        d.handleData(bytes, 0, bytes.length);
        d.dataEnd();
        String name = d.getDetectedCharset();
        return name == null ? null : name.toUpperCase(Locale.ROOT);
    }

    private static boolean plausible(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\uFFFD' || Character.isISOControl(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean mostlyCyrillic(String s) {
        int cyr = 0;
        int letters = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                if (Character.UnicodeBlock.of(c) == Character.UnicodeBlock.CYRILLIC) {
                    cyr++;
                }
            }
        }
        return letters > 0 && cyr * 10 >= letters * 6;
    }

    private static String decodeStrict(byte[] bytes, Charset cs) {
        try {
            return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
