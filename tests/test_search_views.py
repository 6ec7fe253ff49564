"""The search page and the suggestions endpoint, as a user sees them."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from markets.models import MarketIndexPage
from search.engine import did_you_mean

from .markets_factories import make_market

pytestmark = pytest.mark.django_db

NINGDE_PLAN = "宁德市零工市场规范化建设实施方案"
QUANZHOU_PLAN = "泉州市零工市场（驿站）标准化建设实施方案（征求意见稿）"


def search_page(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_results_show_kind_city_and_the_matched_words_highlighted(client, home):
    html = search_page(client, q="宁人社规")
    assert NINGDE_PLAN in html
    assert "<mark>宁人社规</mark>" in html
    assert "[&#x27;" not in html and "['" not in html  # rich text shown as text, not as a Python list
    assert '<span class="badge muted">政策文件</span>' in html
    assert '<span class="badge">宁德市</span>' in html


def test_a_trade_searched_for_shows_its_price_under_the_wage_guide(client, home):
    html = client.get("/search/", {"q": "保洁", "kind": "wage", "city": "quanzhou"}).content.decode()
    assert re.search(
        r'<a href="/wage-guide/quanzhou-2026/occupation/\d+/">保洁员：中位数 \d+ 元/小时（低位数 \d+，高位数 \d+）</a>',
        html,
    )


def test_a_trade_is_found_by_what_people_call_it(client, home):
    html = client.get("/search/", {"q": "小工", "kind": "wage"}).content.decode()
    assert "泉州市2026年零工岗位工资指导价位" in html
    assert re.search(r">搬运工：中位数 \d+ 元/天", html)


def test_kind_filter_keeps_only_that_kind_and_shows_counts(client, home):
    html = search_page(client, q="晋江")
    assert "零工市场（" in html  # the kind chips show how many of each
    html = search_page(client, q="零工市场", kind="market")
    assert NINGDE_PLAN not in html and QUANZHOU_PLAN not in html
    assert MarketIndexPage.objects.get().title in html


def test_city_filter_drops_the_other_citys_results(client, home):
    html = search_page(client, q="零工市场", kind="policy", city="quanzhou")
    assert QUANZHOU_PLAN in html
    assert NINGDE_PLAN not in html


def test_results_are_paginated_keeping_the_filters(client, home):
    html = search_page(client, q="县")
    pages = int(re.search(r"第 1 / (\d+) 页", html).group(1))
    assert pages >= 2
    assert "kind=&amp;city=&amp;page=2" in html
    last = search_page(client, q="县", page=pages)
    assert f"第 {pages} / {pages} 页" in last
    assert search_page(client, q="县", page="abc")  # a bad page number shows the first page


def test_a_misspelt_word_gets_partial_results_and_a_did_you_mean(client, home):
    html = search_page(client, q="零工市埸")
    assert "没有同时包含全部词语的结果" in html
    assert "您是不是要找" in html and "零工市场" in html
    assert "零工市场" in did_you_mean("零工市埸")


def test_nothing_found_explains_what_to_try(client, home):
    html = search_page(client, q="qwertyzz")
    assert "没有找到与“qwertyzz”相关的内容" in html
    assert "检查有没有错别字" in html


def test_an_empty_query_shows_common_searches(client, home):
    html = search_page(client)
    assert "常用搜索" in html and "零工驿站" in html


def test_the_bureaus_promoted_result_comes_first(client, home):
    markets = MarketIndexPage.objects.get()
    query = Query.get("补助")
    SearchPromotion.objects.create(query=query, page=markets, description="查看附近的零工市场", sort_order=0)
    html = search_page(client, q="补助")
    assert html.index("查看附近的零工市场") < html.index(NINGDE_PLAN)
    assert html.index('id="promotions-title"') < html.index('class="search-results"')


def test_query_text_is_escaped(client, home):
    html = search_page(client, q="<script>alert(1)</script>零工")
    assert "<script>alert(1)</script>" not in html


def test_suggestions_complete_titles_as_you_type(client, home):
    response = client.get("/search/suggest.json", {"q": "宁德市零工"})
    assert response.status_code == 200
    suggestions = response.json()["suggestions"]
    assert {"title": NINGDE_PLAN, "kind": "政策文件"}.items() <= next(
        item for item in suggestions if item["title"] == NINGDE_PLAN
    ).items()
    assert all(item["url"].startswith("/") for item in suggestions if item["url"])
    assert client.get("/search/suggest.json", {"q": "   "}).json() == {"suggestions": []}
    partial_word = client.get("/search/suggest.json", {"q": "晋"}).json()["suggestions"]
    assert "晋江市" in [item["title"] for item in partial_word]


def test_a_withdrawn_market_is_neither_found_nor_suggested(client, home, time_machine):
    today = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    time_machine.move_to(today, tick=False)
    operating = make_market("晋江市", name="晋江市罗山街道零工驿站", facility_type="station")
    withdrawn = make_market(
        "晋江市",
        name="晋江市梅岭街道零工驿站",
        facility_type="station",
        status="withdrawn",
        withdrawn_on=today.date() - timedelta(days=30),
    )
    assert f'href="{operating.url}"' in search_page(client, q="晋江市罗山街道零工驿站")
    assert f'href="{withdrawn.url}"' not in search_page(client, q="晋江市梅岭街道零工驿站")
    suggested = client.get("/search/suggest.json", {"q": "晋江市梅岭"}).json()["suggestions"]
    assert withdrawn.title not in [item["title"] for item in suggested]
    suggested = client.get("/search/suggest.json", {"q": "晋江市罗山"}).json()["suggestions"]
    assert operating.title in [item["title"] for item in suggested]
