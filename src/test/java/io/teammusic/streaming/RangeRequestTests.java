package io.teammusic.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RangeRequestTests {

    private static final long SIZE = 1000;
    private static final String ETAG = "\"abc\"";
    private static final Instant MODIFIED = Instant.parse("2026-01-01T00:00:00Z");
    private static final String MODIFIED_HTTP = "Thu, 01 Jan 2026 00:00:00 GMT";

    private static RangeRequest.Decision range(String range) {
        return decide(new RangeRequest.Headers(range, null, null, null, null, null));
    }

    private static RangeRequest.Decision decide(RangeRequest.Headers h) {
        return RangeRequest.decide(h, SIZE, ETAG, MODIFIED);
    }

    @Test
    void noRangeIsTheWholeBody() {
        assertThat(decide(RangeRequest.Headers.NONE)).isEqualTo(new RangeRequest.Decision(200, 0, SIZE));
    }

    @Test
    void closedRangeIsExact() {
        RangeRequest.Decision d = range("bytes=10-19");
        assertThat(d).isEqualTo(new RangeRequest.Decision(206, 10, 10));
        assertThat(d.contentRange(SIZE)).isEqualTo("bytes 10-19/1000");
    }

    @Test
    void openRangeRunsToTheEnd() {
        assertThat(range("bytes=990-")).isEqualTo(new RangeRequest.Decision(206, 990, 10));
    }

    @Test
    void suffixRangeIsTheLastBytes() {
        assertThat(range("bytes=-10")).isEqualTo(new RangeRequest.Decision(206, 990, 10));
    }

    @Test
    void suffixLongerThanTheBodyIsTheWholeBodyAsPartialContent() {
        RangeRequest.Decision d = range("bytes=-5000");
        assertThat(d).isEqualTo(new RangeRequest.Decision(206, 0, SIZE));
        assertThat(d.contentRange(SIZE)).isEqualTo("bytes 0-999/1000");
    }

    @Test
    void lastPositionPastTheEndIsClamped() {
        assertThat(range("bytes=900-5000")).isEqualTo(new RangeRequest.Decision(206, 900, 100));
    }

    @Test
    void singleByteRanges() {
        assertThat(range("bytes=0-0")).isEqualTo(new RangeRequest.Decision(206, 0, 1));
        assertThat(range("bytes=999-999")).isEqualTo(new RangeRequest.Decision(206, 999, 1));
        assertThat(range("bytes=-1")).isEqualTo(new RangeRequest.Decision(206, 999, 1));
    }

    @Test
    void unitAndSpacesAreLenient() {
        assertThat(range("Bytes= 10 - 19 ")).isEqualTo(new RangeRequest.Decision(206, 10, 10));
    }

    @Test
    void firstPositionAtOrPastTheEndIsUnsatisfiable() {
        RangeRequest.Decision d = range("bytes=1000-");
        assertThat(d.status()).isEqualTo(416);
        assertThat(d.hasBody()).isFalse();
        assertThat(d.contentRange(SIZE)).isEqualTo("bytes */1000");
        assertThat(range("bytes=5000-6000").status()).isEqualTo(416);
        assertThat(range("bytes=-0").status()).isEqualTo(416);
    }

    @Test
    void badSyntaxOrOtherUnitsAreIgnored() {
        for (String bad : new String[] {"bytes=", "bytes=abc", "bytes=5-2", "bytes=--5", "bytes=1-2-3", "items=0-1",
                "bytes 0-1", "bytes=-", "bytes=0x10-20", "bytes=,"}) {
            assertThat(range(bad)).as(bad).isEqualTo(new RangeRequest.Decision(200, 0, SIZE));
        }
    }

    @Test
    void hugeNumbersDoNotOverflow() {
        assertThat(range("bytes=0-99999999999999999999999")).isEqualTo(new RangeRequest.Decision(206, 0, SIZE));
        assertThat(range("bytes=99999999999999999999999-").status()).isEqualTo(416);
    }

    @Test
    void severalRangesGetTheWholeBody() {
        assertThat(range("bytes=0-9,20-29")).isEqualTo(new RangeRequest.Decision(200, 0, SIZE));
    }

    @Test
    void severalRangesOfWhichOneIsSatisfiableGetThatOne() {
        assertThat(range("bytes=0-9, 5000-6000")).isEqualTo(new RangeRequest.Decision(206, 0, 10));
    }

    @Test
    void emptyBodyIsNeverRanged() {
        assertThat(RangeRequest.decide(new RangeRequest.Headers("bytes=0-10", null, null, null, null, null), 0,
                ETAG, MODIFIED)).isEqualTo(new RangeRequest.Decision(200, 0, 0));
    }

    @Test
    void ifRangeWithTheCurrentEtagKeepsTheRange() {
        assertThat(decide(new RangeRequest.Headers("bytes=0-9", ETAG, null, null, null, null)).status())
                .isEqualTo(206);
    }

    @Test
    void ifRangeWithAnotherOrWeakEtagGetsTheWholeBody() {
        assertThat(decide(new RangeRequest.Headers("bytes=0-9", "\"other\"", null, null, null, null)))
                .isEqualTo(new RangeRequest.Decision(200, 0, SIZE));
        assertThat(decide(new RangeRequest.Headers("bytes=0-9", "W/" + ETAG, null, null, null, null)).status())
                .isEqualTo(200);
    }

    @Test
    void ifRangeWithTheExactDateKeepsTheRangeAndAnyOtherDateDoesNot() {
        assertThat(decide(new RangeRequest.Headers("bytes=0-9", MODIFIED_HTTP, null, null, null, null)).status())
                .isEqualTo(206);
        assertThat(decide(new RangeRequest.Headers("bytes=0-9", "Fri, 02 Jan 2026 00:00:00 GMT", null, null,
                null, null)).status()).isEqualTo(200);
        assertThat(decide(new RangeRequest.Headers("bytes=0-9", "not a date", null, null, null, null)).status())
                .isEqualTo(200);
    }

    @Test
    void ifNoneMatchWithTheEtagIsNotModified() {
        assertThat(decide(new RangeRequest.Headers(null, null, null, ETAG, null, null)).status()).isEqualTo(304);
        assertThat(decide(new RangeRequest.Headers(null, null, null, "\"x\", W/" + ETAG, null, null)).status())
                .isEqualTo(304);
        assertThat(decide(new RangeRequest.Headers(null, null, null, "*", null, null)).status()).isEqualTo(304);
        assertThat(decide(new RangeRequest.Headers("bytes=0-1", null, null, ETAG, null, null)).status())
                .isEqualTo(304);
    }

    @Test
    void ifNoneMatchWithAnotherEtagIsServed() {
        assertThat(decide(new RangeRequest.Headers(null, null, null, "\"x\"", null, null)).status()).isEqualTo(200);
    }

    @Test
    void ifModifiedSinceIsUsedOnlyWithoutIfNoneMatch() {
        assertThat(decide(new RangeRequest.Headers(null, null, null, null, MODIFIED_HTTP, null)).status())
                .isEqualTo(304);
        assertThat(decide(new RangeRequest.Headers(null, null, null, null, "Wed, 31 Dec 2025 23:59:59 GMT", null))
                .status()).isEqualTo(200);
        assertThat(decide(new RangeRequest.Headers(null, null, null, "\"x\"", MODIFIED_HTTP, null)).status())
                .isEqualTo(200);
        assertThat(decide(new RangeRequest.Headers(null, null, null, null, "garbage", null)).status())
                .isEqualTo(200);
    }

    @Test
    void obsoleteDateFormsAreUnderstood() {
        assertThat(RangeRequest.parseDate("Thursday, 01-Jan-26 00:00:00 GMT")).isEqualTo(MODIFIED);
        assertThat(RangeRequest.parseDate("Thu Jan  1 00:00:00 2026")).isEqualTo(MODIFIED);
        assertThat(RangeRequest.formatDate(MODIFIED)).isEqualTo(MODIFIED_HTTP);
        assertThat(RangeRequest.formatDate(Instant.parse("2026-12-03T09:05:01Z")))
                .isEqualTo("Thu, 03 Dec 2026 09:05:01 GMT");
    }

    @Test
    void ifMatchFailsWithAnotherOrWeakEtag() {
        assertThat(decide(new RangeRequest.Headers(null, null, "\"x\"", null, null, null)).status()).isEqualTo(412);
        assertThat(decide(new RangeRequest.Headers(null, null, "W/" + ETAG, null, null, null)).status())
                .isEqualTo(412);
        assertThat(decide(new RangeRequest.Headers("bytes=0-1", null, ETAG, null, null, null)).status())
                .isEqualTo(206);
    }

    @Test
    void ifUnmodifiedSinceBeforeTheChangeFails() {
        assertThat(decide(new RangeRequest.Headers(null, null, null, null, null, "Wed, 31 Dec 2025 00:00:00 GMT"))
                .status()).isEqualTo(412);
        assertThat(decide(new RangeRequest.Headers(null, null, null, null, null, MODIFIED_HTTP)).status())
                .isEqualTo(200);
    }

    /** The allocation-free reading of {@code bytes=a-b} and {@code bytes=a-} must agree with RFC 9110 everywhere. */
    @Test
    void theCommonFormsAgreeWithTheRfcOnRandomAndEdgeInputs() {
        java.util.Random random = new java.util.Random(42);
        String[] edge = {"0", "1", "999", "1000", "1001", "0999", "000000000000000000001", "999999999999999999",
            "9999999999999999999", "123456789012345678901234"};
        for (int n = 0; n < 20_000; n++) {
            String a = n % 4 == 0 ? edge[random.nextInt(edge.length)] : Integer.toString(random.nextInt(1200));
            String b = switch (n % 5) {
                case 0 -> "";
                case 1 -> edge[random.nextInt(edge.length)];
                default -> Integer.toString(random.nextInt(1200));
            };
            String unit = n % 7 == 0 ? "BYTES=" : "bytes=";
            String header = unit + a + "-" + b;
            assertThat(range(header)).as(header).isEqualTo(expected(a, b));
        }
    }

    /**
     * Section 14: first-pos must not exceed last-pos (else the header is ignored), a range from past the end is
     * unsatisfiable, last-pos is clamped. Numbers beyond a long saturate, as the parser documents.
     */
    private static RangeRequest.Decision expected(String a, String b) {
        long first = saturated(a);
        if (!b.isEmpty() && saturated(b) < first) {
            return new RangeRequest.Decision(200, 0, SIZE);
        }
        if (first >= SIZE) {
            return new RangeRequest.Decision(416, 0, 0);
        }
        long end = b.isEmpty() ? SIZE - 1 : Math.min(saturated(b), SIZE - 1);
        return new RangeRequest.Decision(206, first, end - first + 1);
    }

    private static long saturated(String digits) {
        return new java.math.BigInteger(digits).min(java.math.BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
    }
}
