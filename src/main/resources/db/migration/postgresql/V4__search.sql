-- Search over the folded names that the application writes with shared.Text.fold (tracks.title_norm,
-- albums.title_norm, artists.name_norm): the PostgreSQL twin of the SQLite V4, same behaviour by its own means.
--
-- * pg_trgm GIN indexes answer LIKE '%q%' (substring, 3+ characters) and LIKE '% q%' (a word start inside a name).
--   pg_trgm only makes trigrams of what the database's ctype calls alphanumeric: the database must use a UTF-8
--   locale (C.UTF-8, en_US.UTF-8...), not plain C, or Thai and Japanese names get no trigrams.
-- * search_keys: one row per indexed name with its kind ('t' track, 'l' album, 'a' artist), id and folded name;
--   names and grams are "C"-collated, so the (kind, norm) index answers exact and prefix matches by code point, whatever the database's
--   collation, and every candidate is ranked from this row alone.
-- * search_grams: every 1- and 2-character window of names whose characters are U+0E00 or above (Thai, kana,
--   CJK, Hangul), for the 1-2 character queries trigrams cannot answer; kept by a trigger, as on SQLite.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX tracks_title_trgm ON tracks USING gin (title_norm gin_trgm_ops);
CREATE INDEX albums_title_trgm ON albums USING gin (title_norm gin_trgm_ops);
CREATE INDEX artists_name_trgm ON artists USING gin (name_norm gin_trgm_ops);

-- Browse sorts that would otherwise sort the whole table, and album counts and covers read from an index alone.
CREATE INDEX tracks_artist_sort ON tracks (lower(artist_display));
CREATE INDEX tracks_year ON tracks (year);
CREATE INDEX tracks_duration ON tracks (duration_ms);
CREATE INDEX tracks_album_totals ON tracks (album_id, cover_hash, duration_ms);
CREATE INDEX artists_sort_lower ON artists (lower(sort_name));

CREATE TABLE search_keys (
    n       BIGSERIAL PRIMARY KEY,
    kind    TEXT NOT NULL,
    ref_id  TEXT NOT NULL UNIQUE,
    norm    TEXT COLLATE "C" NOT NULL
);
CREATE INDEX search_keys_norm ON search_keys (kind, norm, ref_id);

CREATE TABLE search_grams (
    kind  TEXT   NOT NULL,
    gram  TEXT   COLLATE "C" NOT NULL,
    n     BIGINT NOT NULL,
    PRIMARY KEY (kind, gram, n)
);
CREATE INDEX search_grams_n ON search_grams (n);

CREATE FUNCTION search_keys_put(p_kind TEXT, p_ref TEXT, p_name TEXT) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    k BIGINT;
BEGIN
    INSERT INTO search_keys (kind, ref_id, norm) VALUES (p_kind, p_ref, p_name)
        ON CONFLICT (ref_id) DO UPDATE SET norm = EXCLUDED.norm;
    SELECT n INTO k FROM search_keys WHERE ref_id = p_ref;
    DELETE FROM search_grams WHERE n = k;
    INSERT INTO search_grams (kind, gram, n)
        SELECT DISTINCT p_kind, substr(p_name, i, 2), k
        FROM generate_series(1, least(char_length(p_name), 512)) AS i
        WHERE ascii(substr(p_name, i, 1)) >= 3584
    ON CONFLICT DO NOTHING;
END
$$;

-- TG_ARGV: the kind letter and the folded column of the table the trigger sits on.
CREATE FUNCTION search_keys_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM search_grams WHERE n = (SELECT n FROM search_keys WHERE ref_id = OLD.id);
        DELETE FROM search_keys WHERE ref_id = OLD.id;
        RETURN OLD;
    END IF;
    PERFORM search_keys_put(TG_ARGV[0], NEW.id, to_jsonb(NEW) ->> TG_ARGV[1]);
    RETURN NEW;
END
$$;

CREATE TRIGGER tracks_search AFTER INSERT OR DELETE OR UPDATE OF title_norm ON tracks
    FOR EACH ROW EXECUTE FUNCTION search_keys_sync('t', 'title_norm');
CREATE TRIGGER albums_search AFTER INSERT OR DELETE OR UPDATE OF title_norm ON albums
    FOR EACH ROW EXECUTE FUNCTION search_keys_sync('l', 'title_norm');
CREATE TRIGGER artists_search AFTER INSERT OR DELETE OR UPDATE OF name_norm ON artists
    FOR EACH ROW EXECUTE FUNCTION search_keys_sync('a', 'name_norm');

SELECT search_keys_put('t', id, title_norm) FROM tracks;
SELECT search_keys_put('l', id, title_norm) FROM albums;
SELECT search_keys_put('a', id, name_norm) FROM artists;
