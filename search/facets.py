"""Facet words: each indexed object's kind and city, written into its index entry as words of their own.

They go into the autocomplete column, which relevance does not weigh.

With them the database's full-text index answers the kind and city filters and counts each kind's matches by
itself (``"运维补助" AND zzkindpolicy``), instead of joining every match of a broad query to the objects' tables.
The words are plain ASCII that no analysed text produces (the analyzer emits Chinese words, numbers and the
Latin words of the text; ``zz`` prefixes keep them apart from those).

A result without a city (a section page, a notice for both cities) carries ``zzcitynone`` and is shown under
every city, as the search page promises.
"""

from functools import cache

from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from .registry import REGISTRY, Searchable

PREFIX = "zz"
NO_CITY = f"{PREFIX}citynone"


def kind_word(kind):
    return f"{PREFIX}kind{kind}"


def city_word(city_id):
    return f"{PREFIX}city{city_id}" if city_id is not None else NO_CITY


@cache
def entry_for_model(model) -> Searchable | None:
    """The registered entry an object of this model is found under: its own, else its nearest registered parent."""
    for klass in model.__mro__:
        meta = getattr(klass, "_meta", None)
        if meta is not None and not meta.abstract and meta.label_lower in REGISTRY:
            return REGISTRY[meta.label_lower]
    return None


def content_type_ids(kinds):
    """The ids of the content types whose objects are found under these kinds, for a backend that filters by them."""
    models = [model for model in apps.get_models() if getattr(entry_for_model(model), "kind", None) in kinds]
    return sorted(content_type.pk for content_type in ContentType.objects.get_for_models(*models).values())


def facet_words(obj):
    """'zzkindmarket zzcity3' for a market in the city with id 3; '' for an object search does not show."""
    entry = entry_for_model(type(obj))
    if entry is None:
        return ""
    city_id = entry.city.city_id(obj) if entry.city else None
    return f"{kind_word(entry.kind)} {city_word(city_id)}"
