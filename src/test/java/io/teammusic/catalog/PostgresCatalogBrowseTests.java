package io.teammusic.catalog;

import io.teammusic.testing.EmbeddedPostgresql;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every browse test again, on PostgreSQL. */
class PostgresCatalogBrowseTests extends CatalogBrowseTests {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgresql.register(registry, "catalog_browse");
    }
}
