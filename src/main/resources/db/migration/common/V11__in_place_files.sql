-- Files that `import --in-place DIR` took in where they lie (local storage only): the server reads them and never
-- writes, moves or deletes them. A track whose storage_key is one of these keys reads its bytes from path.
-- size_bytes, mtime_ns and file_key (device and inode) are the file as it was read: a file that no longer matches
-- is not served, and a re-run reads it again; a file that still matches is not read again.
CREATE TABLE local_files (
    path          TEXT PRIMARY KEY,
    size_bytes    BIGINT  NOT NULL,
    mtime_ns      BIGINT  NOT NULL,
    file_key      TEXT,
    -- 'track' (storage_key is the key of the track reading this file), 'duplicate' (its bytes are a track stored
    -- elsewhere), 'rejected' (not audio or undecodable, detail says why), 'removed' (its track was deleted by a
    -- user: not taken in again while the file is unchanged)
    state         TEXT    NOT NULL,
    content_hash  TEXT,
    storage_key   TEXT UNIQUE,
    detail        TEXT,
    updated_at    BIGINT  NOT NULL
);
CREATE INDEX local_files_hash ON local_files (content_hash);
-- In-place rows are matched to their track by storage key (the start-up sweep, a delete).
CREATE INDEX tracks_storage_key ON tracks (storage_key);
