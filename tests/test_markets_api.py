"""Open data: /api/v1/markets.geojson, /api/v1/markets/nearby and the Wagtail API v2."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from markets.models import record_star_rating
from portal.regions import County

from .markets_factories import make_market, remove_samples

pytestmark = pytest.mark.django_db
MONDAY_MORNING = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def three_markets(home):
    remove_samples()
    return {
        "jinjiang": make_market("晋江市", name="晋江市零工市场", lat=24.787, lng=118.558, services=["job_referral"]),
        "shishi": make_market("石狮市", name="石狮市宝盖镇零工驿站", facility_type="station", lat=24.752, lng=118.630),
        "jiaocheng": make_market("蕉城区", name="蕉城区零工市场", lat=26.663, lng=119.528),
    }


@pytest.fixture
def withdrawn(three_markets, time_machine):
    """A station in Shishi, next to the Shishi one, withdrawn on the 1st of this month."""
    time_machine.move_to(MONDAY_MORNING, tick=False)
    return make_market(
        "石狮市",
        name="石狮市湖滨街道零工驿站",
        facility_type="station",
        lat=24.746,
        lng=118.628,
        status="withdrawn",
        withdrawn_on=MONDAY_MORNING.date().replace(day=1),
    )


def test_geojson_lists_published_markets_as_points_in_lng_lat_order(client, three_markets):
    make_market("晋江市", name="晋江市安海镇零工驿站", facility_type="station", publish=False)
    response = client.get("/api/v1/markets.geojson")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    data = response.json()
    assert data["type"] == "FeatureCollection"
    names = {feature["properties"]["name"] for feature in data["features"]}
    assert names == {"晋江市零工市场", "石狮市宝盖镇零工驿站", "蕉城区零工市场"}  # the draft is not open data
    jinjiang = next(f for f in data["features"] if f["properties"]["name"] == "晋江市零工市场")
    assert jinjiang["geometry"] == {"type": "Point", "coordinates": [118.558, 24.787]}
    assert jinjiang["properties"]["services"] == ["职业介绍"]
    assert jinjiang["properties"]["url"].endswith(three_markets["jinjiang"].url)


def test_geojson_carries_the_current_stars_and_official_title(client, three_markets):
    jinjiang = three_markets["jinjiang"]
    record_star_rating(jinjiang, 2025, 3, source="人工录入")
    record_star_rating(
        jinjiang,
        2026,
        5,
        official_title="泉州市2026年度五星级零工市场",
        awarded_on=date(2026, 12, 20),
        source="年度考核",
    )
    features = {
        f["properties"]["name"]: f["properties"] for f in client.get("/api/v1/markets.geojson").json()["features"]
    }
    assert (features["晋江市零工市场"]["stars"], features["晋江市零工市场"]["official_title"]) == (
        5,
        "泉州市2026年度五星级零工市场",
    )
    assert (features["蕉城区零工市场"]["stars"], features["蕉城区零工市场"]["official_title"]) == (None, "")


@pytest.mark.parametrize(
    "query, expected",
    [
        ("city=ningde", {"蕉城区零工市场"}),
        ("city=quanzhou&type=station", {"石狮市宝盖镇零工驿站"}),
        ("type=market", {"晋江市零工市场", "蕉城区零工市场"}),
    ],
)
def test_geojson_filters_combine(client, three_markets, query, expected):
    data = client.get(f"/api/v1/markets.geojson?{query}").json()
    assert {feature["properties"]["name"] for feature in data["features"]} == expected


def test_geojson_filters_by_county(client, three_markets):
    county = County.objects.get(name="石狮市")
    data = client.get(f"/api/v1/markets.geojson?county={county.pk}").json()
    assert [feature["properties"]["name"] for feature in data["features"]] == ["石狮市宝盖镇零工驿站"]


@pytest.mark.parametrize(
    "query, field, message",
    [
        ("city=xiamen", "city", "没有这个设区市代码。"),
        ("type=shop", "type", "类型应为 market（零工市场）或 station（零工驿站）。"),
        ("page=0", "page", "page 至少为 1。"),
        ("limit=5001", "limit", "limit 最多为 5000。"),
    ],
)
def test_geojson_bad_filters_answer_400_in_chinese(client, home, query, field, message):
    response = client.get(f"/api/v1/markets.geojson?{query}")
    assert response.status_code == 400
    assert response.json() == {"errors": {field: [message]}}


def test_nearby_answers_nearest_first_with_distances(client, three_markets):
    # Standing in Shishi: the Shishi station is nearest, then Jinjiang, then Ningde's market far away.
    data = client.get("/api/v1/markets/nearby?lat=24.745&lng=118.628&limit=3").json()
    names = [result["name"] for result in data["results"]]
    assert names == ["石狮市宝盖镇零工驿站", "晋江市零工市场", "蕉城区零工市场"]
    distances = [result["distance_km"] for result in data["results"]]
    assert distances == sorted(distances)
    assert distances[0] == pytest.approx(0.8, abs=0.1)  # 0.007° north, 0.002° east
    assert 220 < distances[2] < 240


def test_nearby_limit_caps_the_answer(client, three_markets):
    data = client.get("/api/v1/markets/nearby?lat=24.745&lng=118.628&limit=1").json()
    assert data["count"] == 1
    assert data["results"][0]["name"] == "石狮市宝盖镇零工驿站"


def test_nearby_finds_markets_far_beyond_the_first_search_box(client, three_markets):
    # From Beijing the nearest of our markets is Ningde's, over 1,500 km away.
    data = client.get("/api/v1/markets/nearby?lat=39.9&lng=116.4&limit=1").json()
    assert data["results"][0]["name"] == "蕉城区零工市场"
    assert data["results"][0]["distance_km"] > 1500


@pytest.mark.parametrize(
    "query, errors",
    [
        ("lng=118.6", {"lat": ["请提供坐标。"]}),
        ("lat=abc&lng=118.6", {"lat": ["坐标应为十进制度数，如 24.874。"]}),
        ("lat=91&lng=118.6", {"lat": ["坐标超出范围。"]}),
        ("lat=24.8&lng=-181", {"lng": ["坐标超出范围。"]}),
        ("lat=24.8&lng=118.6&limit=0", {"limit": ["limit 至少为 1。"]}),
        ("lat=24.8&lng=118.6&limit=500", {"limit": ["limit 最多为 50。"]}),
        ("lat=nan&lng=118.6", {"lat": ["坐标应为十进制度数，如 24.874。"]}),
    ],
)
def test_nearby_bad_coordinates_answer_400(client, home, query, errors):
    response = client.get(f"/api/v1/markets/nearby?{query}")
    assert response.status_code == 400
    assert response.json() == {"errors": errors}


def test_market_pages_appear_in_wagtail_api_v2_with_their_details(client, three_markets):
    response = client.get("/api/v2/pages/?type=markets.MarketPage&fields=*&title=晋江市零工市场")
    assert response.status_code == 200
    item = response.json()["items"][0]
    assert item["county_name"] == "晋江市"
    assert item["city_name"] == "泉州市"
    assert item["latitude"] == 24.787
    assert item["service_names"] == ["职业介绍"]
    assert item["is_sample"] is False
    assert item["star_history"] == []


def test_the_wagtail_api_gives_the_star_history_with_official_titles(client, three_markets):
    record_star_rating(three_markets["jinjiang"], 2025, 3, source="人工录入")
    record_star_rating(three_markets["jinjiang"], 2026, 5, official_title="泉州市2026年度五星级零工市场")
    response = client.get("/api/v2/pages/?type=markets.MarketPage&fields=star_history&title=晋江市零工市场")
    assert response.json()["items"][0]["star_history"] == [
        {"year": 2026, "stars": 5, "official_title": "泉州市2026年度五星级零工市场"},
        {"year": 2025, "stars": 3, "official_title": ""},
    ]


def test_a_withdrawn_market_is_not_in_the_geojson(client, withdrawn):
    for query in ("", "?city=quanzhou&type=station"):
        names = {f["properties"]["name"] for f in client.get(f"/api/v1/markets.geojson{query}").json()["features"]}
        assert "石狮市湖滨街道零工驿站" not in names and "石狮市宝盖镇零工驿站" in names


def test_a_withdrawn_market_is_not_among_the_nearby(client, withdrawn):
    # Standing at the withdrawn station's door: the nearest still in service come first.
    data = client.get("/api/v1/markets/nearby?lat=24.746&lng=118.628&limit=3").json()
    assert [result["name"] for result in data["results"]] == [
        "石狮市宝盖镇零工驿站",
        "晋江市零工市场",
        "蕉城区零工市场",
    ]


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
def test_an_offset_too_large_for_the_database_is_a_bad_request_not_a_server_error(client, home, endpoint):
    # Found by tests/security/test_fuzz_public.py: SQLite raised "datatype mismatch" for 2**63.
    response = client.get(f"/api/v2/{endpoint}/", {"offset": "9223372036854775808"})
    assert response.status_code == 400 and response.json() == {"message": "offset cannot be higher than 1000000000"}
    assert client.get(f"/api/v2/{endpoint}/", {"offset": "1000000000"}).status_code == 200
