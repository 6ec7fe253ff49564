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

(Elasticsearch/OpenSearch documents are built by a mapping instead; ``cluster.py`` applies the
same ``analyzed_field`` there.)
"""

import copy
from dataclasses import dataclass, replace

from django.db import connection
from modelsearch.index import AutocompleteField, RelatedFields, SearchField
from modelsearch.query import And, Boost, Not, Or, Phrase, PlainText

from search.analysis import analyze_for_index, analyze_query
from search.facets import facet_words


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
        return [*(analyzed_field(field) for field in self.wrapped.get_search_fields()), FACET_FIELD]


class FacetWordsField(AutocompleteField):
    """The object's kind and city as words (``search.facets``), left unanalysed.

    They go into the autocomplete column, which relevance does not weigh: matching them narrows a search without
    changing any result's score.
    """

    def __init__(self):
        super().__init__("search_facets")

    def get_value(self, obj):
        return facet_words(obj.wrapped)


FACET_FIELD = FacetWordsField()


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


def scored_pks(results):
    """(pk, score) of a sliced, score-annotated search, best first.

    The database backends answer from the index alone (``scored_pks`` on their results); for the others
    the objects are loaded and read.
    """
    if hasattr(results, "scored_pks"):
        return results.scored_pks()
    return [(obj.pk, getattr(obj, results._score_field)) for obj in results]


@dataclass(frozen=True)
class IndexQuery:
    """A search of the whole index at once, for the database backends' ``ranked_matches`` and ``count_by_kind``.

    ``terms`` are analysed words, all of them required (``operator="and"``) or any (``"or"``); each group in
    ``facets`` is a set of facet words (``search.facets``) of which the entry must carry one; ``kinds``, when
    given, the search kinds (``search.registry.KIND_LABELS``) the entry must be of. Each backend answers the
    kinds its cheapest way: SQLite with the kinds' facet words, PostgreSQL with the index's content type column.
    """

    terms: tuple
    operator: str = "and"
    facets: tuple = ()
    kinds: tuple = ()

    def narrowed(self, *words):
        return replace(self, facets=(*self.facets, tuple(words)))

    def of_kinds(self, *kinds):
        return replace(self, kinds=tuple(kinds))


class AnalyzedQueryMixin:
    #: +1 when a larger relevance score is better, -1 when smaller is (SQLite's bm25).
    score_direction = 1

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        return super()._search(query_compiler_class, analyzed_query(query), model_or_queryset, **kwargs)


def SearchBackend(params):
    """The analyzed database backend for the default database's vendor."""
    if connection.vendor == "postgresql":
        from .postgres import ChinesePostgresSearchBackend

        return ChinesePostgresSearchBackend(params)
    if connection.vendor == "sqlite":
        from .sqlite import ChineseSQLiteSearchBackend

        return ChineseSQLiteSearchBackend(params)
    raise NotImplementedError(
        f"站内搜索不支持 {connection.vendor} 数据库，请使用 SQLite、PostgreSQL 或 Elasticsearch/OpenSearch。"
    )
