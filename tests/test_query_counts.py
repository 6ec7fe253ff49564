"""The uncached path (first hits, previews, logged-in users) runs a bounded number of queries per page type, the
same however many markets, notices or prices the page shows (issue 16)."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model

from markets.models import (
    MarketFacility,
    MarketLegalHelpChannel,
    MarketPage,
    MarketPublicWelfareJob,
    MarketService,
    MarketTrade,
    MarketTrainingSession,
)
from notices.models import EventPage, NoticeIndexPage, NoticePage
from policies.models import AssessmentCriterion, PolicyAnnex, PolicyPage
from wages.models import WageGuidePage, WageRate

from .events_factories import at, make_event
from .markets_factories import make_market

pytestmark = pytest.mark.django_db

# The most each page type may run (today's figure, with a little room for a new block on the page).
MOST_QUERIES = {
    "home": 19,  # one of them the upcoming events (issue 17)
    "a policy page": 15,
    "/policies/": 13,
    "/markets/": 22,
    "a market page": 43,
    "a wage guide": 15,
    "/notices/": 14,
    "a notice": 14,
    "/events/": 15,
    "an event": 17,
    "search": 30,  # 18 kinds of result could share a page: one query for each of the ten shown at most
    "the GeoJSON": 7,
    "the map's view": 4,
    "the library": 16,
}


def page_urls():
    policy = next(page for page in PolicyPage.objects.live() if not page.is_consultation_draft)
    return {
        "home": "/",
        "a policy page": policy.url,
        "/policies/": "/policies/",
        "/markets/": "/markets/",
        "a market page": MarketPage.objects.live().first().url,
        "a wage guide": WageGuidePage.objects.live().first().url,
        "/notices/": "/notices/",
        "a notice": NoticePage.objects.live().first().url,
        "/events/": "/events/",
        "an event": EventPage.objects.live().first().url,
        "search": "/search/?q=运维补助",
        "the GeoJSON": "/api/v1/markets.geojson",
        "the map's view": "/api/v1/markets/map?bbox=117,23,121,28&zoom=8",
        "the library": "/library/",
    }


def query_counts(client):
    counts = {}
    for name, url in page_urls().items():
        assert client.get(url).status_code == 200  # warms what is cached per process (site, settings)
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        counts[name] = len(captured.captured_queries)
    return counts


def add_annexes_and_criteria_links(policy):
    """Three more annexes with downloads on the policy page, each a new version of the one before (the library
    lists the last with its earlier versions), and every criterion of its city linked to clause 1."""
    document = None
    for n in range(3):
        document = get_document_model()(title=f"测试附件{n}", replaces=document)
        document.file.save(f"annex-{n}.txt", ContentFile(b"annex"), save=False)
        document.save()
        PolicyAnnex.objects.create(
            page=policy, sort_order=10 + n, label=f"附件{10 + n}", title="表格", document=document
        )
    first_clause = policy.clauses.get(number=1)
    for criterion in AssessmentCriterion.objects.filter(city=policy.city):
        criterion.clauses.add(first_clause)


def add_published_info(market):
    """Five more trades, legal-help channels, trainings and public-welfare jobs on the market page (issue 17)."""
    page = market.get_latest_revision_as_object()
    page.trades = list(page.trades.all()) + list(MarketTrade.objects.exclude(pk__in=page.trades.all())[:5])
    for n in range(5):
        page.legal_help_channels.add(
            MarketLegalHelpChannel(kind="other", name=f"维权服务站{n}", address="晋江市青阳街道", phone="12348")
        )
        page.training_sessions.add(
            MarketTrainingSession(title=f"培训{n}", starts_on=datetime.date(2026, 12, 1 + n), mode="classroom")
        )
        page.public_welfare_jobs.add(MarketPublicWelfareJob(title=f"公益性岗位{n}", openings=2))
    page.save_revision().publish()


def add_content():
    """Eight more markets with services, facilities, trades, hours and stars, and more of what the market page
    publishes; eight more notices; eight more events (half at the market read); ten more wage rates; annexes with
    downloads (also new versions, in the library) and criteria links on the policy page."""
    add_annexes_and_criteria_links(next(page for page in PolicyPage.objects.live() if not page.is_consultation_draft))
    add_published_info(MarketPage.objects.live().first())
    services = list(MarketService.objects.values_list("code", flat=True)[:3])
    facilities = list(MarketFacility.objects.values_list("code", flat=True)[:3])
    trades = list(MarketTrade.objects.values_list("code", flat=True)[:3])
    for n in range(8):
        make_market(
            "晋江市",
            name=f"晋江市测试{n}零工市场",
            services=services,
            facilities=facilities,
            trades=trades,
            stars={2025: 4},
        )
    index = NoticeIndexPage.objects.get()
    for n in range(8):
        notice = NoticePage(
            title=f"关于零工市场运维补助的通知（{n}）",
            date=datetime.date(2026, 11, 1),
            issuing_body="泉州市人力资源和社会保障局",
            body="<p>运维补助申请事项。</p>",
        )
        index.add_child(instance=notice)
        notice.save_revision().publish()
    first_market = MarketPage.objects.live().first()
    for n in range(8):  # events at the market the test reads, and elsewhere
        make_event(f"测试招聘会{n}", market=first_market if n % 2 else None, starts_at=at(n + 1))
    guide = WageGuidePage.objects.live().first().get_latest_revision_as_object()
    template = guide.rates.first()
    for n in range(10):
        guide.rates.add(
            WageRate(
                occupation=f"{template.occupation}{n}",
                category=template.category,
                pay_unit=template.pay_unit,
                low=template.low,
                median=template.median,
                high=template.high,
            )
        )
    guide.save_revision().publish()


def test_each_page_type_runs_the_same_bounded_queries_with_more_content(client, home, settings):
    settings.PAGE_CACHE_ENABLED = False
    before = query_counts(client)
    add_content()
    after = query_counts(client)
    # The search loads the results of a page with one query per model among them: which models those are moves
    # with the content, so its count is held to the bound alone.
    assert {name: count for name, count in after.items() if name != "search"} == {
        name: count for name, count in before.items() if name != "search"
    }
    assert {name: count for name, count in after.items() if count > MOST_QUERIES[name]} == {}
