"""The directory page (/markets/) and a market's own page, as a visitor sees them."""

import json
import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from markets import directory
from markets.models import MarketHoursException, MarketPage, record_star_rating
from portal.regions import County

from .markets_factories import make_market, remove_samples

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
MONDAY_MORNING = datetime(2026, 11, 23, 10, 0, tzinfo=SHANGHAI)


def listed_names(response):
    html = response.content.decode()
    return re.findall(r'<h3 class="market-name"><a href="[^"]+">([^<]+)</a>', html)


@pytest.fixture
def markets(home):
    remove_samples()
    return [
        make_market(
            "晋江市",
            name="晋江市零工市场",
            lat=24.787,
            lng=118.558,
            services=["job_referral", "skills_training"],
            facilities=["phone_charging", "meal_heating"],
            stars={2024: 3, 2025: 5},
        ),
        make_market(
            "晋江市",
            name="晋江市陈埭镇零工驿站",
            facility_type="station",
            lat=24.81,
            lng=118.59,
            services=["job_referral"],
            facilities=["phone_charging"],
            hours=[(5, time(8), time(12))],  # Saturdays only
        ),
        make_market(
            "蕉城区",
            name="蕉城区零工市场",
            lat=26.663,
            lng=119.528,
            services=["skills_training"],
            facilities=["meal_heating"],
            stars={2025: 4},
        ),
    ]


def test_directory_lists_every_published_market(client, markets):
    response = client.get("/markets/")
    assert set(listed_names(response)) == {"晋江市零工市场", "晋江市陈埭镇零工驿站", "蕉城区零工市场"}
    assert "共找到 3 处" in response.content.decode()


@pytest.mark.parametrize(
    "query, expected",
    [
        ("city=quanzhou", ["晋江市零工市场", "晋江市陈埭镇零工驿站"]),
        ("city=quanzhou&type=station", ["晋江市陈埭镇零工驿站"]),
        ("service=skills_training", ["晋江市零工市场", "蕉城区零工市场"]),
        ("service=skills_training&facility=meal_heating&city=ningde", ["蕉城区零工市场"]),
        ("facility=phone_charging&type=market", ["晋江市零工市场"]),
        ("star=5", ["晋江市零工市场"]),  # the latest year's rating counts: 2025 five stars
        ("star=4", ["晋江市零工市场", "蕉城区零工市场"]),
        ("star=4&city=ningde", ["蕉城区零工市场"]),
    ],
)
def test_filters_combine(client, markets, query, expected):
    assert listed_names(client.get(f"/markets/?{query}")) == expected


def test_county_filter_uses_the_county_number(client, markets):
    county = County.objects.get(name="蕉城区")
    assert listed_names(client.get(f"/markets/?county={county.pk}")) == ["蕉城区零工市场"]


def test_open_now_uses_the_time_in_shanghai(client, markets, time_machine):
    time_machine.move_to(datetime(2026, 11, 28, 9, 0, tzinfo=SHANGHAI), tick=False)  # Saturday morning
    assert listed_names(client.get("/markets/?open_now=on")) == ["晋江市陈埭镇零工驿站"]
    time_machine.move_to(datetime(2026, 11, 23, 10, 0, tzinfo=SHANGHAI), tick=False)  # Monday morning
    assert listed_names(client.get("/markets/?open_now=on")) == ["晋江市零工市场", "蕉城区零工市场"]


def test_a_holiday_exception_closes_the_market(markets):
    market = markets[0]
    MarketHoursException.objects.create(market=market, date=datetime(2026, 11, 23).date(), closed_all_day=True)
    assert market.is_open(datetime(2026, 11, 23, 10, 0, tzinfo=SHANGHAI)) is False
    assert market.is_open(datetime(2026, 11, 24, 10, 0, tzinfo=SHANGHAI)) is True


def test_my_location_sorts_by_distance_and_shows_it(client, markets):
    # Standing in Ningde: the Ningde market first, about 0.4 km away.
    response = client.get("/markets/?lat=26.66&lng=119.526")
    assert listed_names(response) == ["蕉城区零工市场", "晋江市陈埭镇零工驿站", "晋江市零工市场"]
    html = response.content.decode()
    assert "按离您的位置由近到远排列" in html
    assert "约 0.4 公里" in html


def test_choosing_a_county_sorts_by_distance_from_its_seat(client, markets):
    county = County.objects.get(name="晋江市")  # seat at 24.782, 118.552
    response = client.get(f"/markets/?near_county={county.pk}")
    assert listed_names(response) == ["晋江市零工市场", "晋江市陈埭镇零工驿站", "蕉城区零工市场"]
    assert "按离晋江市人民政府驻地由近到远排列" in response.content.decode()


def test_choosing_a_township_sorts_by_distance_from_its_markets(client, markets):
    markets[1].township = "陈埭镇"
    markets[1].save_revision().publish()
    response = client.get("/markets/?near_township=陈埭镇")
    assert listed_names(response)[0] == "晋江市陈埭镇零工驿站"


def test_bad_filter_values_are_explained_and_the_others_still_apply(client, markets):
    response = client.get("/markets/?type=station&county=99999&lat=abc&lng=118.5")
    assert listed_names(response) == ["晋江市陈埭镇零工驿站"]
    html = response.content.decode()
    assert "该选项不存在，已忽略。" in html
    assert "位置坐标无效，已忽略。" in html


def map_markers(client, query="", bbox="117,23,121,28", zoom=9):
    separator = "&" if query else ""
    response = client.get(f"/api/v1/markets/map?{query}{separator}bbox={bbox}&zoom={zoom}")
    assert response.status_code == 200, response.content
    return response.json()["markers"]


def test_map_markers_shift_to_gcj02_when_the_tiles_need_it(client, markets, settings):
    settings.MAP_TILE_CRS = "GCJ02"
    marker = map_markers(client, "city=ningde")[0]
    assert marker["lat"] == pytest.approx(26.659557, abs=1e-5)  # GCJ-02 of 26.663, 119.528
    assert marker["lng"] != 119.528
    settings.MAP_TILE_CRS = "WGS84"
    assert (map_markers(client, "city=ningde")[0]["lat"], map_markers(client, "city=ningde")[0]["lng"]) == (
        26.663,
        119.528,
    )


def test_market_page_shows_what_a_visitor_needs(client, markets):
    html = client.get(markets[0].url).content.decode()
    assert "晋江市零工市场" in html
    assert "职业介绍" in html and "技能培训" in html
    assert "手机充电" in html and "饭食加热" in html
    assert "2025年度 五星" in html and "2024年度 三星" in html
    assert "周一</th><td>09:00–17:00" in html
    assert "周日</th><td>休息" in html
    assert "<svg" in html and "门口张贴用二维码" in html
    assert "示例数据" not in html


def award_2026(market):
    """The award the annual assessment records once its result is final (泉州方案二（二）1 命名名称)."""
    return record_star_rating(
        market,
        2026,
        4,
        official_title="泉州市2026年度四星级零工市场",
        awarded_on=date(2026, 12, 20),
        source="年度考核 KH20261201-0001，公示期满无异议",
    )


def test_market_page_names_the_award_and_lists_the_history(client, markets):
    award_2026(markets[0])
    html = client.get(markets[0].url).content.decode()
    title = re.search(r'<p class="star-title" id="star-title">(.*?)</p>', html).group(1)
    assert title == "<strong>泉州市2026年度四星级零工市场</strong>"
    history = re.search(r'<ul class="star-history" id="star-history">(.*?)</ul>', html, re.S).group(1)
    assert re.findall(r"<li>(.*?)</li>", history) == [
        "2026年度 四星：泉州市2026年度四星级零工市场（2026年12月20日认定）",
        "2025年度 五星",
        "2024年度 三星",
    ]


def test_a_rating_without_an_official_title_shows_no_title_line(client, markets):
    assert 'id="star-title"' not in client.get(markets[0].url).content.decode()


def test_directory_entries_and_map_markers_carry_the_current_award(client, markets):
    award_2026(markets[0])
    response = client.get("/markets/?city=quanzhou")
    entry = re.search(
        rf'<li class="market-item" data-market-id="{markets[0].pk}">(.*?)</li>', response.content.decode(), re.S
    )
    assert '<span class="star-title">泉州市2026年度四星级零工市场</span>' in entry.group(1)
    markers = {marker["title"]: marker for marker in map_markers(client, "city=quanzhou")}
    assert markers["晋江市零工市场"]["official_title"] == "泉州市2026年度四星级零工市场"
    assert "official_title" not in markers["晋江市陈埭镇零工驿站"]


def test_market_page_carries_government_office_json_ld(client, markets):
    html = client.get(markets[0].url).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "GovernmentOffice"
    assert data["name"] == "晋江市零工市场"
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 24.787, "longitude": 118.558}
    assert data["address"]["addressLocality"] == "晋江市"
    monday = data["openingHoursSpecification"][0]
    assert monday == {
        "@type": "OpeningHoursSpecification",
        "dayOfWeek": "https://schema.org/Monday",
        "opens": "09:00",
        "closes": "17:00",
    }


def test_qr_code_points_to_the_public_page(markets, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://lgsc.example.gov.cn"
    assert markets[0].public_url() == "https://lgsc.example.gov.cn" + markets[0].url
    assert "晋江市零工市场 二维码" in markets[0].qr_svg()


def test_sample_market_page_says_it_is_sample_data(client, home):
    from markets.models import MarketPage

    sample = MarketPage.objects.filter(is_sample=True).first()
    html = client.get(sample.url).content.decode()
    assert "示例数据：本页为演示用的示例零工市场（驿站），并非真实机构。" in html
    assert sample.get_admin_display_title().startswith("【示例数据】")


def test_official_name_not_in_the_standard_form_is_refused(markets):
    market = markets[1]
    market.title = "陈埭零工之家"
    with pytest.raises(ValidationError) as error:
        market.full_clean()
    assert "名称应以所在县（市、区）“晋江市”开头" in error.value.message_dict["title"][0]


# --- a withdrawn market (已退出; 宁德方案三（四）“动态退出”) -------------------------------------------


@pytest.fixture
def withdrawn(markets, time_machine):
    """A station next to 晋江市零工市场 that withdrew yesterday."""
    time_machine.move_to(MONDAY_MORNING, tick=False)
    return make_market(
        "晋江市",
        name="晋江市青阳街道零工驿站",
        facility_type="station",
        lat=24.7875,
        lng=118.5585,
        township="青阳街道",
        status="withdrawn",
        withdrawn_on=MONDAY_MORNING.date() - timedelta(days=1),
    )


def test_a_withdrawn_market_leaves_the_directory_and_its_map(client, withdrawn):
    response = client.get("/markets/")
    assert set(listed_names(response)) == {"晋江市零工市场", "晋江市陈埭镇零工驿站", "蕉城区零工市场"}
    assert "共找到 3 处" in response.content.decode()
    assert withdrawn.pk not in [marker["id"] for marker in map_markers(client)]
    assert "青阳街道" not in response.content.decode()  # nor is its township offered as a place to start from


def test_a_withdrawn_market_leaves_its_countys_page(client, withdrawn):
    html = client.get(withdrawn.get_parent().url).content.decode()
    assert "晋江市零工市场" in html and "晋江市青阳街道零工驿站" not in html


def test_a_withdrawn_market_is_not_among_the_nearest_found_from_the_home_page(client, withdrawn):
    # The home page's finder sends the visitor's position to the directory; standing at the withdrawn station.
    response = client.get("/markets/", {"lat": withdrawn.latitude, "lng": withdrawn.longitude})
    assert listed_names(response) == ["晋江市零工市场", "晋江市陈埭镇零工驿站", "蕉城区零工市场"]


def test_a_withdrawn_market_page_says_at_the_top_since_when_and_points_to_the_directory(client, withdrawn):
    response = client.get(withdrawn.url)
    assert response.status_code == 200
    html = response.content.decode()
    banner = re.search(r'<div class="withdrawn-banner">(.*?)</div>', html, re.S).group(1)
    assert "该零工驿站已于2026年11月22日退出，不再提供服务。" in banner
    assert '<a href="/markets/">查看正在提供服务的零工市场（驿站）</a>' in banner
    assert html.index("withdrawn-banner") < html.index('<h1 class="page-title">')
    assert "已退出" in html  # the status badge


def test_an_operating_market_page_has_no_withdrawal_notice(client, markets):
    assert "withdrawn-banner" not in client.get(markets[0].url).content.decode()


def test_a_market_withdrawn_before_the_date_was_kept_says_so_without_a_date(client, markets):
    MarketPage.objects.filter(pk=markets[2].pk).update(status="withdrawn")  # as stored before 退出日期 existed
    html = client.get(markets[2].url).content.decode()
    assert "该零工市场已退出，不再提供服务。" in html and "已于" not in html


# --- at any size: filtered, ordered and paginated in the database ---------------------------------------------


def test_the_list_comes_in_pages_keeping_the_filters(client, markets, monkeypatch):
    assert directory.PER_PAGE == 50
    monkeypatch.setattr(directory, "PER_PAGE", 5)  # 5 to a page: the same paging with fewer markets to publish
    for n in range(7):
        make_market("晋江市", name=f"晋江市测试{n:02d}零工市场", lat=24.7 + n / 1000, lng=118.5)
    first = client.get("/markets/?type=market")
    html = first.content.decode()
    assert "共找到 9 处" in html and len(listed_names(first)) == 5
    assert "第 1 页，共 2 页" in html
    assert 'href="?type=market&amp;page=2#results-heading"' in html
    second = client.get("/markets/?type=market&page=2")
    assert len(listed_names(second)) == 4 and "晋江市陈埭镇零工驿站" not in listed_names(second)
    assert listed_names(client.get("/markets/?type=market&page=99")) == listed_names(second)  # past the end: the last


def test_a_special_opening_counts_for_open_now_and_a_holiday_closes(client, markets, time_machine):
    time_machine.move_to(MONDAY_MORNING, tick=False)
    jinjiang, station, _jiaocheng = markets
    MarketHoursException.objects.create(market=jinjiang, date=MONDAY_MORNING.date(), closed_all_day=True)
    MarketHoursException.objects.create(
        market=station, date=MONDAY_MORNING.date(), closed_all_day=False, opens=time(9), closes=time(11)
    )
    assert listed_names(client.get("/markets/?open_now=on")) == ["晋江市陈埭镇零工驿站", "蕉城区零工市场"]


def test_the_star_filter_reads_the_most_recent_year(client, markets):
    record_star_rating(markets[0], 2026, 3)  # 5 stars in 2025, 3 in 2026: three now
    assert listed_names(client.get("/markets/?star=4")) == ["蕉城区零工市场"]
