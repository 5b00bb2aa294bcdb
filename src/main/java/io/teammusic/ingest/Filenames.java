package io.teammusic.ingest;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** File names as clients send them: reduced to a safe base name, and decoded from the headers that carry them. */
final class Filenames {

    /** Longest name kept, in code points; longer ones keep their extension and lose the end of the base. */
    static final int MAX_LENGTH = 255;
    private static final int MAX_EXTENSION = 16;

    private Filenames() {
    }

    /**
     * The last path component of {@code name}, with control and bidi-override characters dropped and surrounding
     * blanks trimmed, or null when nothing is left. Browsers (old IE, some folder uploads) and scripts send
     * {@code C:\music\x.mp3} or {@code ../../x.mp3}; the name is shown to users and offered back as a download
     * name, so it must not carry a path.
     */
    static String sanitize(String name) {
        if (name == null) {
            return null;
        }
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        StringBuilder out = new StringBuilder(base.length());
        base.codePoints().filter(cp -> !unsafe(cp)).forEach(out::appendCodePoint);
        String s = out.toString().strip();
        if (s.isEmpty() || s.equals(".") || s.equals("..")) {
            return null;
        }
        return shorten(s);
    }

    private static boolean unsafe(int cp) {
        // Control characters, and the bidi controls that can make "evil‮3pm.exe" look like "evilexe.mp3".
        return Character.isISOControl(cp) || cp >= 0x202A && cp <= 0x202E || cp >= 0x2066 && cp <= 0x2069
                || cp == 0x200E || cp == 0x200F || cp == 0xFEFF;
    }

    private static String shorten(String s) {
        if (s.codePointCount(0, s.length()) <= MAX_LENGTH) {
            return s;
        }
        int dot = s.lastIndexOf('.');
        String ext = dot > 0 && s.length() - dot <= MAX_EXTENSION ? s.substring(dot) : "";
        int keep = MAX_LENGTH - ext.codePointCount(0, ext.length());
        return s.substring(0, s.offsetByCodePoints(0, keep)) + ext;
    }

    /**
     * Decodes a file name sent in a header ({@code X-Filename}). Accepted, in this order:
     * <ul>
     *   <li>RFC 8187 {@code UTF-8''percent-encoded} (the {@code filename*} value syntax);</li>
     *   <li>percent-encoded UTF-8 ({@code %E6%97%A5.mp3}), when every {@code %} starts a valid escape and the
     *       bytes are UTF-8;</li>
     *   <li>raw UTF-8 bytes: HTTP header values reach us as ISO-8859-1 characters, one per byte, so a value whose
     *       bytes form valid UTF-8 is read as UTF-8;</li>
     *   <li>anything else as it came (Latin-1).</li>
     * </ul>
     */
    static String fromHeader(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.startsWith("utf-8'")) {
            int second = v.indexOf('\'', 6);
            if (second > 0) {
                String decoded = percentDecode(v.substring(second + 1));
                if (decoded != null) {
                    return decoded;
                }
            }
        }
        if (v.indexOf('%') >= 0) {
            String decoded = percentDecode(v);
            if (decoded != null) {
                return decoded;
            }
        }
        return rawUtf8(v);
    }

    /** Reads a header value whose characters are really the bytes of UTF-8 text as that text. */
    static String rawUtf8(String v) {
        if (v == null || v.chars().allMatch(c -> c < 0x80) || v.chars().anyMatch(c -> c > 0xFF)) {
            return v;
        }
        String utf8 = strictUtf8(v.getBytes(StandardCharsets.ISO_8859_1));
        return utf8 != null ? utf8 : v;
    }

    /** The UTF-8 text of {@code %XX}-escaped bytes, or null when an escape is malformed or the bytes are not UTF-8. */
    private static String percentDecode(String s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    return null;
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                // Raw non-ASCII next to escapes: not a percent-encoded value.
                return null;
            }
        }
        return strictUtf8(bytes.toByteArray());
    }

    private static String strictUtf8(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
