"""make_* helpers for the market directory tests."""

from datetime import time

from wagtail.models import Page

from markets.models import (
    CountyDirectoryPage,
    MarketFacility,
    MarketOpeningHours,
    MarketPage,
    MarketService,
    MarketStarRating,
    MarketTrade,
    record_star_rating,
)
from portal.regions import County
from portal.vocabulary import FACILITY_NAMES

WEEKDAYS_9_TO_5 = [(day, time(9, 0), time(17, 0)) for day in range(5)]


def make_market(
    county_name="晋江市",
    *,
    name=None,
    facility_type="market",
    lat=24.78,
    lng=118.55,
    services=(),
    facilities=(),
    trades=(),
    hours=WEEKDAYS_9_TO_5,
    stars=None,
    publish=True,
    **fields,
):
    """A market page under its county's directory page, published like an editor would."""
    county = County.objects.get(name=county_name)
    page = MarketPage(
        title=name or f"{county_name}测试{FACILITY_NAMES[facility_type]}",
        facility_type=facility_type,
        county=county,
        latitude=lat,
        longitude=lng,
        **fields,
    )
    page.services = list(MarketService.objects.filter(code__in=services))
    page.facilities = list(MarketFacility.objects.filter(code__in=facilities))
    page.trades = list(MarketTrade.objects.filter(code__in=trades))
    page.opening_hours = [MarketOpeningHours(weekday=d, opens=o, closes=c) for d, o, c in hours]
    CountyDirectoryPage.objects.get(county=county).add_child(instance=page)
    for year, value in (stars or {}).items():
        record_star_rating(page, year, value, source="人工录入")
    if publish:
        page.save_revision().publish()
    elif page.live:
        page.unpublish()
    return MarketPage.objects.get(pk=page.pk)


def remove_samples():
    """Start from a directory without the seeded sample markets (unpublished in one query: fast) and without their
    star ratings (the bureau's list of ratings shows unpublished markets' too)."""
    Page.objects.filter(pk__in=MarketPage.objects.filter(is_sample=True).values("pk")).update(live=False)
    MarketStarRating.objects.filter(market__is_sample=True).delete()
