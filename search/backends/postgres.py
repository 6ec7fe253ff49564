"""PostgreSQL text search with the project's analysis."""

from functools import lru_cache

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchResults,
)

from ..facets import content_type_ids, entry_for_model
from . import AnalyzedIndexMixin, AnalyzedQueryMixin

POSTINGS = "search_indexposting"  # each index entry's words and their weights: search/migrations/0003


def narrowing(query):
    """The joins and the `` AND …`` of a posting query (its table ``p0``) for the query's facet groups and kinds.

    An entry carries one word of each group (one city), so joining the group's words' rows on the entry adds no
    duplicate: a join, which the planner merges along the index, rather than a semi-join it must first hash.
    """
    joins, where, join_params, where_params = "", "", [], []
    for number, group in enumerate(query.facets):
        joins += f" JOIN {POSTINGS} AS f{number} ON f{number}.entry_id = p0.entry_id AND f{number}.term = ANY(%s)"
        join_params.append(list(group))
    if query.kinds:
        where += " AND p0.content_type_id = ANY(%s)"
        where_params.append(content_type_ids(query.kinds))
    return joins, where, join_params, where_params


@lru_cache(maxsize=1024)
def lexemes_of(config, terms):
    """Each analysed query word's lexemes under a text search configuration, in the order of ``terms``.

    Fixed for a configuration, so a search's count and ranking (and its next visitors) ask the database once.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT tsvector_to_array(to_tsvector('{config}', term)) FROM unnest(%s::text[]) "  # noqa: S608
            "WITH ORDINALITY AS word(term, position) ORDER BY position",
            [list(terms)],
        )
        return tuple(tuple(row[0]) for row in cursor.fetchall())


class ChinesePostgresIndex(AnalyzedIndexMixin, PostgresIndex):
    pass


class ChinesePostgresSearchResults(PostgresSearchResults):
    def scored_pks(self):
        """(pk, rank) of this slice, best first, without loading the objects."""
        return list(self.get_queryset().values_list("pk", self._score_field))


class ChinesePostgresSearchBackend(AnalyzedQueryMixin, PostgresSearchBackend):
    index_class = ChinesePostgresIndex
    results_class = ChinesePostgresSearchResults

    def __init__(self, params):
        # The text arrives segmented; 'simple' lower-cases without stemming or stop words.
        params = {"SEARCH_CONFIG": "simple", **params}
        super().__init__(params)

    def ranked_matches(self, query, limit):
        """[(content type id, object id, score)] of the best ``limit`` entries, best first, in one query.

        Scored from the posting list: each query word's rank in the entry (the title's weighed by its length norm,
        plus the body's, as modelsearch ranks a single model), summed.
        """
        matching, params = self._matching(query)
        if matching is None:
            return []
        # Only table names and fixed fragments are formatted in; every word is a parameter.
        sql = (
            f"SELECT entry.content_type_id, entry.object_id, best.score FROM ({matching} "  # noqa: S608
            f"ORDER BY score DESC, entry_id LIMIT %s) AS best JOIN {IndexEntry._meta.db_table} AS entry "
            "ON entry.id = best.entry_id ORDER BY best.score DESC, best.entry_id"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit])
            return cursor.fetchall()

    def count_by_kind(self, query, kinds):
        """{kind: number of entries matching}, counted in one pass over the matches by content type."""
        matching, params = self._matching(query)
        counts = dict.fromkeys(kinds, 0)
        if matching is None:
            return counts
        with connection.cursor() as cursor:
            sql = f"SELECT content_type_id, count(*) FROM ({matching}) AS match GROUP BY content_type_id"  # noqa: S608
            cursor.execute(sql, params)
            by_content_type = cursor.fetchall()
        for content_type_id, count in by_content_type:
            entry = entry_for_model(ContentType.objects.get_for_id(content_type_id).model_class())
            if entry is not None and entry.kind in counts:
                counts[entry.kind] += count
        return counts

    def _matching(self, query):
        """SELECT entry_id, content_type_id, score of the entries matching an IndexQuery; None when none can.

        From the posting list (``search/migrations/0003``), never visiting the entries' rows. A query word matches
        an entry that has each of its lexemes (as ``plainto_tsquery`` would), in any column; facet words and kinds
        narrow the same way.
        """
        lexemes = lexemes_of(self.config, tuple(query.terms))
        if query.operator == "and" or len(lexemes) == 1:
            if not all(lexemes):
                return None, []  # a word without lexemes (only punctuation) matches nothing, as plainto_tsquery
            return self._matching_all(sorted({word for words in lexemes for word in words}), query)
        lexemes = [words for words in lexemes if words]
        return self._matching_any(lexemes, query) if lexemes else (None, [])

    def _matching_all(self, words, query):
        """Entries with every one of ``words``: each word's range of the index joined on the entry (merge joins)."""
        joins = "".join(
            f" JOIN {POSTINGS} AS p{number} ON p{number}.entry_id = p0.entry_id AND p{number}.term = %s"
            for number in range(1, len(words))
        )
        score = " + ".join(f"p{number}.weight" for number in range(len(words)))
        facet_joins, narrower, facet_params, narrower_params = narrowing(query)
        params = [*words[1:], *facet_params, words[0], *narrower_params]
        sql = (
            f"SELECT p0.entry_id, p0.content_type_id, {score} AS score "  # noqa: S608
            f"FROM {POSTINGS} AS p0{joins}{facet_joins} WHERE p0.term = %s{narrower}"
        )
        return sql, params

    def _matching_any(self, lexemes, query):
        """Entries with all the lexemes of at least one query word (a partial search): the words' ranges grouped."""
        looked_up = sorted({word for words in lexemes for word in words})
        facet_joins, narrower, facet_params, narrower_params = narrowing(query)
        params = [*facet_params, looked_up, *narrower_params]
        having = " OR ".join("count(*) FILTER (WHERE p0.term = ANY(%s)) = %s" for _ in lexemes)
        params += [value for words in lexemes for value in (list(words), len(words))]
        sql = (
            f"SELECT p0.entry_id, p0.content_type_id, sum(p0.weight) AS score "  # noqa: S608
            f"FROM {POSTINGS} AS p0{facet_joins} WHERE p0.term = ANY(%s){narrower} "
            f"GROUP BY p0.entry_id, p0.content_type_id HAVING {having}"
        )
        return sql, params
