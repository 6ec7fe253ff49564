"""Elasticsearch and OpenSearch backends with the same analysis as the database backends.

The documents carry the analyzed (space-separated) text, so the cluster's analyzer only splits
at whitespace and lower-cases; the standard analyzer would cut Chinese into single characters.
The client library (``elasticsearch`` or ``opensearch-py``) is needed only when one is configured.
"""

from copy import deepcopy
from importlib import import_module

from modelsearch.utils import deep_update

from . import AnalyzedQueryMixin, analyzed_field

SEGMENTED_ANALYSIS = {
    "settings": {
        "analysis": {
            "analyzer": {
                # "default" applies to every text field without an analyzer of its own.
                "default": {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase"]},
                "edgengram_analyzer": {
                    "type": "custom",
                    "tokenizer": "whitespace",
                    "filter": ["lowercase", "edgengram"],
                },
            }
        }
    }
}


class AnalyzedMappingMixin:
    edgengram_analyzer_config = {"analyzer": "edgengram_analyzer", "search_analyzer": "default"}

    def _get_document_field_data(self, field, obj):
        return super()._get_document_field_data(analyzed_field(field), obj)


def with_analysis(backend_class):
    """Subclasses of a modelsearch cluster backend (and its mapping and compilers) that analyze text."""
    mapping = type("AnalyzedMapping", (AnalyzedMappingMixin, backend_class.mapping_class), {})
    compiler = type("AnalyzedQueryCompiler", (backend_class.query_compiler_class,), {"mapping_class": mapping})
    autocomplete = type(
        "AnalyzedAutocompleteQueryCompiler",
        (backend_class.autocomplete_query_compiler_class,),
        {"mapping_class": mapping},
    )
    return type(
        f"Analyzed{backend_class.__name__}",
        (AnalyzedQueryMixin, backend_class),
        {
            "mapping_class": mapping,
            "query_compiler_class": compiler,
            "autocomplete_query_compiler_class": autocomplete,
            "settings": deep_update(deepcopy(backend_class.settings), SEGMENTED_ANALYSIS),
        },
    )


def cluster_backend(module_path):
    return with_analysis(import_module(module_path).SearchBackend)
