"""The bureau imports a year's wage guide from xlsx in the admin: all rows or none."""

import io
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from portal.regions import City
from wages.bands import COLUMNS
from wages.models import WageGuidePage
from wages.validation import band_errors, check_rows

from .utils import make_city_staff, make_county_staff
from .wages_factories import GOOD_ROWS, HEADINGS, xlsx_file

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/wage-guide/import/"
COLUMN_KEYS = [key for key, _heading in COLUMNS]


@pytest.fixture
def quanzhou_editor(home, client):
    user = make_city_staff("泉州市", "市级编辑")
    client.force_login(user)
    return user


def post_import(client, rows, *, city="quanzhou", year=2027, headings=HEADINGS):
    return client.post(
        IMPORT_URL,
        {
            "city": City.objects.get(slug=city).pk,
            "year": year,
            "survey_period": f"{year}年1月—6月",
            "issuing_body": "泉州市人力资源和社会保障局",
            "file": xlsx_file(rows, headings),
        },
        follow=True,
    )


def snapshot(guide):
    return list(guide.rates.values_list("occupation", "pay_unit", "low", "median", "high"))


def test_a_good_file_imports_in_full_and_is_published(quanzhou_editor, client):
    response = post_import(client, GOOD_ROWS)
    assert "已导入" in response.content.decode() and "共 4 个职业（工种）" in response.content.decode()
    guide = WageGuidePage.objects.get(city__slug="quanzhou", year=2027)
    assert guide.live and not guide.is_sample
    assert [rate.occupation for rate in guide.rates.all()] == ["泥水工", "保洁员", "养老护理员", "外卖/快递配送"]
    mason = guide.rates.get(occupation="泥水工")
    assert (mason.pay_unit, mason.low, mason.median, mason.high, mason.is_shortage) == ("天", 280, 350, 460, True)
    carer = guide.rates.get(occupation="养老护理员")
    assert carer.lower_quartile is None and carer.occupation_code == "4-10-01-05"
    public = client.get(guide.url).content.decode()
    assert "泥水工" in public and "350" in public and "示例数据" not in public.split("<main")[1].split("下载本表")[0]


def test_one_bad_row_refuses_the_whole_file_and_keeps_the_old_guide(quanzhou_editor, client):
    guide = WageGuidePage.objects.get(city__slug="quanzhou", year=2026)
    before = snapshot(guide)
    rows = [*GOOD_ROWS, ["木工", "", "建筑装修", "天", 300, 280, 330, 370, 430, "", ""]]
    response = post_import(client, rows, year=2026)
    html = response.content.decode()
    assert "整表未导入，没有保存任何一行" in html
    assert "第6行" in html and "低位数（300.00）高于下四分位数（280.00）" in html
    assert snapshot(WageGuidePage.objects.get(pk=guide.pk)) == before
    assert not WageGuidePage.objects.get(pk=guide.pk).rates.filter(occupation="木工", low=300).exists()


def test_a_bad_row_in_a_new_year_creates_no_guide(quanzhou_editor, client):
    response = post_import(client, [*GOOD_ROWS, ["钢筋工", "", "", "周", 250, "", 320, "", 420, "", ""]], year=2028)
    assert "计价单位“周”无法识别，只能是小时、天、件、月" in response.content.decode()
    assert not WageGuidePage.objects.filter(year=2028).exists()


@pytest.mark.parametrize(
    "bad_row,reason",
    [
        (["焊工", "", "", "天", -10, "", 320, "", 420, "", ""], "低位数必须大于0"),
        (["焊工", "", "", "天", 250, "", 0, "", 420, "", ""], "中位数必须大于0"),
        (["焊工", "", "", "天", 250, "", 430, "", 420, "", ""], "中位数（430.00）高于高位数（420.00）"),
        (["焊工", "", "", "天", 250, "", "", "", 420, "", ""], "缺少中位数"),
        (["焊工", "", "", "天", 250, "", "三百", "", 420, "", ""], "中位数“三百”不是数字"),
        (["泥水工", "", "", "天", 250, "", 320, "", 420, "", ""], "职业（工种）“泥水工”与第2行重复"),
        (["", "", "", "天", 250, "", 320, "", 420, "", ""], "缺少职业（工种）名称"),
    ],
)
def test_each_bad_row_is_listed_with_its_reason_in_chinese(quanzhou_editor, client, bad_row, reason):
    response = post_import(client, [*GOOD_ROWS, bad_row])
    html = response.content.decode()
    assert "第6行" in html and reason in html
    assert not WageGuidePage.objects.filter(year=2027).exists()


def test_several_bad_rows_are_all_listed(quanzhou_editor, client):
    rows = [
        ["泥水工", "", "", "周", 250, "", 320, "", 420, "", ""],
        ["木工", "", "", "天", 250, "", 520, "", 420, "", ""],
        *GOOD_ROWS[1:],
    ]
    html = post_import(client, rows).content.decode()
    assert html.count('class="import-error"') == 2 and "第2行" in html and "第3行" in html


def test_a_file_without_the_template_headings_is_refused(quanzhou_editor, client):
    html = post_import(client, GOOD_ROWS, headings=["名称", "单位"] + HEADINGS[2:]).content.decode()
    assert "表头缺少“职业（工种）”列，请使用导入模板" in html
    assert not WageGuidePage.objects.filter(year=2027).exists()


def test_a_file_that_is_not_xlsx_gets_a_message_next_to_the_field(quanzhou_editor, client):
    response = client.post(
        IMPORT_URL,
        {
            "city": City.objects.get(slug="quanzhou").pk,
            "year": 2027,
            "survey_period": "2027年",
            "issuing_body": "x",
            "file": SimpleUploadedFile("价位表.csv", b"a,b", content_type="text/csv"),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"file": ["只接受 .xlsx 文件，请用导入模板填写"]}
    assert "只接受 .xlsx 文件，请用导入模板填写" in response.content.decode()


def test_the_downloadable_template_has_the_columns_and_imports_cleanly(quanzhou_editor, client):
    response = client.get(reverse("wages_import_template"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADINGS
    _values, errors = check_rows([(2, dict(zip(COLUMN_KEYS, rows[1], strict=True)))])
    assert errors == []


def test_county_staff_and_the_public_cannot_import(home, client):
    assert client.get(IMPORT_URL).status_code == 302  # to the admin login
    client.force_login(make_county_staff("晋江市", "县级编辑"))
    response = client.get(IMPORT_URL)
    assert response.status_code == 302 and response.url == "/admin/"  # Wagtail's "permission denied" redirect
    post_import(client, GOOD_ROWS)
    assert not WageGuidePage.objects.filter(year=2027).exists()


def test_a_city_editor_imports_only_for_their_own_city(home, client):
    client.force_login(make_city_staff("宁德市", "市级编辑"))
    response = post_import(client, GOOD_ROWS, city="quanzhou")
    assert "选择一个有效的选项" in response.content.decode()
    assert not WageGuidePage.objects.filter(year=2027).exists()


def test_the_admin_menu_offers_the_import_to_city_staff_only(home, client):
    client.force_login(make_city_staff("泉州市", "市级编辑"))
    assert IMPORT_URL in client.get("/admin/").content.decode()
    client.force_login(make_county_staff("晋江市", "县级编辑"))
    assert IMPORT_URL not in client.get("/admin/").content.decode()


def test_band_rule_allows_equal_neighbours_and_skips_empty_quartiles():
    assert (
        band_errors({"low": D(1), "lower_quartile": None, "median": D(1), "upper_quartile": None, "high": D(2)}) == []
    )
