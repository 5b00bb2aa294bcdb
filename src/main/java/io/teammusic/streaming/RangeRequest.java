package io.teammusic.streaming;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The decision half of RFC 9110 for one stored representation: which status to answer and which bytes to send,
 * given the request's method and its {@code Range}, {@code If-Range}, {@code If-Match}, {@code If-None-Match},
 * {@code If-Modified-Since} and {@code If-Unmodified-Since} headers. It does no I/O, so every case is a plain
 * unit test.
 *
 * <p>Choices the RFC leaves to the server:
 * <ul>
 * <li>A request for several ranges is answered with the whole representation (200), never multipart: players
 *     only ever ask for one range, and this keeps a many-range request from costing more than a full read.</li>
 * <li>A {@code Range} that does not parse, or names another unit, is ignored (200), as section 14.2 allows.</li>
 * <li>{@code HEAD} evaluates {@code Range} like {@code GET}, so that it answers the same headers GET would
 *     (section 9.3.2).</li>
 * <li>An empty representation has no satisfiable range; its ranged requests get the whole (empty) body.</li>
 * </ul>
 */
final class RangeRequest {

    /** More ranges than this in one header are not even parsed; the answer would be the whole body anyway. */
    private static final int MAX_RANGES = 32;

    private RangeRequest() {
    }

    /** What the request's headers say; each may be null. */
    record Headers(String range, String ifRange, String ifMatch, String ifNoneMatch, String ifModifiedSince,
            String ifUnmodifiedSince) {

        static final Headers NONE = new Headers(null, null, null, null, null, null);
    }

    /**
     * The answer: a status and, for 200 and 206, the bytes {@code [offset, offset + length)} to send.
     * For 304, 412 and 416 no body is sent.
     */
    record Decision(int status, long offset, long length) {

        static Decision full(long size) {
            return new Decision(200, 0, size);
        }

        boolean hasBody() {
            return status == 200 || status == 206;
        }

        /** The {@code Content-Range} value for 206 and 416, or null. */
        String contentRange(long size) {
            if (status == 206) {
                return "bytes " + offset + "-" + (offset + length - 1) + "/" + size;
            }
            return status == 416 ? "bytes */" + size : null;
        }
    }

    /**
     * Decides a GET or HEAD of a representation of {@code size} bytes whose strong validator is {@code etag}
     * (quoted, as sent in the {@code ETag} header) and which was last modified at {@code lastModified}.
     */
    static Decision decide(Headers h, long size, String etag, Instant lastModified) {
        long modifiedSecond = lastModified.getEpochSecond();
        // Section 13.2.2: the preconditions in this order, each only when the one before it is absent.
        if (h.ifMatch() != null) {
            if (!matches(h.ifMatch(), etag, true)) {
                return new Decision(412, 0, 0);
            }
        } else if (h.ifUnmodifiedSince() != null) {
            Instant since = parseDate(h.ifUnmodifiedSince());
            if (since != null && modifiedSecond > since.getEpochSecond()) {
                return new Decision(412, 0, 0);
            }
        }
        if (h.ifNoneMatch() != null) {
            if (matches(h.ifNoneMatch(), etag, false)) {
                return new Decision(304, 0, 0);
            }
        } else if (h.ifModifiedSince() != null) {
            Instant since = parseDate(h.ifModifiedSince());
            if (since != null && modifiedSecond <= since.getEpochSecond()) {
                return new Decision(304, 0, 0);
            }
        }
        if (h.range() == null || size == 0) {
            return Decision.full(size);
        }
        if (h.ifRange() != null && !ifRangeHolds(h.ifRange(), etag, modifiedSecond)) {
            return Decision.full(size);
        }
        return range(h.range(), size);
    }

    /** Section 14.2: one satisfiable range gives 206, none gives 416, and anything else the whole body. */
    static Decision range(String header, long size) {
        Decision simple = simpleRange(header, size);
        if (simple != null) {
            return simple;
        }
        String spec = header.strip();
        if (spec.length() < 6 || !spec.regionMatches(true, 0, "bytes=", 0, 6)) {
            return Decision.full(size);
        }
        String[] parts = spec.substring(6).split(",", MAX_RANGES + 1);
        if (parts.length > MAX_RANGES) {
            return Decision.full(size);
        }
        Decision satisfiable = null;
        int satisfiableCount = 0;
        boolean anyValid = false;
        for (String part : parts) {
            String p = part.strip();
            if (p.isEmpty()) {
                // The grammar allows empty list elements ("bytes=0-1,,"); they name nothing.
                continue;
            }
            long[] r = parseOne(p);
            if (r == null) {
                return Decision.full(size);
            }
            anyValid = true;
            Decision d = resolve(r[0], r[1], size);
            if (d != null) {
                satisfiable = d;
                satisfiableCount++;
            }
        }
        if (!anyValid) {
            return Decision.full(size);
        }
        if (satisfiableCount == 0) {
            return new Decision(416, 0, 0);
        }
        return satisfiableCount == 1 ? satisfiable : Decision.full(size);
    }

    /**
     * The form a player sends, {@code bytes=first-last} or {@code bytes=first-} without spaces, read without
     * allocating; null for every other form, and for a range that is not satisfiable, which {@link #range} then
     * decides in full. For the forms it reads, it answers exactly what the full parser does.
     */
    private static Decision simpleRange(String h, long size) {
        int n = h.length();
        if (n < 8 || !h.regionMatches(true, 0, "bytes=", 0, 6)) {
            return null;
        }
        int i = 6;
        long first = 0;
        while (i < n && i - 6 < 18 && h.charAt(i) >= '0' && h.charAt(i) <= '9') {
            first = first * 10 + (h.charAt(i++) - '0');
        }
        if (i == 6 || i >= n || h.charAt(i) != '-') {
            return null;
        }
        int lastStart = ++i;
        long last = 0;
        while (i < n && i - lastStart < 18 && h.charAt(i) >= '0' && h.charAt(i) <= '9') {
            last = last * 10 + (h.charAt(i++) - '0');
        }
        if (i != n) {
            return null;
        }
        if (i == lastStart) {
            last = -1;
        } else if (last < first) {
            return null;
        }
        return resolve(first, last, size);
    }

    /** {first, last} with -1 for an absent bound, or null when the syntax is wrong. */
    private static long[] parseOne(String p) {
        int dash = p.indexOf('-');
        if (dash < 0 || dash != p.lastIndexOf('-')) {
            return null;
        }
        String first = p.substring(0, dash).strip();
        String last = p.substring(dash + 1).strip();
        if (first.isEmpty() && last.isEmpty()) {
            return null;
        }
        long a = first.isEmpty() ? -1 : digits(first);
        long b = last.isEmpty() ? -1 : digits(last);
        if ((!first.isEmpty() && a < 0) || (!last.isEmpty() && b < 0)) {
            return null;
        }
        if (a >= 0 && b >= 0 && b < a) {
            // Section 14.1.1: a last-pos below first-pos makes the range-spec invalid.
            return null;
        }
        return new long[] {a, b};
    }

    private static Decision resolve(long first, long last, long size) {
        if (first < 0) {
            // A suffix range: the final `last` bytes, or all of them when the representation is shorter.
            if (last == 0) {
                return null;
            }
            long n = Math.min(last, size);
            return new Decision(206, size - n, n);
        }
        if (first >= size) {
            return null;
        }
        long end = last < 0 ? size - 1 : Math.min(last, size - 1);
        return new Decision(206, first, end - first + 1);
    }

    /** Non-negative decimal value, or -1 when the text has other characters or overflows a long. */
    private static long digits(String text) {
        // Leading zeros carry no value ("bytes=0000000000000000000001-" is byte 1), so they do not count as length.
        int zeros = 0;
        while (zeros < text.length() - 1 && text.charAt(zeros) == '0') {
            zeros++;
        }
        String s = text.substring(zeros);
        if (s.length() > 18) {
            return s.chars().allMatch(Character::isDigit) ? Long.MAX_VALUE : -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /**
     * Section 13.1.5: an entity-tag must match strongly; a date must be exactly the last modification (to the
     * second, as HTTP dates are). A weak tag never matches.
     */
    private static boolean ifRangeHolds(String ifRange, String etag, long modifiedSecond) {
        String v = ifRange.strip();
        if (v.startsWith("\"") || v.startsWith("W/")) {
            return v.equals(etag);
        }
        Instant date = parseDate(v);
        return date != null && date.getEpochSecond() == modifiedSecond;
    }

    /**
     * True when the list header ({@code If-Match}, {@code If-None-Match}) names {@code etag} or is {@code *}.
     * The strong comparison (If-Match) treats a weak tag as never matching; the weak one ignores the prefix.
     */
    static boolean matches(String header, String etag, boolean strong) {
        String v = header.strip();
        if (v.equals("*")) {
            return true;
        }
        for (String candidate : v.split(",")) {
            String c = candidate.strip();
            boolean weak = c.startsWith("W/");
            if (weak) {
                if (strong) {
                    continue;
                }
                c = c.substring(2);
            }
            if (c.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    // Section 5.6.7: recipients must also accept the two obsolete forms.
    private static final DateTimeFormatter RFC_850 =
            DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US).withZone(ZoneOffset.UTC);

    /** An HTTP-date in any of the three forms of section 5.6.7, or null when it is none of them. */
    static Instant parseDate(String value) {
        String v = value.strip();
        for (DateTimeFormatter f : new DateTimeFormatter[] {DateTimeFormatter.RFC_1123_DATE_TIME, RFC_850, ASCTIME}) {
            try {
                return ZonedDateTime.parse(v, f).toInstant();
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return null;
    }

    /** IMF-fixdate, the form section 5.6.7 says to send. */
    static String formatDate(Instant instant) {
        return IMF_FIXDATE.format(instant);
    }
}
