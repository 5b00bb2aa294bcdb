-- REAL is an 8-byte float in SQLite but a 4-byte one in PostgreSQL, where a replay gain peak of 0.988831 came
-- back as 0.9888309836387634. Double precision, as on SQLite.
ALTER TABLE tracks
    ALTER COLUMN rg_track_gain TYPE DOUBLE PRECISION,
    ALTER COLUMN rg_track_peak TYPE DOUBLE PRECISION,
    ALTER COLUMN rg_album_gain TYPE DOUBLE PRECISION,
    ALTER COLUMN rg_album_peak TYPE DOUBLE PRECISION;
