package io.teammusic.catalog;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every browse test again, on PostgreSQL. */
class PostgresCatalogBrowseTests extends CatalogBrowseTests {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        Postgres.register(registry, "catalog_browse");
    }
}
