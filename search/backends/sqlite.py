"""SQLite FTS5 with the project's analysis, ranked in one query."""

from django.db import connection
from django.db.models import TextField
from django.db.models.functions import Cast
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    IndexEntry,
    SQLiteAutocompleteQueryCompiler,
    SQLiteFTSIndexEntry,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.utils import get_descendants_content_types_pks

from ..facets import kind_word
from . import AnalyzedIndexMixin, AnalyzedQueryMixin


class ChineseSQLiteIndex(AnalyzedIndexMixin, SQLiteIndex):
    pass


class RankedSQLiteMixin:
    """Ranks in one FTS5 query instead of one correlated sub-query per matching row.

    modelsearch annotates each matching object with its bm25 score through a sub-query that
    repeats the MATCH for every row, which takes seconds once thousands of rows match.  Here the
    FTS table is queried once, restricted to the searched queryset, ordered by bm25 and sliced.
    """

    def matching_entries(self, config):
        """FTS rows of matching objects in the searched queryset; None for queries left to modelsearch."""
        query = normalize(self.query)
        if not self.order_by_relevance or type(query).__name__ in {"MatchAll", "Not", "AndNot"}:
            return None
        match = MatchExpression(self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config))
        object_ids = self.queryset.order_by().annotate(_object_id=Cast("pk", TextField())).values("_object_id")
        return SQLiteFTSIndexEntry.objects.filter(match).filter(
            index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model),
            index_entry__object_id__in=object_ids,
        )

    def ranked(self, entries, config):
        """(object id, bm25 score) pairs, best first."""
        return (
            entries.annotate(score=self._build_rank_expression(self.get_search_vectors(), config))
            .order_by("score", "-index_entry__object_id")
            .values_list("index_entry__object_id", "score")
        )


class RankedSQLiteQueryCompiler(RankedSQLiteMixin, SQLiteSearchQueryCompiler):
    pass


class RankedSQLiteAutocompleteQueryCompiler(RankedSQLiteMixin, SQLiteAutocompleteQueryCompiler):
    pass


class RankedSQLiteSearchResults(SQLiteSearchResults):
    def _entries(self):
        return self.query_compiler.matching_entries(self.query_compiler.get_config(self.backend))

    def _do_search(self):
        entries = self._entries()
        if entries is None:
            return super()._do_search()
        config = self.query_compiler.get_config(self.backend)
        scores = dict(self.query_compiler.ranked(entries, config)[self.start : self.stop])
        objects = self.query_compiler.queryset.in_bulk([_pk(object_id) for object_id in scores])
        results = []
        for object_id, score in scores.items():
            obj = objects.get(_pk(object_id))
            if obj is not None:
                if self._score_field:
                    setattr(obj, self._score_field, score)
                results.append(obj)
        return results

    def scored_pks(self):
        """(pk, bm25 score) of this slice, best first, without loading the objects."""
        entries = self._entries()
        if entries is None:
            return [(obj.pk, getattr(obj, self._score_field)) for obj in self]
        ranked = self.query_compiler.ranked(entries, self.query_compiler.get_config(self.backend))
        return [(_pk(object_id), score) for object_id, score in ranked[self.start : self.stop]]

    def _do_count(self):
        entries = self._entries()
        if entries is None:
            return super()._do_count()
        # COUNT(*) lets SQLite start from the index table and run the MATCH once per row; listing
        # the ranked ids keeps the FTS table in the lead (20 times faster with thousands of matches).
        ranked = self.query_compiler.ranked(entries, self.query_compiler.get_config(self.backend))
        return len(ranked.values_list("index_entry__object_id", flat=True))


def _pk(object_id):
    return int(object_id) if object_id.isdigit() else object_id


def fts_phrase(word):
    return '"' + word.replace('"', '""') + '"'


def fts_match(query):
    """The FTS5 MATCH expression of an IndexQuery: the terms anywhere, the facet words in the autocomplete column.

    A word only in the autocomplete column (a market's trades) finds the entry with a score of 0, after every
    entry that has it in its title or text (bm25 gives that column no weight).
    """
    joiner = " AND " if query.operator == "and" else " OR "
    parts = ["{title body autocomplete} : (" + joiner.join(fts_phrase(term) for term in query.terms) + ")"]
    groups = [*query.facets, tuple(kind_word(kind) for kind in query.kinds)] if query.kinds else query.facets
    parts += ["autocomplete : (" + " OR ".join(fts_phrase(word) for word in group) + ")" for group in groups]
    return " AND ".join(parts)


# bm25's column weights in the FTS table's column order (autocomplete, body, title): a word in the title counts
# ten times one in the body; a match in the autocomplete column (facet words, a market's trades) weighs nothing.
BM25 = f"bm25({SQLiteFTSIndexEntry._meta.db_table}, 0.0, 1.0, 10.0)"


class ChineseSQLiteSearchBackend(AnalyzedQueryMixin, SQLiteSearchBackend):
    index_class = ChineseSQLiteIndex
    query_compiler_class = RankedSQLiteQueryCompiler
    autocomplete_query_compiler_class = RankedSQLiteAutocompleteQueryCompiler
    results_class = RankedSQLiteSearchResults
    score_direction = -1

    def ranked_matches(self, query, limit):
        """[(content type id, object id, score)] of the best ``limit`` entries, best first (larger is better).

        bm25 is computed inside the FTS table alone, then only the best rows are joined to their entries: joining
        every match first costs three times as much when a query matches most of the index.
        """
        fts, entries = SQLiteFTSIndexEntry._meta.db_table, IndexEntry._meta.db_table
        # Only table names are formatted in; the MATCH expression and the limit are parameters.
        sql = (
            f"SELECT entry.content_type_id, entry.object_id, -best.score FROM ("  # noqa: S608
            f"SELECT rowid, {BM25} AS score FROM {fts} WHERE {fts} MATCH %s ORDER BY score, rowid LIMIT %s"
            f") AS best JOIN {entries} AS entry ON entry.id = best.rowid ORDER BY best.score, best.rowid"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [fts_match(query), limit])
            return cursor.fetchall()

    def count_by_kind(self, query, kinds):
        """{kind: number of entries matching} in one statement, a count of the index alone per kind."""
        fts = SQLiteFTSIndexEntry._meta.db_table
        sql = " UNION ALL ".join(
            f"SELECT {position}, count(*) FROM {fts} WHERE {fts} MATCH %s"  # noqa: S608 (the table's own name)
            for position in range(len(kinds))
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [fts_match(query.of_kinds(kind)) for kind in kinds])
            counts = dict(cursor.fetchall())
        return {kind: counts[position] for position, kind in enumerate(kinds)}
