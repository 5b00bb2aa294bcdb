package io.teammusic.ingest;

import io.teammusic.catalog.TrackEdit;
import io.teammusic.catalog.TrackJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.ErrorResponseException;

/** Admin corrections: {@code PATCH} and {@code DELETE /api/tracks/{id}}. */
@RestController
@RequestMapping("/api/tracks/{id}")
class TrackAdminController {

    private final IngestService ingest;

    TrackAdminController(IngestService ingest) {
        this.ingest = ingest;
    }

    @PatchMapping
    @PreAuthorize("hasRole('ADMIN')")
    TrackJson patch(@PathVariable String id, @RequestBody Map<String, Object> body) {
        return TrackJson.of(ingest.update(id, toEdit(body)));
    }

    @DeleteMapping
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<Void> delete(@PathVariable String id) {
        ingest.delete(id);
        return ResponseEntity.noContent().build();
    }

    /** Longest title, album, album artist, composer or artist name accepted, in characters. */
    static final int MAX_TEXT = 1000;
    static final int MAX_GENRE = 200;
    static final int MAX_NAMES = 50;
    static final int MAX_TRACK = 9999;
    static final int MAX_DISC = 999;
    static final int MIN_YEAR = 1000;

    /**
     * Reads the JSON object by hand so that an explicit null (clear the field) differs from an absent key. Every
     * value is checked before anything is written: a bad one is a 400 naming the field, and nothing changes.
     */
    static TrackEdit toEdit(Map<String, Object> body) {
        Set<String> cleared = new HashSet<>();
        for (Map.Entry<String, Object> e : body.entrySet()) {
            if (!TrackEdit.FIELDS.contains(e.getKey())) {
                throw badField(e.getKey(), "Unknown field '" + e.getKey() + "'; editable: " + TrackEdit.FIELDS);
            }
            if (e.getValue() == null) {
                cleared.add(e.getKey());
            }
        }
        if (cleared.contains("title")) {
            throw badField("title", "title cannot be removed");
        }
        String title = text(body, "title", MAX_TEXT);
        if (title != null && title.isBlank()) {
            throw badField("title", "title must not be blank");
        }
        Integer trackNumber = number(body, "trackNumber", 0, MAX_TRACK);
        Integer trackTotal = number(body, "trackTotal", 1, MAX_TRACK);
        Integer discNumber = number(body, "discNumber", 0, MAX_DISC);
        Integer discTotal = number(body, "discTotal", 1, MAX_DISC);
        ordered("trackNumber", trackNumber, "trackTotal", trackTotal);
        ordered("discNumber", discNumber, "discTotal", discTotal);
        int maxYear = java.time.Year.now(java.time.ZoneOffset.UTC).getValue() + 1;
        return new TrackEdit(title == null ? null : title.strip(), names(body, "artists", MAX_TEXT),
                text(body, "album", MAX_TEXT), text(body, "albumArtist", MAX_TEXT), trackNumber, trackTotal,
                discNumber, discTotal, number(body, "year", MIN_YEAR, maxYear), names(body, "genres", MAX_GENRE),
                text(body, "composer", MAX_TEXT), cleared);
    }

    /** A number past its total, when both come in the same edit; against stored values see IngestService. */
    static void ordered(String numberField, Integer number, String totalField, Integer total) {
        ordered(numberField, number, totalField, total, false);
    }

    /** As above; {@code blameTotal} names the total as the bad field (it was the one edited). */
    static void ordered(String numberField, Integer number, String totalField, Integer total, boolean blameTotal) {
        if (number != null && total != null && number > total) {
            throw badField(blameTotal ? totalField : numberField,
                    numberField + " (" + number + ") must not be greater than " + totalField + " (" + total + ")");
        }
    }

    /** A 400 problem whose {@code field} property names the offending field, for clients to point at it. */
    static ErrorResponseException badField(String field, String detail) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        pd.setProperty("field", field);
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, pd, null);
    }

    private static String text(Map<String, Object> body, String key, int max) {
        Object v = body.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw badField(key, key + " must be a string");
        }
        checkText(key, s, max);
        return s.isBlank() && !key.equals("title") ? null : s.strip();
    }

    private static void checkText(String key, String s, int max) {
        if (s.codePointCount(0, s.length()) > max) {
            throw badField(key, key + " must be at most " + max + " characters");
        }
        if (s.codePoints().anyMatch(Character::isISOControl)) {
            throw badField(key, key + " must not contain control characters");
        }
    }

    private static Integer number(Map<String, Object> body, String key, int min, int max) {
        Object v = body.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw badField(key, key + " must be a whole number");
        }
        double d = n.doubleValue();
        if (d < min || d > max) {
            throw badField(key, key + " must be between " + min + " and " + max);
        }
        return n.intValue();
    }

    private static List<String> names(Map<String, Object> body, String key, int maxEach) {
        Object v = body.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> list)) {
            throw badField(key, key + " must be a list of strings");
        }
        if (list.size() > MAX_NAMES) {
            throw badField(key, key + " must have at most " + MAX_NAMES + " entries");
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String s)) {
                throw badField(key, key + " must be a list of strings");
            }
            checkText(key, s, maxEach);
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }
}
