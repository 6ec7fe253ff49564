"""PostgreSQL text search with the project's analysis."""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchResults,
)

from ..facets import entry_for_model
from . import AnalyzedIndexMixin, AnalyzedQueryMixin


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

        Ranked as modelsearch ranks a single model: the title's rank weighed by its length norm, plus the body's.
        """
        matching, params = self._matching(query)
        rank = "ts_rank(title, query.q) * title_norm + ts_rank(body, query.q)"
        # Only table names and fixed fragments are formatted in; every word is a parameter.
        sql = f"SELECT content_type_id, object_id, {rank} AS score FROM {matching} ORDER BY score DESC, id LIMIT %s"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit])
            return cursor.fetchall()

    def count_by_kind(self, query, kinds):
        """{kind: number of entries matching}, counted in one pass over the matches by content type."""
        # Every kind wanted: no facet words (each kind's content types are told apart below); with them PostgreSQL
        # would AND the matches with a bitmap of the whole index.
        matching, params = self._matching(query)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT content_type_id, count(*) FROM {matching} GROUP BY content_type_id", params)  # noqa: S608
            by_content_type = cursor.fetchall()
        counts = dict.fromkeys(kinds, 0)
        for content_type_id, count in by_content_type:
            entry = entry_for_model(ContentType.objects.get_for_id(content_type_id).model_class())
            if entry is not None and entry.kind in counts:
                counts[entry.kind] += count
        return counts

    def _matching(self, query):
        """FROM … WHERE … of the entries matching an IndexQuery, with ``query.q`` its tsquery (for ranking).

        Each word is looked up in the title's, the body's and the autocomplete column's own GIN index (modelsearch's
        search matches their concatenation, which no index covers); ranked by the title and body alone, a word only
        in the autocomplete column (a market's trades) comes after them. The facet words are there too.
        """
        word = f"plainto_tsquery('{self.config}', %s)"
        joiner = " && " if query.operator == "and" else " || "
        lookups = f"(title @@ {word} OR body @@ {word} OR autocomplete @@ {word})"
        per_word = f" {query.operator.upper()} ".join(lookups for _ in query.terms)
        facets = "".join(f" AND autocomplete @@ to_tsquery('{self.config}', %s)" for _ in query.facets)
        sql = (
            f"{IndexEntry._meta.db_table}, (SELECT {joiner.join([word] * len(query.terms))} AS q) AS query "
            f"WHERE ({per_word}){facets}"
        )
        params = [*query.terms, *(term for term in query.terms for _ in range(3))]
        params += [" | ".join(group) for group in query.facets]
        return sql, params
