"""In Chromium at phone size: an operator starts the year's assessment from 我的办理, types self scores and sees
the predicted total, star and subsidy change, enters a roster row with a bad phone (named, nothing lost), fixes
it, and the pages fit the phone's width. (The whole cycle with the county and the 公示 is the next part.)"""

import pytest

from .assessments_factories import make_operator_market, make_round, resident_id
from .utils import SUITE_TODAY

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, username):
    page.goto(live_server.url + "/operators/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("correct horse battery staple")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/operators/")


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_operator_fills_the_self_assessment_and_roster_on_a_phone(live_server, home, phone_page, screenshot_dir):
    make_round()
    make_operator_market()
    page = phone_page
    log_in(page, live_server, "operator")
    page.get_by_role("button", name="开始填写考核材料").click()
    page.wait_for_url("**/edit/")
    assert fits_the_screen(page)

    for number in range(1, 17):
        page.locator(f"#id_points_{number}").fill("5")
    page.locator("#id_points_1").fill("10")
    page.locator("#id_points_9").fill("5")
    total = page.locator("#self-total")
    assert total.inner_text() == "85"
    assert page.locator("#predicted-stars").inner_text() == "4星"
    assert page.locator("#predicted-subsidy").inner_text() == "80000元"
    page.screenshot(path=str(screenshot_dir / "assessment-self-phone.png"), full_page=True)

    page.get_by_role("link", name="填写或上传花名册").click()
    page.wait_for_url("**/roster/")
    page.locator("#row-1-row_number").fill("1")
    page.locator("#row-1-name").fill("王小明")
    page.locator("#row-1-id_number").fill(resident_id(7))
    page.locator("#row-1-residence").fill("泉州市丰泽区东海街道")
    page.locator("#row-1-phone").fill("1380000")
    page.locator("#row-1-employer").fill("泉州市示范建筑劳务有限公司")
    page.locator("#row-1-placed_on").fill(f"{SUITE_TODAY.year}-03-05")
    page.get_by_role("button", name="加入花名册").click()
    summary = page.get_by_role("alert")
    assert "第1行“联系电话”" in summary.inner_text()
    assert page.locator("#row-1-name").input_value() == "王小明"
    assert fits_the_screen(page)
    page.locator("#row-1-phone").fill("13800001111")
    page.get_by_role("button", name="加入花名册").click()
    page.wait_for_selector("table.roster")
    assert "已填报 1 人" in page.content() and "138****1111" in page.content()
    page.screenshot(path=str(screenshot_dir / "assessment-roster-phone.png"), full_page=True)
