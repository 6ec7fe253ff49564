"""OpenSearch 2 with the project's Chinese analysis (``pip install "opensearch-py>=2,<3"``)."""

from .cluster import cluster_backend


def SearchBackend(params):
    return cluster_backend("modelsearch.backends.opensearch2")(params)
