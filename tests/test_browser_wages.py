"""A new visitor on a phone finds a trade's daily price in two taps from the home page and downloads the table."""

import csv
import io

import pytest
from openpyxl import load_workbook

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_daily_price_in_two_taps_then_csv_and_xlsx_downloads(live_server, home, phone_page, screenshot_dir):
    phone_page.goto(live_server.url + "/")
    phone_page.get_by_role("link", name="泉州市2026年工价").tap()  # tap 1: the wage guide highlight
    phone_page.wait_for_url("**/wage-guide/quanzhou-2026/")
    phone_page.get_by_role("link", name="泥水工", exact=True).tap()  # tap 2: the trade
    phone_page.wait_for_url("**/occupation/*/#chart")
    chart = phone_page.locator("#chart")
    assert chart.get_by_role("heading", name="泥水工价位（元/天）").is_visible()
    median_row = chart.get_by_role("row", name="中位数")
    assert median_row.is_visible() and "340" in median_row.inner_text()
    phone_page.screenshot(path=screenshot_dir / "wages-chart-phone.png", full_page=True)

    with phone_page.expect_download() as csv_download:
        phone_page.get_by_role("link", name="下载 CSV").tap()
    text = open(csv_download.value.path(), encoding="utf-8-sig").read()
    rows = list(csv.reader(io.StringIO(text)))
    assert csv_download.value.suggested_filename == "泉州市2026年零工岗位工资指导价位.csv"
    assert [
        "泥水工",
        "",
        "建筑装修",
        "天",
        "260.00",
        "300.00",
        "340.00",
        "380.00",
        "450.00",
        "是",
        "含贴砖、抹灰",
        "瓦工、泥瓦工、大工",
    ] in rows

    with phone_page.expect_download() as xlsx_download:
        phone_page.get_by_role("link", name="下载 Excel（xlsx）").tap()
    sheet = load_workbook(io.BytesIO(xlsx_download.value.path().read_bytes())).worksheets[0]
    mason = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "泥水工")
    assert mason[3:9] == ("天", 260, 300, 340, 380, 450)
    assert sheet.max_row == 20


def test_the_table_is_searchable_and_sortable_on_a_phone(live_server, home, phone_page, screenshot_dir):
    phone_page.goto(live_server.url + "/wage-guide/quanzhou-2026/")
    rows = phone_page.locator("#wage-table tbody tr:visible")
    assert rows.count() == 19
    phone_page.get_by_label("查找职业（工种）").fill("保洁")
    assert rows.count() == 1 and rows.first.locator("th").inner_text().startswith("保洁员")
    assert "显示 1 个" in phone_page.locator("#wage-count").inner_text()
    phone_page.get_by_label("查找职业（工种）").fill("")
    median_button = phone_page.locator("#wage-table thead button.sort", has_text="中位数").first
    median_button.click(timeout=10000)
    assert rows.first.locator("th").inner_text().startswith("外卖/快递配送")
    assert phone_page.locator("th[aria-sort=ascending]").inner_text().startswith("中位数")
    median_button.click(timeout=10000)
    assert rows.first.locator("th").inner_text().startswith("育婴员")
    # The 天 price column is on screen without scrolling sideways.
    median_cell = rows.first.locator("td.median")
    box = median_cell.bounding_box()
    assert box["x"] + box["width"] <= 390
    # No column is cut: the table fits the phone, the change from last year shown under the median.
    assert phone_page.locator(".table-scroll").evaluate("e => e.scrollWidth <= e.clientWidth")
    assert median_cell.inner_text().replace("\n", " ") == "7500 较上年 持平"
    assert phone_page.locator("#band-help-title").is_visible()
    phone_page.screenshot(path=screenshot_dir / "wages-table-phone.png", full_page=True)


def test_without_javascript_the_search_form_works(live_server, home, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/wage-guide/ningde-2026/")
    page.get_by_label("查找职业（工种）").fill("养殖")
    page.get_by_role("button", name="查找").click()
    page.wait_for_url("**q=*")
    names = page.locator("#wage-table tbody th a").all_inner_texts()
    assert names == ["海上养殖工"]
    context.close()
