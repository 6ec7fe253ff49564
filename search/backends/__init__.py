"""Wagtail search backends that pass indexed text and queries through ``search.analysis``.

``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends"}}`` picks the database
backend for the default database (SQLite FTS5 or PostgreSQL), like Wagtail's own
``wagtail.search.backends.database``; ``search.backends.elasticsearch`` and
``search.backends.opensearch`` do the same for a search cluster (see ``portal.settings``).

The analysis is added in two places only, identical for every backend:

- ``AnalyzedIndexMixin.add_items`` hands the backend's indexer each object wrapped so that its
  ``SearchField`` and ``AutocompleteField`` values come out segmented (``analyze_for_index``);
- ``AnalyzedQueryMixin._search`` rewrites the query string (or Wagtail's parsed query objects,
  as the API v2 ``?search=`` sends them) with ``analyze_query``.
"""

import copy

from django.db import connection
from django.db.models import TextField
from django.db.models.functions import Cast
from modelsearch.backends.database.postgres.postgres import PostgresIndex, PostgresSearchBackend
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteFTSIndexEntry,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.index import AutocompleteField, RelatedFields, SearchField
from modelsearch.query import And, Boost, Not, Or, Phrase, PlainText
from modelsearch.utils import get_descendants_content_types_pks

from search.analysis import analyze_for_index, analyze_query


def _analyzed_value(value):
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " ".join(_analyzed_value(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_analyzed_value(item) for item in value.values())
    return analyze_for_index(str(value))


def analyzed_field(field):
    """A copy of a search_fields entry whose text values come out analyzed.

    Backends read each field several times per object (title, body, autocomplete), so an
    ``AnalyzedObject`` remembers each field's analyzed value.
    """
    if isinstance(field, (SearchField, AutocompleteField)):
        clone, original = copy.copy(field), field.get_value

        def get_value(obj):
            if not isinstance(obj, AnalyzedObject):
                return _analyzed_value(original(obj))
            key = (type(field).__name__, field.field_name)
            if key not in obj.analyzed_values:
                obj.analyzed_values[key] = _analyzed_value(original(obj.wrapped))
            return obj.analyzed_values[key]

        clone.get_value = get_value
        return clone
    if isinstance(field, RelatedFields):
        clone, original = copy.copy(field), field.get_value
        clone.fields = [analyzed_field(sub_field) for sub_field in field.fields]
        clone.get_value = lambda obj: original(obj.wrapped if isinstance(obj, AnalyzedObject) else obj)
        return clone
    return field  # FilterField values stay exact


class AnalyzedObject:
    """An indexed object as the backend's indexer sees it: the same, but with analyzed search fields."""

    def __init__(self, wrapped):
        self.wrapped = wrapped
        self.analyzed_values = {}

    def __getattr__(self, name):
        return getattr(self.wrapped, name)

    def get_search_fields(self):
        return [analyzed_field(field) for field in self.wrapped.get_search_fields()]


class AnalyzedIndexMixin:
    def add_items(self, model, objs):
        return super().add_items(model, [AnalyzedObject(obj) for obj in objs])


def analyzed_query(query):
    """The query with every piece of text replaced by its analyzed words."""
    if isinstance(query, str):
        return analyze_query(query)
    if isinstance(query, PlainText):
        return PlainText(analyze_query(query.query_string), operator=query.operator, boost=query.boost)
    if isinstance(query, Phrase):
        # Indexed text carries sub-words between words, so a phrase is matched as all of its words.
        return PlainText(analyze_query(query.query_string), operator="and")
    if isinstance(query, (And, Or)):
        return type(query)([analyzed_query(subquery) for subquery in query.subqueries])
    if isinstance(query, Not):
        return Not(analyzed_query(query.subquery))
    if isinstance(query, Boost):
        return Boost(analyzed_query(query.subquery), query.boost)
    return query  # MatchAll


class AnalyzedQueryMixin:
    #: +1 when a larger relevance score is better, -1 when smaller is (SQLite's bm25).
    score_direction = 1

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        return super()._search(query_compiler_class, analyzed_query(query), model_or_queryset, **kwargs)


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

    def _do_count(self):
        entries = self._entries()
        return super()._do_count() if entries is None else entries.count()


def _pk(object_id):
    return int(object_id) if object_id.isdigit() else object_id


class ChineseSQLiteSearchBackend(AnalyzedQueryMixin, SQLiteSearchBackend):
    index_class = ChineseSQLiteIndex
    query_compiler_class = RankedSQLiteQueryCompiler
    autocomplete_query_compiler_class = RankedSQLiteAutocompleteQueryCompiler
    results_class = RankedSQLiteSearchResults
    score_direction = -1


class ChinesePostgresIndex(AnalyzedIndexMixin, PostgresIndex):
    pass


class ChinesePostgresSearchBackend(AnalyzedQueryMixin, PostgresSearchBackend):
    index_class = ChinesePostgresIndex

    def __init__(self, params):
        # The text arrives segmented; 'simple' lower-cases without stemming or stop words.
        params = {"SEARCH_CONFIG": "simple", **params}
        super().__init__(params)


def SearchBackend(params):
    """The analyzed database backend for the default database's vendor."""
    if connection.vendor == "postgresql":
        return ChinesePostgresSearchBackend(params)
    if connection.vendor == "sqlite":
        return ChineseSQLiteSearchBackend(params)
    raise NotImplementedError(
        f"站内搜索不支持 {connection.vendor} 数据库，请使用 SQLite、PostgreSQL 或 Elasticsearch/OpenSearch。"
    )
