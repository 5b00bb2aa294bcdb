package io.teammusic.streaming;

/**
 * The check Spring Security's {@code StrictHttpFirewall} makes of every header name and value it hands out
 * (assigned code points, no control characters; tab allowed in values), written as a loop instead of a regular
 * expression. The regex ran over the 800-character bearer token several times per request and was the largest
 * single cost of a small ranged read. The accepted set is the same: {@code HeaderCharsTests} compares the two.
 */
final class HeaderChars {

    private HeaderChars() {
    }

    /** {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}: header and parameter names. */
    static boolean validName(String s) {
        return valid(s, false);
    }

    /** {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}: header values. */
    static boolean validValue(String s) {
        return valid(s, true);
    }

    /**
     * A value whose characters are the bytes of valid UTF-8 text (servlet containers hand header bytes over as
     * ISO-8859-1, one character per byte) and whose text passes {@link #validValue}. Raw UTF-8 names in
     * {@code X-Filename} are common, and their continuation bytes read as C1 control characters.
     */
    static boolean validUtf8Bytes(String s) {
        byte[] bytes = new byte[s.length()];
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0xFF) {
                return false;
            }
            bytes[i] = (byte) c;
        }
        try {
            String text = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return valid(text, true);
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private static boolean valid(String s, boolean tab) {
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                // Printable ASCII, nearly every character of real headers: always assigned, never a control.
                i++;
                continue;
            }
            int cp = s.codePointAt(i);
            if ((Character.isISOControl(cp) && !(tab && cp == '\t'))
                    || Character.getType(cp) == Character.UNASSIGNED) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }
}
