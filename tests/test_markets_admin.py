"""The bureau's side: construction statistics and their xlsx export, county editors' scope, sample data."""

import io
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from markets import seed
from markets.construction import Quarter
from markets.models import ConstructionTarget, CountyDirectoryPage, MarketPage
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
    before = MarketPage.objects.count()
    seed.load(home, io.StringIO())
    assert MarketPage.objects.count() == before


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


def market_form_data(county_name="晋江市", star_ratings=(), **fields):
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
        "star_ratings": inline_formset(list(star_ratings)),
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


# --- star ratings: Quanzhou rates its markets, not its stations ---------------------------------------


def test_a_quanzhou_station_cannot_be_given_a_star_rating(client, home):
    """泉州方案二（二）1 “所在地人社部门每年度负责对零工市场进行星级认定”; 二（二）2 for stations only
    “对零工驿站工作情况进行核查。得分满90分及以上的，每家一次性给予3万元补贴”: no stars."""
    client.force_login(make_county_staff("晋江市", "县级编辑"))
    data = market_form_data("晋江市", star_ratings=[{"year": "2025", "stars": "5"}])
    response = client.post(add_market_url("晋江市"), data)
    assert response.status_code == 200
    assert admin_field_error(response.content.decode(), "stars") == (
        "泉州市的零工驿站不评定星级：泉州方案二（二）2规定“所在地人社部门每年度负责对零工驿站工作情况进行核查”，"
        "按得分给予绩效补助；星级认定只适用于零工市场（二（二）1）。请删除此条星级认定。"
    )
    assert not MarketPage.objects.filter(slug="chendai").exists()


@pytest.mark.parametrize(
    ("county", "facility_type", "title"),
    [("晋江市", "market", "晋江市零工市场"), ("蕉城区", "station", "蕉城区漳湾镇零工驿站")],
    ids=["quanzhou-market", "ningde-station"],
)
def test_quanzhou_markets_and_ningde_stations_keep_their_star_ratings(client, home, county, facility_type, title):
    """宁德方案二（四）1: “被评为五星、四星、三星的，…零工驿站按照3万元、2万元、1万元给予绩效补助”."""
    client.force_login(make_city_staff("泉州市" if county == "晋江市" else "宁德市"))
    data = market_form_data(
        county,
        title=title,
        facility_type=facility_type,
        address=f"{county}示例路1号",
        star_ratings=[{"year": "2025", "stars": "4"}],
    )
    assert client.post(add_market_url(county), data).status_code == 302
    assert MarketPage.objects.get(slug="chendai").star_history == [{"year": 2025, "stars": 4}]
