-- Search over the folded names that the application writes with shared.Text.fold (tracks.title_norm,
-- albums.title_norm, artists.name_norm), kept in sync by the triggers below, so writers need do nothing.
--
-- * search_keys: one row per indexed name with its kind ('t' track, 'l' album, 'a' artist), id and folded name,
--   and a stable integer key n (FTS5 keys rows by integer; the implicit rowid of a table with a TEXT primary key
--   may change on VACUUM). Its (kind, norm) index answers exact and prefix matches without touching the big
--   tables, and every candidate is ranked from this row alone.
-- * One FTS5 table per kind with the trigram tokenizer: substring matches of 3 or more characters, in any script,
--   spaces included (a leading space in the query finds a word start inside a name). The text is folded already,
--   so the tokenizer must not fold again (case_sensitive 1): both sides then agree on "the same" exactly.
-- * search_grams: every 1- and 2-character window of names whose characters are U+0E00 or above (Thai, kana,
--   CJK, Hangul), for the 1-2 character queries that trigrams cannot answer and that are common in Japanese.

CREATE TABLE search_keys (
    n       INTEGER PRIMARY KEY,
    kind    TEXT NOT NULL,
    ref_id  TEXT NOT NULL UNIQUE,
    norm    TEXT NOT NULL
);
CREATE INDEX search_keys_norm ON search_keys (kind, norm, ref_id);

CREATE VIRTUAL TABLE track_search USING fts5(text, content='', contentless_delete=1,
    tokenize='trigram case_sensitive 1');
CREATE VIRTUAL TABLE album_search USING fts5(text, content='', contentless_delete=1,
    tokenize='trigram case_sensitive 1');
CREATE VIRTUAL TABLE artist_search USING fts5(text, content='', contentless_delete=1,
    tokenize='trigram case_sensitive 1');

CREATE TABLE search_grams (
    kind  TEXT    NOT NULL,
    gram  TEXT    NOT NULL,
    n     INTEGER NOT NULL,
    PRIMARY KEY (kind, gram, n)
) WITHOUT ROWID;
CREATE INDEX search_grams_n ON search_grams (n);

-- 1..512: the character positions a trigger walks (CTEs are not allowed inside triggers).
CREATE TABLE search_positions (i INTEGER PRIMARY KEY);
WITH RECURSIVE p(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM p WHERE i < 512)
INSERT INTO search_positions (i) SELECT i FROM p;

-- Browse sorts that would otherwise sort the whole table, and album counts and covers read from an index alone.
CREATE INDEX tracks_artist_sort ON tracks (lower(artist_display));
CREATE INDEX tracks_year ON tracks (year);
CREATE INDEX tracks_duration ON tracks (duration_ms);
CREATE INDEX tracks_album_totals ON tracks (album_id, cover_hash, duration_ms);
CREATE INDEX artists_sort_lower ON artists (lower(sort_name));

-- tracks
INSERT INTO search_keys (kind, ref_id, norm) SELECT 't', id, title_norm FROM tracks;
INSERT INTO track_search (rowid, text) SELECT n, norm FROM search_keys WHERE kind = 't';
INSERT OR IGNORE INTO search_grams (kind, gram, n)
    SELECT 't', substr(k.norm, p.i, 2), k.n FROM search_keys k JOIN search_positions p ON p.i <= length(k.norm)
    WHERE k.kind = 't' AND unicode(substr(k.norm, p.i, 1)) >= 3584;

CREATE TRIGGER tracks_search_insert AFTER INSERT ON tracks BEGIN
    INSERT INTO search_keys (kind, ref_id, norm) VALUES ('t', new.id, new.title_norm);
    INSERT INTO track_search (rowid, text) SELECT n, norm FROM search_keys WHERE ref_id = new.id;
    INSERT OR IGNORE INTO search_grams (kind, gram, n)
        SELECT 't', substr(k.norm, p.i, 2), k.n FROM search_keys k
        JOIN search_positions p ON p.i <= length(k.norm)
        WHERE k.ref_id = new.id AND unicode(substr(k.norm, p.i, 1)) >= 3584;
END;

CREATE TRIGGER tracks_search_update AFTER UPDATE OF title_norm ON tracks BEGIN
    DELETE FROM track_search WHERE rowid = (SELECT n FROM search_keys WHERE ref_id = old.id);
    DELETE FROM search_grams WHERE n = (SELECT n FROM search_keys WHERE ref_id = old.id);
    UPDATE search_keys SET norm = new.title_norm WHERE ref_id = old.id;
    INSERT INTO track_search (rowid, text) SELECT n, norm FROM search_keys WHERE ref_id = new.id;
    INSERT OR IGNORE INTO search_grams (kind, gram, n)
        SELECT 't', substr(k.norm, p.i, 2), k.n FROM search_keys k
        JOIN search_positions p ON p.i <= length(k.norm)
        WHERE k.ref_id = new.id AND unicode(substr(k.norm, p.i, 1)) >= 3584;
END;

CREATE TRIGGER tracks_search_delete AFTER DELETE ON tracks BEGIN
    DELETE FROM track_search WHERE rowid = (SELECT n FROM search_keys WHERE ref_id = old.id);
    DELETE FROM search_grams WHERE n = (SELECT n FROM search_keys WHERE ref_id = old.id);
    DELETE FROM search_keys WHERE ref_id = old.id;
END;

-- albums
INSERT INTO search_keys (kind, ref_id, norm) SELECT 'l', id, title_norm FROM albums;
INSERT INTO album_search (rowid, text) SELECT n, norm FROM search_keys WHERE kind = 'l';
INSERT OR IGNORE INTO search_grams (kind, gram, n)
    SELECT 'l', substr(k.norm, p.i, 2), k.n FROM search_keys k JOIN search_positions p ON p.i <= length(k.norm)
    WHERE k.kind = 'l' AND unicode(substr(k.norm, p.i, 1)) >= 3584;

CREATE TRIGGER albums_search_insert AFTER INSERT ON albums BEGIN
    INSERT INTO search_keys (kind, ref_id, norm) VALUES ('l', new.id, new.title_norm);
    INSERT INTO album_search (rowid, text) SELECT n, norm FROM search_keys WHERE ref_id = new.id;
    INSERT OR IGNORE INTO search_grams (kind, gram, n)
        SELECT 'l', substr(k.norm, p.i, 2), k.n FROM search_keys k
        JOIN search_positions p ON p.i <= length(k.norm)
        WHERE k.ref_id = new.id AND unicode(substr(k.norm, p.i, 1)) >= 3584;
END;

CREATE TRIGGER albums_search_update AFTER UPDATE OF title_norm ON albums BEGIN
    DELETE FROM album_search WHERE rowid = (SELECT n FROM search_keys WHERE ref_id = old.id);
    DELETE FROM search_grams WHERE n = (SELECT n FROM search_keys WHERE ref_id = old.id);
    UPDATE search_keys SET norm = new.title_norm WHERE ref_id = old.id;
    INSERT INTO album_search (rowid, text) SELECT n, norm FROM search_keys WHERE ref_id = new.id;
    INSERT OR IGNORE INTO search_grams (kind, gram, n)
        SELECT 'l', substr(k.norm, p.i, 2), k.n FROM search_keys k
        JOIN search_positions p ON p.i <= length(k.norm)
        WHERE k.ref_id = new.id AND unicode(substr(k.norm, p.i, 1)) >= 3584;
END;

CREATE TRIGGER albums_search_delete AFTER DELETE ON albums BEGIN
    DELETE FROM album_search WHERE rowid = (SELECT n FROM search_keys WHERE ref_id = old.id);
    DELETE FROM search_grams WHERE n = (SELECT n FROM search_keys WHERE ref_id = old.id);
    DELETE FROM search_keys WHERE ref_id = old.id;
END;

-- artists
INSERT INTO search_keys (kind, ref_id, norm) SELECT 'a', id, name_norm FROM artists;
INSERT INTO artist_search (rowid, text) SELECT n, norm FROM search_keys WHERE kind = 'a';
INSERT OR IGNORE INTO search_grams (kind, gram, n)
    SELECT 'a', substr(k.norm, p.i, 2), k.n FROM search_keys k JOIN search_positions p ON p.i <= length(k.norm)
    WHERE k.kind = 'a' AND unicode(substr(k.norm, p.i, 1)) >= 3584;

CREATE TRIGGER artists_search_insert AFTER INSERT ON artists BEGIN
    INSERT INTO search_keys (kind, ref_id, norm) VALUES ('a', new.id, new.name_norm);
    INSERT INTO artist_search (rowid, text) SELECT n, norm FROM search_keys WHERE ref_id = new.id;
    INSERT OR IGNORE INTO search_grams (kind, gram, n)
        SELECT 'a', substr(k.norm, p.i, 2), k.n FROM search_keys k
        JOIN search_positions p ON p.i <= length(k.norm)
        WHERE k.ref_id = new.id AND unicode(substr(k.norm, p.i, 1)) >= 3584;
END;

CREATE TRIGGER artists_search_update AFTER UPDATE OF name_norm ON artists BEGIN
    DELETE FROM artist_search WHERE rowid = (SELECT n FROM search_keys WHERE ref_id = old.id);
    DELETE FROM search_grams WHERE n = (SELECT n FROM search_keys WHERE ref_id = old.id);
    UPDATE search_keys SET norm = new.name_norm WHERE ref_id = old.id;
    INSERT INTO artist_search (rowid, text) SELECT n, norm FROM search_keys WHERE ref_id = new.id;
    INSERT OR IGNORE INTO search_grams (kind, gram, n)
        SELECT 'a', substr(k.norm, p.i, 2), k.n FROM search_keys k
        JOIN search_positions p ON p.i <= length(k.norm)
        WHERE k.ref_id = new.id AND unicode(substr(k.norm, p.i, 1)) >= 3584;
END;

CREATE TRIGGER artists_search_delete AFTER DELETE ON artists BEGIN
    DELETE FROM artist_search WHERE rowid = (SELECT n FROM search_keys WHERE ref_id = old.id);
    DELETE FROM search_grams WHERE n = (SELECT n FROM search_keys WHERE ref_id = old.id);
    DELETE FROM search_keys WHERE ref_id = old.id;
END;
