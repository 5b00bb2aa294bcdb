-- The PostgreSQL twin widens the replay gain columns to double precision; SQLite's REAL already is one, so
-- there is nothing to do here. The file keeps both databases at the same schema version.
SELECT 1;
