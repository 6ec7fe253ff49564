"""PostgreSQL: a posting list beside the search index — each entry's words with their weight, kept by triggers.

Counting and ranking a word that most entries contain (零工市场) from the index entries means unpacking every
matching entry's tsvectors: 110 ms for 26,000 matches of 50,000 (bench/search_index.py). A row per (entry, word)
holding the word's rank in that entry (``ts_rank`` of the title weighed by ``title_norm``, plus the body's, the
ranking modelsearch uses; 0 for a word only in the autocomplete column: facet words, a market's trades) answers
both from one index range per word without visiting the entries (``search.backends.postgres``).

Triggers keep it in step with every write to ``wagtailsearch_indexentry``, whoever makes it — as Wagtail's own
migration keeps SQLite's FTS table — including the TRUNCATE of a test database's flush. Existing entries are
copied in. Other databases: nothing to do.
"""

from django.db import migrations

ENTRIES = "wagtailsearch_indexentry"
POSTINGS = "search_indexposting"

CREATE = f"""
CREATE TABLE {POSTINGS} (
    entry_id integer NOT NULL,
    term text NOT NULL,
    content_type_id integer NOT NULL,
    weight real NOT NULL
);
CREATE INDEX {POSTINGS}_term ON {POSTINGS} (term, entry_id) INCLUDE (content_type_id, weight);
CREATE INDEX {POSTINGS}_entry ON {POSTINGS} (entry_id);

CREATE FUNCTION {POSTINGS}_words(title tsvector, body tsvector, autocomplete tsvector, title_norm float8)
RETURNS TABLE (term text, weight real) LANGUAGE sql IMMUTABLE AS $$
    SELECT lexeme, (ts_rank(title, query) * title_norm + ts_rank(body, query))::real
    FROM unnest(tsvector_to_array(title || body || autocomplete)) AS lexeme,
         LATERAL (SELECT quote_literal(lexeme)::tsquery AS query) AS word
$$;

CREATE FUNCTION {POSTINGS}_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM {POSTINGS} WHERE entry_id = OLD.id;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO {POSTINGS} (entry_id, term, content_type_id, weight)
        SELECT NEW.id, word.term, NEW.content_type_id, word.weight
        FROM {POSTINGS}_words(NEW.title, NEW.body, NEW.autocomplete, NEW.title_norm) AS word;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION {POSTINGS}_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE {POSTINGS};
    RETURN NULL;
END $$;

CREATE TRIGGER {POSTINGS}_write
    AFTER INSERT OR DELETE OR UPDATE OF title, body, autocomplete, title_norm, content_type_id ON {ENTRIES}
    FOR EACH ROW EXECUTE FUNCTION {POSTINGS}_write();
CREATE TRIGGER {POSTINGS}_truncate AFTER TRUNCATE ON {ENTRIES}
    FOR EACH STATEMENT EXECUTE FUNCTION {POSTINGS}_truncate();

INSERT INTO {POSTINGS} (entry_id, term, content_type_id, weight)
SELECT entry.id, word.term, entry.content_type_id, word.weight
FROM {ENTRIES} AS entry,
     LATERAL {POSTINGS}_words(entry.title, entry.body, entry.autocomplete, entry.title_norm) AS word;
"""

DROP = f"""
DROP TRIGGER IF EXISTS {POSTINGS}_truncate ON {ENTRIES};
DROP TRIGGER IF EXISTS {POSTINGS}_write ON {ENTRIES};
DROP FUNCTION IF EXISTS {POSTINGS}_truncate();
DROP FUNCTION IF EXISTS {POSTINGS}_write();
DROP FUNCTION IF EXISTS {POSTINGS}_words(tsvector, tsvector, tsvector, float8);
DROP TABLE IF EXISTS {POSTINGS};
"""


def create_postings(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_postings(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_index_rows_keep_their_text_out_of_line"),
    ]

    operations = [migrations.RunPython(create_postings, drop_postings)]
