"""What the site search covers: each searchable model, its kind, its city and its link.

Adding a model to the search is one ``register`` call (see the bottom of this file), e.g. after
the policies app gains clauses::

    register("clause", "policies.PolicyClause", city=city_via("page.city"), within=live_parent("page"))

The model must be indexed (``wagtail.search.index.Indexed`` with ``search_fields``); pages are
found only when live and public.  ``url`` defaults to a page's URL or the object's
``get_absolute_url()``; ``city`` returns a ``portal.models.City`` or None (then the result is
shown under every city); ``within`` narrows the queryset (e.g. clauses of live policies only,
markets not withdrawn); the fields it filters on must be ``index.FilterField``s.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from operator import methodcaller

from django.apps import apps
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page

from portal.regions import City

# The kinds a user can filter by, in the order the filter shows them.
KIND_LABELS = {
    "policy": _("政策文件"),
    "clause": _("政策条款"),
    "notice": _("通知公告"),
    "market": _("零工市场"),
    "wage": _("工资指导价位"),
    "service": _("办事服务"),
    "document": _("附件文档"),
}


def follow(obj, path):
    """obj.a.b for path "a.b"; None when a step is missing."""
    for name in path.split("."):
        obj = getattr(obj, name, None)
        if obj is None:
            return None
    return obj() if callable(obj) else obj


def city_via(path):
    """City accessor following an attribute path to a City, e.g. "county.city"."""
    return lambda obj: follow(obj, path)


def live_parent(path):
    """Narrow a queryset to objects whose page at ``path`` is live and public."""

    def narrow(queryset):
        live_pages = Page.objects.live().public().values("pk")
        return queryset.filter(**{f"{path}__in": live_pages})

    return narrow


def public_documents(queryset):
    """Documents anyone may open: none in a collection that a view restriction (its own or an ancestor's) closes.

    Search never shows a restricted document's title or text, even to someone who could open it: its snippet
    would otherwise carry what the restriction protects to a page that any later reader may see.
    """
    restricted = [
        collection.pk for collection in Collection.objects.all() if collection.get_view_restrictions().exists()
    ]
    closed = get_document_model().objects.filter(collection__in=restricted).values_list("pk", flat=True)
    return queryset.exclude(document__in=list(closed))


def cities():
    return list(City.objects.all())


def default_url(obj):
    if isinstance(obj, Page):
        return obj.get_url()
    return obj.get_absolute_url()


@dataclass(frozen=True)
class Searchable:
    kind: str
    model_label: str
    city: Callable = field(default=lambda obj: None)
    url: Callable = field(default=default_url)
    within: Callable | None = None

    @property
    def model(self):
        return apps.get_model(self.model_label)

    @property
    def is_page(self):
        return issubclass(self.model, Page)

    def queryset(self):
        queryset = self.model.objects.live().public() if self.is_page else self.model._default_manager.all()
        return self.within(queryset) if self.within else queryset


REGISTRY: dict[str, Searchable] = {}


def register(kind, model_label, **options):
    if kind not in KIND_LABELS:
        raise ValueError(f"unknown search kind {kind!r}; add it to KIND_LABELS")
    REGISTRY[model_label.lower()] = Searchable(kind, model_label, **options)


def entry_for(obj):
    """The registry entry for an object (a page's most specific registered class)."""
    for model in type(obj).__mro__:
        meta = getattr(model, "_meta", None)
        if meta is not None and meta.label_lower in REGISTRY:
            return REGISTRY[meta.label_lower]
    return None


register("policy", "policies.PolicyPage", city=city_via("city"))
register("policy", "policies.PolicyInterpretationPage", city=city_via("policy.city"))
register("policy", "policies.PolicyIndexPage")
register("clause", "policies.PolicyClause", city=city_via("page.city"), within=live_parent("page"))
register("notice", "notices.NoticePage", city=city_via("city"))
register("notice", "notices.NoticeIndexPage")
register("market", "markets.MarketPage", city=city_via("county.city"), within=methodcaller("not_withdrawn"))
register("market", "markets.CountyDirectoryPage", city=city_via("county.city"))
register("market", "markets.MarketIndexPage")
register("wage", "wages.WageGuidePage", city=city_via("city"))
register("wage", "wages.WageGuideIndexPage")
register("service", "forms.ServiceIndexPage")
register("service", "forms.FeedbackIndexPage")
register("service", "forms.CaseFormPage")
register("service", "forms.ProgressPage")
register("service", "forms.SurveyPage")
register("service", "applications.FormDownloadPage", city=city_via("city"))
register("document", "search.DocumentText", within=public_documents)
