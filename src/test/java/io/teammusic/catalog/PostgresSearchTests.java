package io.teammusic.catalog;

import io.teammusic.testing.EmbeddedPostgresql;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every search test again, on PostgreSQL: pg_trgm and the gram table must behave as FTS5 and its twin do. */
class PostgresSearchTests extends SearchTests {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgresql.register(registry, "catalog_search");
    }
}
