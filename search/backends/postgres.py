"""PostgreSQL text search with the project's analysis."""

from modelsearch.backends.database.postgres.postgres import PostgresIndex, PostgresSearchBackend

from . import AnalyzedIndexMixin, AnalyzedQueryMixin


class ChinesePostgresIndex(AnalyzedIndexMixin, PostgresIndex):
    pass


class ChinesePostgresSearchBackend(AnalyzedQueryMixin, PostgresSearchBackend):
    index_class = ChinesePostgresIndex

    def __init__(self, params):
        # The text arrives segmented; 'simple' lower-cases without stemming or stop words.
        params = {"SEARCH_CONFIG": "simple", **params}
        super().__init__(params)
