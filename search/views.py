"""The search page and the suggestions endpoint for the search box."""

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.cache import cache_control
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.search.utils import normalise_query_string

from portal.ratelimits import limited
from portal.regions import City

from . import engine
from .registry import KIND_LABELS

RESULTS_PER_PAGE = 10


def promotions_for(query):
    """The bureau's promoted results for this query (managed under 设置 › 推广搜索结果)."""
    normalised = normalise_query_string(query)
    return SearchPromotion.objects.filter(query__query_string=normalised).select_related("page")


@limited("search")
def search(request):
    query = engine.clean_query(request.GET.get("q", ""))
    kind = request.GET.get("kind", "")
    kind = kind if kind in KIND_LABELS else ""
    cities = list(City.objects.all())
    city = request.GET.get("city", "")
    city = city if any(c.slug == city for c in cities) else ""

    outcome = engine.run_search(query, kind=kind or None, city_slug=city or None) if query else None
    page = Paginator(outcome.hits if outcome else [], RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    for hit in page:
        hit.snippet = engine.snippet(hit.obj, outcome.terms)
        hit.details = engine.details(hit.obj, outcome.terms)

    promotions = list(promotions_for(query)) if query else []
    if query:
        Query.get(query).add_hit()  # popular searches, listed in the admin's promoted results
    context = {
        "search_query": query,
        "results": page,
        "outcome": outcome,
        "promotions": promotions if page.number == 1 else [],
        "kinds": KIND_LABELS,
        "kind": kind,
        "cities": cities,
        "city": city,
        "did_you_mean": engine.did_you_mean(query) if outcome and (outcome.partial or not outcome.hits) else [],
        "examples": engine.EXAMPLE_QUERIES,
    }
    return TemplateResponse(request, "search/search.html", context)


@limited("suggest", as_json=True)
@cache_control(max_age=60, public=True)
def suggest(request):
    """JSON for the search box's suggestion list: {"suggestions": [{"title", "url", "kind"}]}."""
    return JsonResponse({"suggestions": engine.suggestions(request.GET.get("q", ""))})
