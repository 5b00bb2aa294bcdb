package io.teammusic.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.teammusic.testing.EmbeddedPostgresql;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every search test again, on PostgreSQL: pg_trgm and the gram table must behave as FTS5 and its twin do. */
class PostgresSearchTests extends SearchTests {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgresql.register(registry, "catalog_search");
    }

    /**
     * Substring and word matches read the first pages of tracks directly and the trigram index for the rest of the
     * table: a title in either part is found, alone or with titles from the other part.
     */
    @Test
    void findsTitlesInTheScannedFirstPagesAndThroughTheIndexBeyondThem() {
        String early = "Glove" + tag + "early";
        db.track(early).insert();
        jdbc.sql("INSERT INTO tracks (id, content_hash, storage_key, size_bytes, mime_type, container,"
                + " original_filename, title, title_norm, created_at, updated_at)"
                + " SELECT 'filler-' || i, 'filler-' || i, 'filler/' || i, 1, 'audio/mpeg', 'mp3', 'f.mp3',"
                + " 'Filler ' || i, 'filler ' || i || ' ' || repeat('-', 300), 0, 0 FROM generate_series(1, 4000) i")
                .update();
        String late = "Glove" + tag + "late";
        db.track(late).insert();
        assertThat(page(early)).isLessThan(SearchRepository.SCANNED_PAGES);
        assertThat(page(late)).isGreaterThanOrEqualTo(SearchRepository.SCANNED_PAGES);

        assertThat(trackTitles(tag.substring(1) + "la")).as("index only").containsExactly(late);
        assertThat(trackTitles(tag.substring(1) + "ea")).as("first pages only").containsExactly(early);
        assertThat(trackTitles(tag.substring(1))).as("both").containsExactlyInAnyOrder(early, late);
        assertThat(trackTitles("late " + tag)).as("every word, through the index").containsExactly(late);
        assertThat(trackTitles("early " + tag)).as("every word, first pages").containsExactly(early);
    }

    private long page(String title) {
        return jdbc.sql("SELECT (ctid::text::point)[0] FROM tracks WHERE title = ?").param(title)
                .query(Long.class).single();
    }
}
