package io.teammusic.ingest;

import io.teammusic.catalog.TrackEdit;
import io.teammusic.catalog.TrackJson;
import io.teammusic.shared.InvalidInputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

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

    /** Reads the JSON object by hand so that an explicit null (clear the field) differs from an absent key. */
    static TrackEdit toEdit(Map<String, Object> body) {
        Set<String> cleared = new HashSet<>();
        for (Map.Entry<String, Object> e : body.entrySet()) {
            if (!TrackEdit.FIELDS.contains(e.getKey())) {
                throw new InvalidInputException("Unknown field '" + e.getKey() + "'; editable: " + TrackEdit.FIELDS);
            }
            if (e.getValue() == null) {
                cleared.add(e.getKey());
            }
        }
        if (cleared.contains("title")) {
            throw new InvalidInputException("title cannot be removed");
        }
        String title = text(body, "title");
        if (title != null && title.isBlank()) {
            throw new InvalidInputException("title must not be blank");
        }
        return new TrackEdit(title == null ? null : title.strip(), names(body, "artists"), text(body, "album"),
                text(body, "albumArtist"), number(body, "trackNumber"), number(body, "trackTotal"),
                number(body, "discNumber"), number(body, "discTotal"), number(body, "year"), names(body, "genres"),
                text(body, "composer"), cleared);
    }

    private static String text(Map<String, Object> body, String key) {
        Object v = body.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new InvalidInputException(key + " must be a string");
        }
        return s.isBlank() && !key.equals("title") ? null : s;
    }

    private static Integer number(Map<String, Object> body, String key) {
        Object v = body.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.intValue() < 0) {
            throw new InvalidInputException(key + " must be a whole number, 0 or more");
        }
        return n.intValue();
    }

    private static List<String> names(Map<String, Object> body, String key) {
        Object v = body.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> list)) {
            throw new InvalidInputException(key + " must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String s)) {
                throw new InvalidInputException(key + " must be a list of strings");
            }
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }
}
