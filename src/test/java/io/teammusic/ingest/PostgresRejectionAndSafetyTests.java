package io.teammusic.ingest;

import io.teammusic.testing.OnPostgresql;

/** Every {@link RejectionAndSafetyTests} again, on PostgreSQL. */
@OnPostgresql
class PostgresRejectionAndSafetyTests extends RejectionAndSafetyTests {
}
