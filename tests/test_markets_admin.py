"""The bureau's side: construction statistics and their xlsx export, county editors' scope, sample data."""

import io
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from openpyxl import load_workbook
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from markets import seed
from markets.construction import Quarter
from markets.models import ConstructionTarget, CountyDirectoryPage, MarketPage, MarketStarRating, record_star_rating
from portal.regions import County

from .markets_factories import make_market, remove_samples
from .utils import make_city_staff, make_county_staff, make_user

pytestmark = pytest.mark.django_db
MONDAY_MORNING = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_quarters_know_their_dates():
    assert Quarter.parse("2026q1").end == date(2026, 3, 31)
    assert Quarter.parse("2026Q2").end == date(2026, 6, 30)
    assert Quarter.parse("2026Q4").start == date(2026, 10, 1)
    assert Quarter.parse("2026Q5") is None
    assert Quarter.parse("nonsense") is None
    assert Quarter.containing(date(2026, 11, 23)) == Quarter(2026, 4)


def test_ningde_target_is_seeded_from_the_plan(home):
    target = ConstructionTarget.objects.get(city__slug="ningde", county=None)
    assert (target.markets_target, target.stations_target, target.deadline) == (10, 100, date(2025, 12, 31))
    assert "宁人社规〔2024〕3号" in target.source
    assert target.is_interpretation is False
    per_county = ConstructionTarget.objects.filter(city__slug="ningde", county__isnull=False)
    assert per_county.count() == 9  # every county, the functional zone 东侨 aside
    assert all(target.is_interpretation for target in per_county)


@pytest.fixture
def built(home):
    remove_samples()
    make_market("蕉城区", name="蕉城区零工市场", lat=26.66, lng=119.52, recognized_on=date(2026, 10, 8))
    make_market("蕉城区", name="蕉城区漳湾镇零工驿站", facility_type="station", recognized_on=date(2025, 5, 1))
    make_market("福安市", name="福安市零工市场", recognized_on=date(2026, 12, 1))  # after 2026Q3
    make_market("晋江市", name="晋江市零工市场", recognized_on=date(2025, 3, 1))


def test_city_staff_export_the_quarterly_summary_as_xlsx(client, built):
    client.force_login(make_city_staff("宁德市"))
    response = client.get("/admin/markets/construction.xlsx?quarter=2026Q4")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="construction-summary-2026Q4.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert "2026年第4季度" in sheet["A1"].value
    assert "本表栏目为本平台的理解" in sheet["A2"].value
    rows = {row[0]: row for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert "晋江市" not in rows  # Ningde's staff see Ningde only
    assert rows["蕉城区"][1:5] == (1, 1, 1, 0)  # a market (new this quarter) and a station
    assert rows["蕉城区"][5] == "1/1（已完成）"
    assert rows["福安市"][1] == 1
    assert rows["周宁县"][5] == "0/1（差1）"
    assert rows["周宁县"][7].startswith("【理解】")
    total = rows["宁德市合计"]
    assert total[1:3] == (2, 1)
    assert total[5:7] == ("2/10（差8）", "1/100（差99）")


def test_summary_counts_only_what_was_recognized_by_the_quarter_end(client, built):
    client.force_login(make_city_staff("宁德市"))
    sheet = load_workbook(io.BytesIO(client.get("/admin/markets/construction.xlsx?quarter=2026Q3").content)).active
    rows = {row[0]: row for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert rows["福安市"][1] == 0  # recognized in December 2026
    assert rows["蕉城区"][3] == 0  # recognized in October, not new in Q3
    assert rows["蕉城区"][1] == 0


def test_county_staff_see_only_their_county_in_the_summary(client, built):
    client.force_login(make_county_staff("福安市", "县级编辑"))
    response = client.get("/admin/markets/construction/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "福安市" in html and "蕉城区" not in html
    assert "导出季度建设情况汇总表（xlsx）" in html


def test_people_without_a_scope_cannot_see_the_summary(client, built):
    client.force_login(make_user("operator", groups=["运营单位"], is_staff=False))
    response = client.get("/admin/markets/construction.xlsx")
    assert response.status_code == 302 and response.url == "/admin/login/?next=/admin/markets/construction.xlsx"


def test_county_editors_edit_only_their_own_countys_markets(home):
    jinjiang = make_market("晋江市", name="晋江市零工市场")
    shishi = make_market("石狮市", name="石狮市零工市场", lat=24.73, lng=118.65)
    editor = make_county_staff("晋江市", "县级编辑")
    assert jinjiang.permissions_for_user(editor).can_edit()
    assert jinjiang.permissions_for_user(editor).can_publish()
    assert not shishi.permissions_for_user(editor).can_edit()
    jinjiang_directory = jinjiang.get_parent()
    assert jinjiang_directory.permissions_for_user(editor).can_add_subpage()
    assert not shishi.get_parent().permissions_for_user(editor).can_add_subpage()


def test_county_editor_opens_own_market_in_the_admin_but_not_another(client, home):
    jinjiang = make_market("晋江市", name="晋江市零工市场")
    shishi = make_market("石狮市", name="石狮市零工市场", lat=24.73, lng=118.65)
    client.force_login(make_county_staff("晋江市", "县级编辑"))
    assert client.get(f"/admin/pages/{jinjiang.pk}/edit/").status_code == 200
    response = client.get(f"/admin/pages/{shishi.pk}/edit/")
    assert response.status_code == 302 and response.url == "/admin/"  # Wagtail's "permission denied" redirect


def test_sample_markets_are_seeded_once_spread_over_both_cities_inside_their_counties(home):
    samples = MarketPage.objects.filter(is_sample=True).select_related("county__city")
    assert samples.count() == len(seed.SAMPLE_MARKETS) == 40
    assert {market.county.city.slug for market in samples} == {"quanzhou", "ningde"}
    assert County.objects.exclude(marketpage__is_sample=True).count() == 0  # every county has one
    for market in samples:
        assert abs(market.latitude - float(market.county.latitude)) <= 0.05
        assert abs(market.longitude - float(market.county.longitude)) <= 0.05
        assert market.title.startswith(market.county.name)
        market.full_clean()  # names in the standard form
    rated = [row for row in seed.SAMPLE_MARKETS if row[-1]]
    ratings = MarketStarRating.objects.filter(market__is_sample=True).select_related("market__county__city")
    assert ratings.count() == len(rated) and {rating.source for rating in ratings} == {"示例数据"}
    jinjiang = ratings.get(market__county__name="晋江市", market__facility_type="market")
    assert jinjiang.official_title == f"泉州市2025年度{seed.STAR_NUMERALS[jinjiang.stars]}星级零工市场"
    assert {r.official_title for r in ratings if r.market.county.city.slug == "ningde"} == {""}  # Ningde names none
    before = MarketPage.objects.count(), ratings.count()
    seed.load(home, io.StringIO())
    assert (MarketPage.objects.count(), ratings.count()) == before


def test_remove_sample_markets_deletes_only_samples(home):
    real = make_market("晋江市", name="晋江市零工市场")
    out = io.StringIO()
    call_command("remove_sample_markets", stdout=out)
    assert not MarketPage.objects.filter(is_sample=True).exists()
    assert MarketPage.objects.filter(pk=real.pk).exists()
    assert "已删除示例零工市场（驿站）40 处" in out.getvalue()


def test_sample_markets_are_marked_in_the_admin_listing(client, home):
    client.force_login(make_city_staff("泉州市"))
    county_page = MarketPage.objects.filter(is_sample=True, county__name="晋江市").first().get_parent()
    html = client.get(f"/admin/pages/{county_page.pk}/").content.decode()
    assert "【示例数据】晋江市零工市场" in html


def add_market_url(county_name):
    return f"/admin/pages/add/markets/marketpage/{CountyDirectoryPage.objects.get(county__name=county_name).pk}/"


def market_form_data(county_name="晋江市", **fields):
    """What the admin's page editor posts for a new market or station."""
    values = {
        "title": "晋江市陈埭镇零工驿站",
        "slug": "chendai",
        "facility_type": "station",
        "status": "operating",
        "county": County.objects.get(name=county_name).pk,
        "address": "晋江市陈埭镇鞋都路1号",
        "latitude": "24.81",
        "longitude": "118.59",
        "opening_hours": inline_formset([]),
        "hours_exceptions": inline_formset([]),
        "public_welfare_jobs": inline_formset([]),
        "training_sessions": inline_formset([]),
        "legal_help_channels": inline_formset([]),
        "photos": streamfield([]),
    }
    values.update(fields)
    return nested_form_data(values)


def admin_field_error(html, contentpath):
    """The error shown in the field's own block of the Wagtail editor (its block carries the field's name)."""
    block = rf'data-contentpath="{contentpath}">\s*<div class="w-field__errors"[^>]*>(.*?)</div>'
    match = re.search(block, html, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split()) if match else ""


def test_admin_form_explains_a_name_not_in_the_standard_form(client, home):
    url = add_market_url("晋江市")
    client.force_login(make_county_staff("晋江市", "县级编辑"))
    assert client.get(url).status_code == 200
    data = market_form_data(title="陈埭零工之家")
    response = client.post(url, data)
    assert response.status_code == 200  # the form comes back, nothing saved
    html = response.content.decode()
    assert "名称应以所在县（市、区）“晋江市”开头" in html
    assert "晋江市陈埭镇鞋都路1号" in html  # what was typed is kept
    assert not MarketPage.objects.filter(slug="chendai").exists()
    data["title"] = "晋江市陈埭镇零工驿站"
    response = client.post(url, data)
    assert response.status_code == 302
    assert MarketPage.objects.get(slug="chendai").title == "晋江市陈埭镇零工驿站"


# --- withdrawal (已退出; 宁德方案三（四）“动态退出”) -------------------------------------------------


@pytest.fixture
def editor(client, home, time_machine):
    time_machine.move_to(MONDAY_MORNING, tick=False)
    client.force_login(make_county_staff("晋江市", "县级编辑"))
    return client


@pytest.mark.parametrize(
    ("status", "withdrawn_on", "message"),
    [
        ("withdrawn", "", "运营状态为“已退出”时，请填写退出日期。"),
        ("operating", "2026-11-22", "只有运营状态为“已退出”时才填写退出日期；恢复运营的，请清空退出日期。"),
        ("withdrawn", "2026-11-24", "退出日期不能晚于今天；计划退出的，请在退出当天再改为“已退出”。"),
    ],
    ids=["withdrawn-without-date", "date-without-withdrawal", "date-tomorrow"],
)
def test_the_withdrawal_date_goes_with_the_withdrawn_status(editor, status, withdrawn_on, message):
    response = editor.post(add_market_url("晋江市"), market_form_data(status=status, withdrawn_on=withdrawn_on))
    assert response.status_code == 200
    assert admin_field_error(response.content.decode(), "withdrawn_on") == message
    assert not MarketPage.objects.filter(slug="chendai").exists()


def test_a_withdrawn_market_is_saved_with_its_date(editor):
    response = editor.post(add_market_url("晋江市"), market_form_data(status="withdrawn", withdrawn_on="2026-11-22"))
    assert response.status_code == 302
    assert MarketPage.objects.get(slug="chendai").withdrawn_on == date(2026, 11, 22)


def test_a_withdrawn_station_counts_for_the_quarters_it_served_and_not_after(client, built, time_machine):
    time_machine.move_to(MONDAY_MORNING, tick=False)
    make_market(
        "福安市",
        name="福安市湾坞镇零工驿站",
        facility_type="station",
        recognized_on=date(2025, 6, 1),
        status="withdrawn",
        withdrawn_on=date(2026, 11, 2),
    )
    client.force_login(make_city_staff("宁德市"))

    def fuan_stations(quarter):
        response = client.get(f"/admin/markets/construction.xlsx?quarter={quarter}")
        rows = {row[0]: row for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)}
        return rows["福安市"][2]

    assert fuan_stations("2026Q3") == 1  # in service on 30 September
    assert fuan_stations("2026Q4") == 0  # withdrawn on 2 November


# --- star ratings (星级认定): the bureau's record, apart from the page ----------------------------------------

RATINGS_URL = "/admin/snippets/markets/marketstarrating/"
QUANZHOU_STATION_NOT_RATED = (
    "泉州市的零工驿站不评定星级：泉州方案二（二）2规定“所在地人社部门每年度负责对零工驿站工作情况进行核查”，"
    "按得分给予绩效补助；星级认定只适用于零工市场（二（二）1）。"
)


def rating_form_data(market, **fields):
    return {
        "market": market.pk,
        "year": "2025",
        "stars": "4",
        "official_title": "",
        "awarded_on": "",
        "source": "人工录入",
    } | fields


def test_a_quanzhou_station_cannot_be_given_a_star_rating(client, home):
    """泉州方案二（二）1 “所在地人社部门每年度负责对零工市场进行星级认定”; 二（二）2 for stations only
    “对零工驿站工作情况进行核查。得分满90分及以上的，每家一次性给予3万元补贴”: no stars."""
    station = make_market("晋江市", name="晋江市陈埭镇零工驿站", facility_type="station")
    client.force_login(make_county_staff("晋江市", "县级编辑"))
    response = client.post(f"{RATINGS_URL}add/", rating_form_data(station, stars="5"))
    assert response.status_code == 200
    assert admin_field_error(response.content.decode(), "stars") == QUANZHOU_STATION_NOT_RATED
    assert not station.star_ratings.exists()


@pytest.mark.parametrize(
    ("county", "facility_type", "title"),
    [("晋江市", "market", "晋江市零工市场"), ("蕉城区", "station", "蕉城区漳湾镇零工驿站")],
    ids=["quanzhou-market", "ningde-station"],
)
def test_quanzhou_markets_and_ningde_stations_are_rated(client, home, county, facility_type, title):
    """宁德方案二（四）1: “被评为五星、四星、三星的，…零工驿站按照3万元、2万元、1万元给予绩效补助”."""
    market = make_market(county, name=title, facility_type=facility_type)
    client.force_login(make_county_staff(county, "县级编辑"))
    data = rating_form_data(market, official_title=f"2025年度四星级{title[-4:]}", awarded_on="2026-01-15")
    response = client.post(f"{RATINGS_URL}add/", data)
    assert response.status_code == 302 and response.url == RATINGS_URL
    rating = market.star_ratings.get()
    assert (rating.market_id, rating.year, rating.stars, rating.awarded_on) == (market.pk, 2025, 4, date(2026, 1, 15))
    assert rating.source == "人工录入"
    assert MarketPage.objects.get(pk=market.pk).star_history == [
        {"year": 2025, "stars": 4, "official_title": f"2025年度四星级{title[-4:]}"}
    ]


def test_a_second_rating_of_the_same_year_is_explained_next_to_the_year(client, home):
    market = make_market("蕉城区", name="蕉城区零工市场", stars={2025: 3})
    client.force_login(make_county_staff("蕉城区", "县级编辑"))
    response = client.post(f"{RATINGS_URL}add/", rating_form_data(market, stars="5"))
    assert response.status_code == 200
    html = response.content.decode()
    assert admin_field_error(html, "year") == "该零工市场（驿站）已有2025年度的星级认定，请打开原记录修改。"
    assert list(market.star_ratings.values_list("stars", flat=True)) == [3]


def test_staff_rate_only_their_own_counties_markets(client, home):
    fuan = make_market("福安市", name="福安市零工市场")
    client.force_login(make_county_staff("蕉城区", "县级编辑"))
    response = client.post(f"{RATINGS_URL}add/", rating_form_data(fuan))
    assert response.status_code == 200
    assert admin_field_error(response.content.decode(), "market") == "选择一个有效的选项： 该选择不在可用的选项中。"
    assert not fuan.star_ratings.exists()


@pytest.fixture
def ratings_of_both_cities(home):
    remove_samples()
    return {
        "jinjiang": make_market("晋江市", name="晋江市零工市场", stars={2025: 5}).star_ratings.get(),
        "jiaocheng": make_market("蕉城区", name="蕉城区零工市场", stars={2025: 4}).star_ratings.get(),
        "fuan": make_market("福安市", name="福安市零工市场", stars={2025: 3}).star_ratings.get(),
    }


def listed_ratings(client):
    response = client.get(RATINGS_URL)
    assert response.status_code == 200
    return sorted(rating.market.title for rating in response.context["object_list"])


@pytest.mark.parametrize(
    ("staff", "listed"),
    [
        (lambda: make_city_staff("宁德市"), ["福安市零工市场", "蕉城区零工市场"]),
        (lambda: make_county_staff("蕉城区", "县级编辑"), ["蕉城区零工市场"]),
        (lambda: make_city_staff("泉州市", "市级管理员"), ["晋江市零工市场"]),
    ],
    ids=["ningde-city-editor", "jiaocheng-county-editor", "quanzhou-city-admin"],
)
def test_the_ratings_list_shows_only_the_staff_s_own_markets(client, ratings_of_both_cities, staff, listed):
    client.force_login(staff())
    assert listed_ratings(client) == listed


@pytest.mark.parametrize(
    "staff",
    [lambda: make_city_staff("宁德市"), lambda: make_county_staff("蕉城区", "县级编辑")],
    ids=["ningde-city-editor", "jiaocheng-county-editor"],
)
def test_ningde_staff_cannot_open_a_quanzhou_rating(client, ratings_of_both_cities, staff):
    jinjiang = ratings_of_both_cities["jinjiang"]
    client.force_login(staff())
    assert client.get(f"{RATINGS_URL}edit/{jinjiang.pk}/").status_code == 404
    assert client.post(f"{RATINGS_URL}edit/{jinjiang.pk}/", {"year": "2025", "stars": "3"}).status_code == 404
    assert client.post(f"{RATINGS_URL}delete/{jinjiang.pk}/").status_code == 404
    jinjiang.refresh_from_db()
    assert jinjiang.stars == 5


def test_the_ratings_list_shows_county_stars_title_source_and_date(client, ratings_of_both_cities):
    record_star_rating(
        ratings_of_both_cities["jiaocheng"].market,
        2025,
        4,
        official_title="宁德市2025年度四星级零工市场",
        awarded_on=date(2026, 1, 15),
        source="人工录入",
    )
    client.force_login(make_county_staff("蕉城区", "县级编辑"))
    html = client.get(RATINGS_URL).content.decode()
    row = re.search(r"<tbody>(.*?)</tbody>", html, re.S).group(1)
    cells = [" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    assert [cell for cell in cells if cell] == [
        "蕉城区零工市场",
        "蕉城区",
        "2025",
        "四星",
        "宁德市2025年度四星级零工市场",
        "人工录入",
        "2026年1月15日",
    ]


def test_the_ratings_list_is_searched_by_market_and_filtered_by_year_and_stars(client, ratings_of_both_cities):
    make_market("福安市", name="福安市湾坞镇零工驿站", facility_type="station", stars={2024: 3})
    client.force_login(make_city_staff("宁德市"))
    response = client.get(RATINGS_URL, {"q": "福安"})
    assert sorted((r.market.title, r.year) for r in response.context["object_list"]) == [
        ("福安市湾坞镇零工驿站", 2024),
        ("福安市零工市场", 2025),
    ]
    response = client.get(RATINGS_URL, {"year": "2025", "stars": "4"})
    assert [r.market.title for r in response.context["object_list"]] == ["蕉城区零工市场"]


def test_a_county_editor_corrects_a_rating_but_not_its_market(client, ratings_of_both_cities):
    jiaocheng = ratings_of_both_cities["jiaocheng"]
    fuan_market = ratings_of_both_cities["fuan"].market
    client.force_login(make_county_staff("蕉城区", "县级编辑"))
    data = rating_form_data(fuan_market, stars="5", official_title="宁德市2025年度五星级零工市场")
    response = client.post(f"{RATINGS_URL}edit/{jiaocheng.pk}/", data)
    assert response.status_code == 302
    jiaocheng.refresh_from_db()
    assert (jiaocheng.market.title, jiaocheng.stars) == ("蕉城区零工市场", 5)  # the market stays
    assert jiaocheng.official_title == "宁德市2025年度五星级零工市场"


def test_only_a_city_administrator_deletes_a_rating(client, ratings_of_both_cities):
    jiaocheng = ratings_of_both_cities["jiaocheng"]
    client.force_login(make_county_staff("蕉城区", "县级编辑"))
    response = client.post(f"{RATINGS_URL}delete/{jiaocheng.pk}/")
    assert response.status_code == 302 and response.url == "/admin/"  # Wagtail's "permission denied" redirect
    assert MarketStarRating.objects.filter(pk=jiaocheng.pk).exists()
    client.force_login(make_city_staff("宁德市", "市级管理员"))
    assert client.post(f"{RATINGS_URL}delete/{jiaocheng.pk}/").status_code == 302
    assert not MarketStarRating.objects.filter(pk=jiaocheng.pk).exists()


def test_saving_or_reverting_the_page_keeps_its_ratings(client, home):
    """A page revision cannot drop an award: the ratings are no part of the page's content."""
    market = make_market("蕉城区", name="蕉城区零工市场")
    old_revision = market.latest_revision
    record_star_rating(market, 2025, 4, source="人工录入")
    client.force_login(make_county_staff("蕉城区", "县级编辑"))
    edit = f"/admin/pages/{market.pk}/edit/"
    data = market_form_data(
        "蕉城区", title="蕉城区零工市场", facility_type="market", slug=market.slug, address="蕉城区示例路1号"
    )
    assert client.post(edit, data | {"action-publish": "publish"}).status_code == 302
    old_revision.publish()
    market = MarketPage.objects.get(pk=market.pk)
    assert market.address == "" and market.star_history == [{"year": 2025, "stars": 4, "official_title": ""}]


def test_the_page_editor_points_to_the_ratings(client, home):
    market = make_market("蕉城区", name="蕉城区零工市场")
    record_star_rating(market, 2025, 4, official_title="宁德市2025年度四星级零工市场")
    client.force_login(make_county_staff("蕉城区", "县级编辑"))
    html = client.get(f"/admin/pages/{market.pk}/edit/").content.decode()
    panel = re.search(r'<div class="help-block help-info" id="star-ratings-help">(.*?)</div>', html, re.S).group(1)
    text = " ".join(re.sub(r"<[^>]+>", " ", panel).split())
    assert text == (
        "星级认定不在本页编辑：年度考核结果经公示无异议后自动记入；历年的认定由人社部门在后台菜单“星级认定”中录入或更正。"
        " 2025年度四星（宁德市2025年度四星级零工市场） 前往“星级认定”"
    )
    assert f'href="{RATINGS_URL}?q=%E8%95%89%E5%9F%8E%E5%8C%BA%E9%9B%B6%E5%B7%A5%E5%B8%82%E5%9C%BA"' in panel
    assert 'name="star_ratings-TOTAL_FORMS"' not in html


# --- record_star_rating: what the annual assessment calls -------------------------------------------------------


def test_record_star_rating_creates_the_year_s_row_once_and_updates_it(home):
    market = make_market("晋江市", name="晋江市零工市场")
    first = record_star_rating(
        market,
        2026,
        4,
        official_title="泉州市2026年度四星级零工市场",
        awarded_on=date(2026, 12, 20),
        source="年度考核 KH20261201-0001，公示期满无异议",
    )
    again = record_star_rating(market, 2026, 5, official_title="泉州市2026年度五星级零工市场", source="更正")
    assert again.pk == first.pk and market.star_ratings.count() == 1
    again.refresh_from_db()
    assert (again.stars, again.official_title, again.awarded_on, again.source) == (
        5,
        "泉州市2026年度五星级零工市场",
        None,
        "更正",
    )


def test_record_star_rating_refuses_a_quanzhou_station(home):
    station = make_market("晋江市", name="晋江市陈埭镇零工驿站", facility_type="station")
    with pytest.raises(ValidationError) as raised:
        record_star_rating(station, 2026, 5, source="年度考核")
    assert raised.value.message_dict == {"stars": [QUANZHOU_STATION_NOT_RATED]}
    assert not station.star_ratings.exists()


def test_record_star_rating_refuses_stars_outside_three_to_five(home):
    market = make_market("蕉城区", name="蕉城区零工市场")
    with pytest.raises(ValidationError) as raised:
        record_star_rating(market, 2026, 2)
    assert list(raised.value.message_dict) == ["stars"]
    assert not market.star_ratings.exists()
