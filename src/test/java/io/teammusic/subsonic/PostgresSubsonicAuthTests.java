package io.teammusic.subsonic;

import io.teammusic.testing.OnPostgresql;

/** Every {@link SubsonicAuthTests} again, on PostgreSQL. */
@OnPostgresql
class PostgresSubsonicAuthTests extends SubsonicAuthTests {
}
