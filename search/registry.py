"""What the site search covers: each searchable model, its kind, its city and its link.

Adding a model to the search is one ``register`` call (see the bottom of this file), e.g. after
the policies app gains clauses::

    register("clause", "policies.PolicyClause", city=city_via("page.city"), within=live_parent("page"))

The model must be indexed (``wagtail.search.index.Indexed`` with ``search_fields``); pages are
found only when live and public.  ``url`` defaults to a page's URL or the object's
``get_absolute_url()``; ``city`` is a ``city_via`` path to a ``portal.models.City`` (a result
without one is shown under every city); ``within`` narrows the queryset (e.g. clauses of live
policies only, markets not withdrawn); the fields it filters on must be ``index.FilterField``s.
A model with a ``search_details(terms)`` method adds lines under its result (a wage guide: the
prices of the trades searched for), reading what ``prefetch`` loads.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from operator import methodcaller

from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.models import Page

from portal.regions import City

# The kinds a user can filter by, in the order the filter shows them.
KIND_LABELS = {
    "policy": _("政策文件"),
    "clause": _("政策条款"),
    "notice": _("通知公告"),
    "event": _("活动"),
    "market": _("零工市场"),
    "wage": _("工资指导价位"),
    "service": _("办事服务"),
    "document": _("附件文档"),
}
# Relevance multiplied by the result's kind, 1 unless named. A policy is the text the other pages quote: when a form,
# a notice or a service page matches a query about as well as the policy does, the policy comes first.
KIND_WEIGHTS = {"policy": 1.5}


def kind_weight(kind):
    return KIND_WEIGHTS.get(kind, 1.0)


def follow(obj, path):
    """obj.a.b for path "a.b"; None when a step is missing."""
    for name in path.split("."):
        obj = getattr(obj, name, None)
        if obj is None:
            return None
    return obj() if callable(obj) else obj


@dataclass(frozen=True)
class CityVia:
    """The way from a result to its City, e.g. "county.city": read on an object, or filtered on in the database."""

    path: str

    def __call__(self, obj):
        return follow(obj, self.path)

    @property
    def lookup(self):
        return self.path.replace(".", "__")

    def city_id(self, obj):
        """The City's id without loading the City (its foreign key on the last step)."""
        *steps, last = self.path.split(".")
        holder = follow(obj, ".".join(steps)) if steps else obj
        return getattr(holder, f"{last}_id", None) if holder is not None else None


def city_via(path):
    return CityVia(path)


def live_parent(path):
    """Narrow a queryset to objects whose page at ``path`` is live and public."""

    def narrow(queryset):
        live_pages = Page.objects.live().public().values("pk")
        return queryset.filter(**{f"{path}__in": live_pages})

    return narrow


def open_documents():
    """Documents anyone may open (the sitemap lists these)."""
    return get_document_model().objects.open_to_all()


def public_documents(queryset):
    """The documents' texts of documents anyone may open.

    Search never shows a restricted document's title or text, even to someone who could open it: its snippet
    would otherwise carry what the restriction protects to a page that any later reader may see.
    """
    return queryset.filter(document__in=open_documents())


def upcoming(queryset):
    """Events until they end (a passed event is no longer offered, as on the lists)."""
    return queryset.filter(ends_at__gt=timezone.now())


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
    city: CityVia | None = None
    url: Callable = field(default=default_url)
    within: Callable | None = None
    related: tuple = ()  # relations a result's title or link reads, loaded with it
    prefetch: tuple = ()  # many-valued relations its search_details(terms) reads, loaded with the page of results

    @property
    def model(self):
        return apps.get_model(self.model_label)

    @property
    def is_page(self):
        return issubclass(self.model, Page)

    def queryset(self):
        queryset = self.model.objects.live().public() if self.is_page else self.model._default_manager.all()
        return self.within(queryset) if self.within else queryset

    def own_queryset(self):
        """The queryset without the pages of a subclass registered on its own (they are found under that entry)."""
        subclasses = [entry.model for entry in REGISTRY.values() if entry is not self and entry.belongs_to(self)]
        return self.queryset().not_type(*subclasses) if subclasses else self.queryset()

    def belongs_to(self, other):
        return other.is_page and self.model is not other.model and issubclass(self.model, other.model)

    def city_of(self, obj):
        return self.city(obj) if self.city else None

    def city_ids(self, pks):
        """{pk: City id or None} of these objects, read in one query."""
        if not self.city:
            return dict.fromkeys(pks)
        return dict(self.model._default_manager.filter(pk__in=pks).values_list("pk", self.city.lookup))

    def narrowed_pks(self, pks):
        """Those of these pks that the entry's narrowing (``within``) keeps, in one query; all when it has none."""
        if not self.within or not pks:
            return set(pks)
        return set(self.within(self.model._default_manager.filter(pk__in=pks)).values_list("pk", flat=True))

    @property
    def relations(self):
        """What a result's title, link and city read, for select_related."""
        return [*self.related, self.city.lookup] if self.city else list(self.related)

    def objects(self, pks):
        """{pk: object} of these objects, each with its relations in the same query."""
        manager = self.model._default_manager
        queryset = manager.select_related(*self.relations) if self.relations else manager.all()
        return (queryset.prefetch_related(*self.prefetch) if self.prefetch else queryset).in_bulk(pks)


REGISTRY: dict[str, Searchable] = {}


def register(kind, model_label, **options):
    if kind not in KIND_LABELS:
        raise ValueError(f"unknown search kind {kind!r}; add it to KIND_LABELS")
    REGISTRY[model_label.lower()] = Searchable(kind, model_label, **options)


register("policy", "policies.PolicyPage", city=city_via("city"))
register("policy", "policies.PolicyInterpretationPage", city=city_via("policy.city"))
register("policy", "policies.PolicyIndexPage")
register("clause", "policies.PolicyClause", city=city_via("page.city"), within=live_parent("page"))
register("notice", "notices.NoticePage", city=city_via("city"))
register("notice", "notices.NoticeIndexPage")
register("event", "notices.EventPage", city=city_via("city"), within=upcoming)
register("event", "notices.EventIndexPage")
register("market", "markets.MarketPage", city=city_via("county.city"), within=methodcaller("not_withdrawn"))
register("market", "markets.CountyDirectoryPage", city=city_via("county.city"))
register("market", "markets.MarketIndexPage")
register("wage", "wages.WageGuidePage", city=city_via("city"), prefetch=("rates",))
register("wage", "wages.WageGuideIndexPage")
register("service", "forms.ServiceIndexPage")
register("service", "forms.FeedbackIndexPage")
register("service", "forms.CaseFormPage")
register("service", "forms.ProgressPage")
register("service", "forms.SurveyPage")
register("service", "applications.FormDownloadPage", city=city_via("city"))
register("service", "built_forms.BuiltFormPage", city=city_via("city"))
register("document", "search.DocumentText", within=public_documents, related=("document",))
