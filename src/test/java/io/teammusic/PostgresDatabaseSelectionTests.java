package io.teammusic;

import io.teammusic.testing.OnPostgresql;

/** Every {@link DatabaseSelectionTests} again, on PostgreSQL. */
@OnPostgresql
class PostgresDatabaseSelectionTests extends DatabaseSelectionTests {
}
