"""Elasticsearch 8 with the project's Chinese analysis (``pip install "elasticsearch>=8,<9"``)."""

from .cluster import cluster_backend


def SearchBackend(params):
    return cluster_backend("modelsearch.backends.elasticsearch8")(params)
