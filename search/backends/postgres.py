"""PostgreSQL text search with the project's analysis."""

from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchResults,
)

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
