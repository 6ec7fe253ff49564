"""What the directory and a market page give a phone (issue 18): today's hours and 现在开放 in each entry, 导航
links to the phone's map app, counties grouped by city and townships that name their county; the home page keeps
one search box."""

import re
from datetime import time
from urllib.parse import parse_qs, urlsplit

import pytest

from markets.geo import amap_marker_url, geo_uri, wgs84_to_gcj02
from markets.models import MarketHoursException
from portal.regions import County

from .markets_factories import make_market, remove_samples
from .test_markets_directory import MONDAY_MORNING

pytestmark = pytest.mark.django_db


@pytest.fixture
def markets(home):
    remove_samples()
    return [
        make_market("晋江市", name="晋江市零工市场", lat=24.787, lng=118.558, township="青阳街道"),
        make_market(
            "晋江市",
            name="晋江市陈埭镇零工驿站",
            facility_type="station",
            lat=24.81,
            lng=118.59,
            township="陈埭镇",
            hours=[(5, time(8), time(12))],  # Saturdays only
        ),
        make_market("蕉城区", name="蕉城区零工市场", lat=26.663, lng=119.528, township="漳湾镇"),
    ]


def entry(html, name):
    return re.search(
        rf'<li class="market-item"[^>]*>\s*<h3 class="market-name"><a [^>]+>{name}</a>(.*?)</li>', html, re.S
    )[1]


def test_each_entry_shows_todays_hours_and_whether_it_is_open_now(client, markets, time_machine):
    time_machine.move_to(MONDAY_MORNING, tick=False)
    html = client.get("/markets/").content.decode()
    market, station = entry(html, "晋江市零工市场"), entry(html, "晋江市陈埭镇零工驿站")
    assert "现在开放" in market and re.search(r"今天 \d\d:\d\d–\d\d:\d\d", market)
    assert "现在不开放" in station and "今天休息" in station


def test_a_days_exception_replaces_the_weeks_hours_in_the_entry(client, markets, time_machine):
    time_machine.move_to(MONDAY_MORNING, tick=False)
    jinjiang, station, _ = markets
    MarketHoursException.objects.create(market=jinjiang, date=MONDAY_MORNING.date(), closed_all_day=True)
    MarketHoursException.objects.create(
        market=station, date=MONDAY_MORNING.date(), closed_all_day=False, opens=time(9), closes=time(11)
    )
    html = client.get("/markets/").content.decode()
    assert "今天休息" in entry(html, "晋江市零工市场") and "现在不开放" in entry(html, "晋江市零工市场")
    assert "今天 09:00–11:00" in entry(html, "晋江市陈埭镇零工驿站")
    assert "现在开放" in entry(html, "晋江市陈埭镇零工驿站")


def test_navigation_links_open_the_map_app_at_the_market():
    assert geo_uri(24.787, 118.558, "晋江市零工市场") == (
        "geo:24.787000,118.558000?q=24.787000,118.558000(%E6%99%8B%E6%B1%9F%E5%B8%82%E9%9B%B6%E5%B7%A5%E5%B8%82%E5%9C%BA)"
    )
    url = urlsplit(amap_marker_url(24.787, 118.558, "晋江市零工市场"))
    query = {key: values[0] for key, values in parse_qs(url.query).items()}
    lat, lng = wgs84_to_gcj02(24.787, 118.558)  # Amap draws GCJ-02; the portal keeps WGS-84
    assert (url.netloc, url.path) == ("uri.amap.com", "/marker")
    assert query["position"] == f"{lng:.6f},{lat:.6f}" and query["coordinate"] == "gaode"
    assert query["name"] == "晋江市零工市场"


def test_entries_and_the_market_page_carry_the_navigation_link(client, markets):
    html = client.get("/markets/").content.decode()
    assert 'data-geo="geo:24.787000,118.558000?q=' in entry(html, "晋江市零工市场")
    assert 'href="https://uri.amap.com/marker?position=' in entry(html, "晋江市零工市场")
    page = client.get(markets[0].url).content.decode()
    assert "导航到这里" in page and 'data-geo="geo:24.787000,118.558000?q=' in page
    assert 'id="location-map-config"' in page


def test_counties_are_grouped_by_city_and_townships_name_their_county(client, markets):
    html = client.get("/markets/").content.decode()
    select = re.search(r'<select name="near_county".*?</select>', html, re.S)[0]
    assert re.findall(r'<optgroup label="([^"]+)">', select) == ["泉州市", "宁德市"]
    jinjiang = County.objects.get(name="晋江市")
    assert f'<option value="陈埭镇" data-county="{jinjiang.pk}">陈埭镇</option>' in html
    # Without a script the server still sorts by any township chosen.
    assert listed_names_in(client.get("/markets/?near_township=漳湾镇"))[0] == "蕉城区零工市场"


def listed_names_in(response):
    return re.findall(r'<h3 class="market-name"><a href="[^"]+">([^<]+)</a>', response.content.decode())


def test_the_home_page_has_one_search_box(client, home):
    html = client.get("/").content.decode()
    assert html.count('role="search"') == 1 and 'id="home-search-q"' in html
    assert html.count('role="search"', 0, html.index("<main")) == 0  # the header leaves its own out
    assert 'id="site-search-q"' in client.get("/policies/").content.decode()
