package io.teammusic.ingest;

import io.teammusic.testing.OnPostgresql;

/** Every {@link FormatAndTagTests} again, on PostgreSQL (where a 4-byte REAL once rounded replay gain values). */
@OnPostgresql
class PostgresFormatAndTagTests extends FormatAndTagTests {
}
