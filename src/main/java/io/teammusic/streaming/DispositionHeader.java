package io.teammusic.streaming;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * Builds {@code Content-Disposition} for any stored file name: a plain ASCII {@code filename} that every client
 * understands and cannot misparse, plus the exact name as RFC 8187 {@code filename*} for those that read it
 * (all current browsers prefer it).
 */
final class DispositionHeader {

    private static final int MAX_NAME = 200;

    private DispositionHeader() {
    }

    /** {@code inline; filename="..."; filename*=UTF-8''...}, or just {@code inline} when there is no name. */
    static String inline(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            return "inline";
        }
        String name = baseName(fileName);
        return "inline; filename=\"" + asciiFallback(name) + "\"; filename*=UTF-8''" + encode(name);
    }

    /** {@code attachment; ...} like {@link #inline(String)}: a download that the client saves under the name. */
    static String attachment(String fileName) {
        return "attachment" + inline(fileName).substring("inline".length());
    }

    /** The last path segment: a name must never carry a directory to the client. */
    private static String baseName(String fileName) {
        String n = fileName.strip();
        int cut = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
        n = cut >= 0 ? n.substring(cut + 1) : n;
        if (n.length() > MAX_NAME) {
            n = n.substring(0, MAX_NAME);
        }
        return n.isEmpty() ? "track" : n;
    }

    /**
     * Accents dropped, everything else outside printable ASCII replaced by {@code _}. Quotes and backslashes are
     * replaced too instead of escaped, because several clients take the escape literally.
     */
    static String asciiFallback(String name) {
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            boolean plain = c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' && c != ';';
            out.append(plain ? c : '_');
        }
        return out.toString();
    }

    /** RFC 8187 value-chars: attr-char as is, every other UTF-8 byte as {@code %XX}. */
    static String encode(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isAttrChar(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static boolean isAttrChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$&+-.^_`|~".indexOf(c) >= 0;
    }
}
