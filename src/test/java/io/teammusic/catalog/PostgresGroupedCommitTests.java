package io.teammusic.catalog;

import io.teammusic.testing.OnPostgresql;

/** Every {@link GroupedCommitTests} again, on PostgreSQL (where a failed statement aborts a transaction). */
@OnPostgresql
class PostgresGroupedCommitTests extends GroupedCommitTests {
}
