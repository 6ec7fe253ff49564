"""The public wage guide: sample data marked, server-side search and sort, change from last year, chart, downloads."""

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from wages.models import WageGuidePage
from wages.views import change_percent

pytestmark = pytest.mark.django_db

GUIDE = "/wage-guide/quanzhou-2026/"


def row_names(html):
    return re.findall(r'class="occupation-link">([^<]+)</a>', html)


def test_both_cities_have_sample_guides_for_this_year_and_last(home):
    guides = WageGuidePage.objects.live().values_list("city__slug", "year", "is_sample")
    assert set(guides) == {
        ("quanzhou", 2025, True),
        ("quanzhou", 2026, True),
        ("ningde", 2025, True),
        ("ningde", 2026, True),
    }
    trades = set(WageGuidePage.objects.get(city__slug="ningde", year=2026).rates.values_list("occupation", flat=True))
    assert {"泥水工", "钢筋工", "家政服务员", "养老护理员", "外卖/快递配送", "茶叶采摘工", "海上养殖工"} <= trades


def test_index_lists_the_guides_marked_as_sample(client, home):
    html = client.get("/wage-guide/").content.decode()
    assert html.index("泉州市2026年") < html.index("泉州市2025年")
    assert html.count("示例数据") == 4


def test_the_guide_says_its_figures_are_sample_data_not_from_the_policies(client, home):
    html = client.get(GUIDE).content.decode()
    assert "示例数据：" in html and "没有给出任何价位数字" in html
    assert "2026年1月—6月（示例）" in html


def test_table_shows_units_bands_and_shortage_flags(client, home):
    html = client.get(GUIDE).content.decode()
    for heading in ("低位数", "下四分位数", "中位数", "上四分位数", "高位数"):
        assert f">{heading}</th>" in html
    mason = html[html.index(">泥水工</a>") : html.index("</tr>", html.index(">泥水工</a>"))]
    assert "紧缺" in mason and "元/天" in mason and "<strong>340</strong>" in mason
    assert "4-10-01-05" in html  # the national classification code where known


def test_server_side_search_finds_a_trade_without_javascript(client, home):
    html = client.get(GUIDE, {"q": "保洁"}).content.decode()
    assert row_names(html) == ["保洁员"]
    assert "共 19 个职业（工种），显示 1 个" in html
    assert row_names(client.get(GUIDE, {"q": "家政服务"}).content.decode()) == ["保洁员", "家政服务员", "育婴员"]


def test_a_trade_is_found_by_what_people_call_it(client, home):
    html = client.get(GUIDE, {"q": "小工"}).content.decode()
    assert row_names(html) == ["搬运工"]
    assert "俗称：小工、杂工、力工、装卸工" in html


def test_the_guide_explains_low_median_and_high_in_plain_words(client, home):
    html = client.get(GUIDE).content.decode()
    explained = html[html.index('id="band-help-title"') : html.index("</section>", html.index('id="band-help-title"'))]
    assert "<dt>中位数</dt>" in explained and "一半人工钱比它高、一半比它低" in explained
    assert "<dt>低位数</dt>" in explained and "每10人中有1人低于" in explained
    assert "<dt>高位数</dt>" in explained and "每10人中有1人高于" in explained


def test_a_phone_sees_the_change_from_last_year_in_the_median_cell(client, home):
    html = client.get(GUIDE).content.decode()
    nurse = html[html.index(">养老护理员</a>") : html.index("</tr>", html.index(">养老护理员</a>"))]
    assert re.search(
        r'<td class="median"[^>]*><strong>6000</strong><span class="change-inline">较上年 <span class="up">↑5.3%', nurse
    )
    assert '<td class="change-col"' in nurse  # the column itself, for wider screens


def test_unit_filter_and_sort_by_median(client, home):
    html = client.get(GUIDE, {"unit": "小时", "sort": "-median"}).content.decode()
    assert row_names(html) == ["家政服务员", "保洁员", "餐厅服务员"]
    assert row_names(client.get(GUIDE, {"q": "nothing-like-this"}).content.decode()) == []


def test_change_from_last_year_is_shown(client, home):
    guide = WageGuidePage.objects.get(city__slug="quanzhou", year=2026)
    last = WageGuidePage.objects.get(city__slug="quanzhou", year=2025)
    now, before = guide.rates.get(occupation="泥水工").median, last.rates.get(occupation="泥水工").median
    expected = change_percent(now, before)
    assert expected > 0
    html = client.get(GUIDE, {"q": "泥水工"}).content.decode()
    assert f"↑{expected}%" in html


def test_change_percent_rounds_to_one_decimal_and_handles_missing_years():
    from decimal import Decimal as D

    assert change_percent(D("340"), D("325")) == D("4.6")
    assert change_percent(D("300"), D("320")) == D("-6.3")
    assert change_percent(D("300"), None) is None


def test_occupation_chart_compares_with_last_year(client, home):
    guide = WageGuidePage.objects.get(city__slug="quanzhou", year=2026)
    rate = guide.rates.get(occupation="泥水工")
    response = client.get(f"{GUIDE}occupation/{rate.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<svg class="bar-chart"' in html and 'role="img"' in html
    chart = html[html.index('id="chart"') : html.index("返回全表")]
    assert "2026年" in chart and "2025年" in chart
    assert chart.count("<rect") == 10  # five bands, this year and last


def test_a_trade_new_this_year_has_a_chart_without_comparison(client, home):
    guide = WageGuidePage.objects.get(city__slug="quanzhou", year=2025)
    rate = guide.rates.get(occupation="泥水工")
    html = client.get(f"/wage-guide/quanzhou-2025/occupation/{rate.pk}/").content.decode()
    assert "无法比较" in html
    other_guides_rate = WageGuidePage.objects.get(city__slug="ningde", year=2026).rates.first()
    assert client.get(f"{GUIDE}occupation/{other_guides_rate.pk}/").status_code == 404


def test_csv_download_has_every_row_with_chinese_headings(client, home):
    response = client.get(GUIDE + "csv/")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:4] == ["职业（工种）", "国家职业分类代码", "类别", "计价单位"]
    assert len(rows) == 1 + 19
    mason = next(row for row in rows if row[0] == "泥水工")
    assert mason[3] == "天" and mason[6] == "340.00" and mason[9] == "是"


def test_xlsx_download_has_every_row_and_says_it_is_sample(client, home):
    response = client.get(GUIDE + "xlsx/")
    workbook = load_workbook(io.BytesIO(response.content))
    rows = list(workbook["工资指导价位"].iter_rows(values_only=True))
    assert len(rows) == 20 and rows[0][6] == "中位数"
    mason = next(row for row in rows if row[0] == "泥水工")
    assert mason[3] == "天" and mason[6] == 340
    notes = [row for row in workbook["说明"].iter_rows(values_only=True)]
    assert ("设区市", "泉州市") in notes and any("示例数据" in str(row[1]) for row in notes)
