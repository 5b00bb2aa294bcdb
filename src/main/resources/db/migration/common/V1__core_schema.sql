-- Portable between SQLite and PostgreSQL: ids are application-generated TEXT, times are epoch
-- milliseconds in BIGINT, flags are INTEGER 0/1 (PostgreSQL will not bind a JDBC boolean to them
-- otherwise, and SQLite has no boolean type at all).

CREATE TABLE users (
    id             TEXT PRIMARY KEY,
    username       TEXT    NOT NULL,
    username_norm  TEXT    NOT NULL UNIQUE,
    password_hash  TEXT,
    role           TEXT    NOT NULL,
    enabled        INTEGER NOT NULL DEFAULT 1,
    created_at     BIGINT  NOT NULL,
    updated_at     BIGINT  NOT NULL
);

CREATE TABLE refresh_tokens (
    id          TEXT PRIMARY KEY,
    user_id     TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    family_id   TEXT   NOT NULL,
    token_hash  TEXT   NOT NULL UNIQUE,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT,
    revoked_at  BIGINT
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);

CREATE TABLE artists (
    id          TEXT PRIMARY KEY,
    name        TEXT   NOT NULL,
    name_norm   TEXT   NOT NULL UNIQUE,
    sort_name   TEXT   NOT NULL,
    mbid        TEXT,
    created_at  BIGINT NOT NULL
);
CREATE INDEX artists_sort ON artists (sort_name);

CREATE TABLE albums (
    id               TEXT PRIMARY KEY,
    title            TEXT    NOT NULL,
    title_norm       TEXT    NOT NULL,
    album_artist_id  TEXT    NOT NULL REFERENCES artists (id),
    year             INTEGER,
    compilation      INTEGER NOT NULL DEFAULT 0,
    mbid             TEXT,
    cover_hash       TEXT,
    created_at       BIGINT  NOT NULL,
    UNIQUE (album_artist_id, title_norm)
);
CREATE INDEX albums_title ON albums (title_norm);
CREATE INDEX albums_created ON albums (created_at);

CREATE TABLE genres (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    name_norm  TEXT NOT NULL UNIQUE
);

CREATE TABLE tracks (
    id                  TEXT PRIMARY KEY,
    content_hash        TEXT    NOT NULL UNIQUE,
    storage_key         TEXT    NOT NULL,
    size_bytes          BIGINT  NOT NULL,
    mime_type           TEXT    NOT NULL,
    container           TEXT    NOT NULL,
    codec               TEXT,
    original_filename   TEXT    NOT NULL,
    title               TEXT    NOT NULL,
    title_norm          TEXT    NOT NULL,
    artist_display      TEXT,
    album_id            TEXT REFERENCES albums (id),
    track_no            INTEGER,
    track_total         INTEGER,
    disc_no             INTEGER,
    disc_total          INTEGER,
    year                INTEGER,
    composer            TEXT,
    mb_track_id         TEXT,
    mb_recording_id     TEXT,
    mb_release_id       TEXT,
    mb_artist_id        TEXT,
    mb_album_artist_id  TEXT,
    rg_track_gain       REAL,
    rg_track_peak       REAL,
    rg_album_gain       REAL,
    rg_album_peak       REAL,
    duration_ms         BIGINT,
    bitrate_kbps        INTEGER,
    sample_rate         INTEGER,
    channels            INTEGER,
    bits_per_sample     INTEGER,
    cover_hash          TEXT,
    created_at          BIGINT  NOT NULL,
    updated_at          BIGINT  NOT NULL
);
CREATE INDEX tracks_album ON tracks (album_id, disc_no, track_no);
CREATE INDEX tracks_title ON tracks (title_norm);
CREATE INDEX tracks_created ON tracks (created_at);
CREATE INDEX tracks_cover ON tracks (cover_hash);

CREATE TABLE track_artists (
    track_id   TEXT    NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
    artist_id  TEXT    NOT NULL REFERENCES artists (id),
    position   INTEGER NOT NULL,
    PRIMARY KEY (track_id, artist_id)
);
CREATE INDEX track_artists_artist ON track_artists (artist_id);

CREATE TABLE track_genres (
    track_id  TEXT    NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
    genre_id  TEXT    NOT NULL REFERENCES genres (id),
    position  INTEGER NOT NULL,
    PRIMARY KEY (track_id, genre_id)
);
CREATE INDEX track_genres_genre ON track_genres (genre_id);

-- Embedded cover images, content-addressed like audio. A cover blob goes when no track or album names it.
CREATE TABLE covers (
    hash        TEXT PRIMARY KEY,
    mime_type   TEXT    NOT NULL,
    size_bytes  BIGINT  NOT NULL,
    width       INTEGER,
    height      INTEGER,
    created_at  BIGINT  NOT NULL
);
