package io.teammusic.subsonic;

import io.teammusic.testing.EmbeddedPostgresql;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every {@link SubsonicBrowsingTests} again, on PostgreSQL. */
class PostgresSubsonicBrowsingTests extends SubsonicBrowsingTests {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgresql.register(registry, "subsonicbrowsingtests");
    }
}
