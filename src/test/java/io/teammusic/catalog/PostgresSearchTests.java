package io.teammusic.catalog;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every search test again, on PostgreSQL: pg_trgm and the gram table must behave as FTS5 and its twin do. */
class PostgresSearchTests extends SearchTests {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        Postgres.register(registry, "catalog_search");
    }
}
