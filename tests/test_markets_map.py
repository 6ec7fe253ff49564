"""The directory's map: the markets in view from /api/v1/markets/map, grouped when a view holds thousands."""

import datetime
import json
import re

import pytest

from markets import map_data
from markets.geo import wgs84_to_gcj02
from markets.models import record_star_rating

from .markets_factories import make_market, remove_samples

pytestmark = pytest.mark.django_db
QUANZHOU_AND_NINGDE = "117,23,121,28"
AROUND_JINJIANG = "118.4,24.6,118.7,24.9"
LONG_AGO = datetime.date(2020, 1, 1)


@pytest.fixture
def markets(home):
    remove_samples()
    return {
        "jinjiang": make_market("晋江市", name="晋江市零工市场", lat=24.787, lng=118.558, stars={2025: 5}),
        "chendai": make_market("晋江市", name="晋江市陈埭镇零工驿站", facility_type="station", lat=24.81, lng=118.59),
        "jiaocheng": make_market("蕉城区", name="蕉城区零工市场", lat=26.663, lng=119.528),
    }


def view(client, bbox, zoom=12, filters=""):
    return client.get(f"/api/v1/markets/map?bbox={bbox}&zoom={zoom}{filters}")


def titles(response):
    assert response.status_code == 200, response.content
    return sorted(marker["title"] for marker in response.json()["markers"])


def test_the_map_gets_only_the_markets_in_view(client, markets):
    assert titles(view(client, AROUND_JINJIANG)) == ["晋江市陈埭镇零工驿站", "晋江市零工市场"]
    assert titles(view(client, QUANZHOU_AND_NINGDE, zoom=7)) == [
        "晋江市陈埭镇零工驿站",
        "晋江市零工市场",
        "蕉城区零工市场",
    ]


def test_a_marker_carries_what_its_popup_shows(client, markets):
    record_star_rating(markets["jinjiang"], 2026, 4, official_title="泉州市2026年度四星级零工市场", source="年度考核")
    marker = next(m for m in view(client, AROUND_JINJIANG).json()["markers"] if m["id"] == markets["jinjiang"].pk)
    assert marker == {
        "id": markets["jinjiang"].pk,
        "title": "晋江市零工市场",
        "url": markets["jinjiang"].url,
        "type": "market",
        "lat": 24.787,
        "lng": 118.558,
        "official_title": "泉州市2026年度四星级零工市场",
    }


def test_the_map_applies_the_lists_filters(client, markets):
    assert titles(view(client, QUANZHOU_AND_NINGDE, filters="&type=station")) == ["晋江市陈埭镇零工驿站"]
    assert titles(view(client, QUANZHOU_AND_NINGDE, filters="&city=ningde")) == ["蕉城区零工市场"]
    assert titles(view(client, QUANZHOU_AND_NINGDE, filters="&star=5")) == ["晋江市零工市场"]


def test_a_withdrawn_market_is_not_on_the_map(client, markets):
    make_market(
        "晋江市",
        name="晋江市青阳街道零工驿站",
        facility_type="station",
        lat=24.79,
        lng=118.56,
        status="withdrawn",
        withdrawn_on=LONG_AGO,
    )
    assert titles(view(client, AROUND_JINJIANG)) == ["晋江市陈埭镇零工驿站", "晋江市零工市场"]


def test_on_gcj02_tiles_the_box_and_the_markers_are_in_gcj02(client, markets, settings):
    settings.MAP_TILE_CRS = "GCJ02"
    shown_lat, shown_lng = wgs84_to_gcj02(24.787, 118.558)
    # A box that holds the market's GCJ-02 position but not its WGS-84 one (GCJ-02 lies north-east of it here).
    tight = f"{shown_lng - 0.0005},{shown_lat - 0.0005},{shown_lng + 0.0005},{shown_lat + 0.0005}"
    response = view(client, tight, zoom=18)
    assert titles(response) == ["晋江市零工市场"]
    assert response.json()["crs"] == "GCJ02"
    marker = response.json()["markers"][0]
    assert (marker["lat"], marker["lng"]) == (round(shown_lat, 6), round(shown_lng, 6))


def test_a_view_of_more_markets_than_the_map_draws_comes_as_counts_per_area(client, markets, monkeypatch):
    monkeypatch.setattr(map_data, "MAX_MARKERS", 2)
    body = view(client, QUANZHOU_AND_NINGDE, zoom=7).json()
    assert "markers" not in body and body["total"] == 3
    counts = sorted(cell["count"] for cell in body["clusters"])
    assert counts == [1, 2]  # Jinjiang's two share a cell at zoom 7; Jiaocheng is 250 km away
    jinjiang_cell = next(cell for cell in body["clusters"] if cell["count"] == 2)
    assert jinjiang_cell["lat"] == pytest.approx((24.787 + 24.81) / 2)
    assert jinjiang_cell["lng"] == pytest.approx((118.558 + 118.59) / 2)


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        (
            "bbox=118,24,119&zoom=9",
            "bbox",
            "bbox 应为“西经度,南纬度,东经度,北纬度”四个十进制度数，如 118.3,24.5,118.9,25.1。",
        ),
        ("bbox=119,24,118,25&zoom=9", "bbox", "bbox 超出范围，或西边不小于东边、南边不小于北边。"),
        ("bbox=118,24,nan,25&zoom=9", "bbox", "bbox 超出范围，或西边不小于东边、南边不小于北边。"),
        ("zoom=9", "bbox", "请提供地图范围 bbox。"),
        ("bbox=118,24,119,25&zoom=99", "zoom", "zoom 最多为 20。"),
    ],
)
def test_a_bad_view_is_refused_with_the_reason(client, markets, query, field, message):
    response = client.get(f"/api/v1/markets/map?{query}")
    assert response.status_code == 400
    assert response.json() == {"errors": {field: [message]}}


def map_config(response):
    return json.loads(re.search(r'id="market-map-config"[^>]*>(.*?)</script>', response.content.decode()).group(1))


def test_the_directory_page_sends_no_markers_only_where_to_ask_with_its_filters(client, markets):
    config = map_config(client.get("/markets/?type=market&page=1&county=&near_county="))
    assert config["dataUrl"] == "/api/v1/markets/map?type=market&county="
    assert "markers" not in config
    assert config["extent"] == [[24.787, 118.558], [26.663, 119.528]]  # the two markets of type market


def test_sorted_by_distance_the_map_frames_the_start_and_the_nearest(client, markets):
    config = map_config(client.get("/markets/?lat=24.80&lng=118.60"))
    assert config["origin"] == [24.8, 118.6]
    assert config["nearest"] == [[24.81, 118.59], [24.787, 118.558], [26.663, 119.528]]


def test_a_repeated_view_is_answered_not_modified(client, markets):
    first = view(client, AROUND_JINJIANG)
    again = client.get(f"/api/v1/markets/map?bbox={AROUND_JINJIANG}&zoom=12", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
