-- The PostgreSQL twin of the SQLite V6, same behaviour by its own means:
--
-- 1. Multi-word search. search_keys.words holds, for a track, its folded title, artists and album title, and for
--    an album its folded title and album artist, joined by chr(31) (no folded query holds it, so no match spans
--    two fields); pg_trgm GIN indexes answer an AND of one LIKE '%word%' per word. Triggers keep words right when
--    any name it is made of changes.
-- 2. Browse: one b-tree per documented sort whose columns are the ORDER BY's, the row id last; the app reads rows
--    with the leading value first, then those without it, so "missing last" needs no NULLS LAST.
-- 3. albums.cover_hash is the cover of the album's first track that has one (disc, track number, title), kept by
--    a trigger.

-- 1. Words --------------------------------------------------------------------------------------------------------

ALTER TABLE search_keys ADD COLUMN words TEXT;

CREATE FUNCTION search_words_of(p_kind TEXT, p_ref TEXT) RETURNS TEXT LANGUAGE sql STABLE AS $$
    SELECT CASE p_kind
        WHEN 't' THEN (SELECT t.title_norm || chr(31)
            || COALESCE((SELECT string_agg(a.name_norm, ' ' ORDER BY ta.position) FROM track_artists ta
                         JOIN artists a ON a.id = ta.artist_id WHERE ta.track_id = t.id), '')
            || chr(31) || COALESCE((SELECT al.title_norm FROM albums al WHERE al.id = t.album_id), '')
            FROM tracks t WHERE t.id = p_ref)
        WHEN 'l' THEN (SELECT al.title_norm || chr(31)
            || COALESCE((SELECT a.name_norm FROM artists a WHERE a.id = al.album_artist_id), '')
            FROM albums al WHERE al.id = p_ref)
    END
$$;

UPDATE search_keys SET words = search_words_of(kind, ref_id) WHERE kind IN ('t', 'l');

CREATE INDEX search_keys_track_words ON search_keys USING gin (words gin_trgm_ops) WHERE kind = 't';
CREATE INDEX search_keys_album_words ON search_keys USING gin (words gin_trgm_ops) WHERE kind = 'l';

CREATE FUNCTION search_words_refresh(p_refs TEXT[]) RETURNS void LANGUAGE sql AS $$
    UPDATE search_keys SET words = search_words_of(kind, ref_id)
    WHERE ref_id = ANY (p_refs) AND kind IN ('t', 'l');
$$;

-- A new or renamed key gets its words (V4's search_keys_put writes search_keys whenever a name changes).
CREATE FUNCTION search_keys_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.kind IN ('t', 'l') THEN
        UPDATE search_keys SET words = search_words_of(NEW.kind, NEW.ref_id) WHERE n = NEW.n;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER search_keys_words AFTER INSERT OR UPDATE OF norm ON search_keys
    FOR EACH ROW EXECUTE FUNCTION search_keys_words();

CREATE FUNCTION track_artists_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM search_words_refresh(ARRAY[OLD.track_id]);
    ELSE
        PERFORM search_words_refresh(ARRAY[NEW.track_id]);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER track_artists_words AFTER INSERT OR DELETE ON track_artists
    FOR EACH ROW EXECUTE FUNCTION track_artists_words();

CREATE FUNCTION tracks_words_album() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM search_words_refresh(ARRAY[NEW.id]);
    RETURN NULL;
END
$$;
CREATE TRIGGER tracks_words_album AFTER UPDATE OF album_id ON tracks
    FOR EACH ROW EXECUTE FUNCTION tracks_words_album();

CREATE FUNCTION albums_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM search_words_refresh(ARRAY(SELECT id FROM tracks WHERE album_id = NEW.id) || NEW.id);
    RETURN NULL;
END
$$;
CREATE TRIGGER albums_words AFTER UPDATE OF title_norm, album_artist_id ON albums
    FOR EACH ROW EXECUTE FUNCTION albums_words();

CREATE FUNCTION artists_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM search_words_refresh(ARRAY(SELECT track_id FROM track_artists WHERE artist_id = NEW.id)
        || ARRAY(SELECT id FROM albums WHERE album_artist_id = NEW.id));
    RETURN NULL;
END
$$;
CREATE TRIGGER artists_words AFTER UPDATE OF name_norm ON artists
    FOR EACH ROW EXECUTE FUNCTION artists_words();

-- 2. Browse indexes -----------------------------------------------------------------------------------------------

DROP INDEX tracks_title;
CREATE INDEX tracks_title ON tracks (title_norm, id);
DROP INDEX tracks_artist_sort;
CREATE INDEX tracks_artist_sort ON tracks (lower(artist_display), title_norm, id);
DROP INDEX tracks_year;
CREATE INDEX tracks_year ON tracks (year, title_norm, id);
DROP INDEX tracks_duration;
CREATE INDEX tracks_duration ON tracks (duration_ms, title_norm, id);
DROP INDEX tracks_created;
CREATE INDEX tracks_created ON tracks (created_at, id);
DROP INDEX tracks_album;
CREATE INDEX tracks_album ON tracks (album_id, COALESCE(disc_no, 1), COALESCE(track_no, 2147483647), title_norm, id);

DROP INDEX albums_title;
CREATE INDEX albums_title ON albums (title_norm, id);
DROP INDEX albums_created;
CREATE INDEX albums_created ON albums (created_at, id);
CREATE INDEX albums_year ON albums (year, title_norm, id);

DROP INDEX artists_sort_lower;
CREATE INDEX artists_sort_lower ON artists (lower(sort_name), name_norm);

-- 3. Album covers -------------------------------------------------------------------------------------------------

CREATE FUNCTION album_cover_of(p_album TEXT) RETURNS TEXT LANGUAGE sql STABLE AS $$
    SELECT c.cover_hash FROM tracks c WHERE c.album_id = p_album AND c.cover_hash IS NOT NULL
    ORDER BY COALESCE(c.disc_no, 1), COALESCE(c.track_no, 2147483647), c.title_norm, c.id LIMIT 1
$$;

UPDATE albums SET cover_hash = album_cover_of(id) WHERE EXISTS (SELECT 1 FROM tracks t WHERE t.album_id = albums.id);

CREATE FUNCTION tracks_album_cover() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.album_id IS NOT NULL THEN
        UPDATE albums SET cover_hash = album_cover_of(id) WHERE id = OLD.album_id;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.album_id IS NOT NULL
            AND (TG_OP = 'INSERT' OR NEW.album_id IS DISTINCT FROM OLD.album_id) THEN
        UPDATE albums SET cover_hash = album_cover_of(id) WHERE id = NEW.album_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER tracks_album_cover AFTER INSERT OR DELETE OR UPDATE OF album_id, cover_hash, disc_no, track_no,
    title_norm ON tracks FOR EACH ROW EXECUTE FUNCTION tracks_album_cover();
