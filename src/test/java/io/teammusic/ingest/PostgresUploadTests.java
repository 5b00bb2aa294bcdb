package io.teammusic.ingest;

import io.teammusic.testing.OnPostgresql;

/** Every {@link UploadTests} again, on PostgreSQL. */
@OnPostgresql
class PostgresUploadTests extends UploadTests {
}
