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
