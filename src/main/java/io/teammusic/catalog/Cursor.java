package io.teammusic.catalog;

import io.teammusic.shared.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Where a keyset page stopped: the sort it belongs to, the section of that sort and the sort key values of the
 * last row shown. Opaque to clients (base64url); a cursor made for another sort, or not made by us, is a 400.
 * Values are strings or whole numbers, the only types sort keys have.
 */
record Cursor(String sort, int section, List<Object> values) {

    private static final String VERSION = "c1";

    String encode() {
        StringBuilder b = new StringBuilder(VERSION).append('~').append(b64(sort)).append('~').append(section);
        for (Object v : values) {
            b.append('~').append(v instanceof Number n ? "n" + n.longValue() : "s" + b64(v.toString()));
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** @throws InvalidInputException when the text is no cursor of ours or belongs to another sort */
    static Cursor decode(String text, String sort) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            String[] parts = raw.split("~", -1);
            if (parts.length < 3 || !parts[0].equals(VERSION)) {
                throw new IllegalArgumentException("not a cursor");
            }
            String cursorSort = unb64(parts[1]);
            if (!cursorSort.equals(sort)) {
                throw new InvalidInputException("cursor was made for sort '" + cursorSort + "', not '" + sort + "'");
            }
            List<Object> values = new ArrayList<>();
            for (int i = 3; i < parts.length; i++) {
                String p = parts[i];
                values.add(switch (p.isEmpty() ? ' ' : p.charAt(0)) {
                    case 'n' -> Long.parseLong(p.substring(1));
                    case 's' -> unb64(p.substring(1));
                    default -> throw new IllegalArgumentException("bad value");
                });
            }
            return new Cursor(cursorSort, Integer.parseInt(parts[2]), values);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("cursor is not one this server made; use the nextCursor of a page");
        }
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String unb64(String s) {
        return new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8);
    }
}
