"""On a phone: open a policy, follow a clause anchor and a criterion link, and use the 补贴测算 calculator."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_phone_visitor_reads_a_policy_follows_clause_and_criterion_links(live_server, home, phone_page, screenshot_dir):
    page = phone_page
    page.goto(live_server.url + "/policies/")
    page.screenshot(path=screenshot_dir / "policies-index-phone.png", full_page=True)
    page.get_by_label("城市").select_option("quanzhou")
    page.get_by_role("button", name="筛选").click()
    page.get_by_role("link", name="泉州市零工市场（驿站）标准化建设实施方案（征求意见稿）").click()
    page.wait_for_url("**/quanzhou-standardisation-plan-2025/")
    assert "征求意见中" in page.locator(".policy-status").first.inner_text()
    page.screenshot(path=screenshot_dir / "policy-quanzhou-phone.png")

    # QZ 附件1 第21条 → its criterion 第2项 → back to the clause text by its anchor.
    clause = page.locator("#clause-21")
    clause.get_by_role("link", name="第2项 人员管理（5分）").click()
    page.wait_for_url("**/assessment/criteria/quanzhou/2/")
    assert "零工市场需配备2人及以上工作人员" in page.locator(".clause-quote").first.inner_text()
    page.screenshot(path=screenshot_dir / "criterion-quanzhou-2-phone.png", full_page=True)
    page.get_by_role("link", name="第21条").click()
    page.wait_for_url("**#clause-21")
    target = page.locator("#clause-21")
    assert target.is_visible()
    assert page.evaluate("document.querySelector(':target').id") == "clause-21"
    box = target.bounding_box()
    assert 0 <= box["y"] < 844  # scrolled into view
    page.screenshot(path=screenshot_dir / "policy-clause-21-phone.png")


def test_phone_operator_uses_the_calculator_for_a_ningde_station(live_server, home, phone_page, screenshot_dir):
    """ND 实施方案 二（四）1: a 50㎡ station (含50㎡) gets 4万元; 四星 station 2万元."""
    page = phone_page
    page.goto(live_server.url + "/assessment/calculator/")
    page.get_by_label("城市").select_option("ningde")
    page.get_by_label("零工驿站").check()
    page.get_by_label("服务场所面积（㎡）").fill("50")
    page.get_by_label("工作人员数（人）").fill("1")
    page.get_by_label("考核总分（0—100）").fill("85")
    page.get_by_role("button", name="测算").click()
    result = page.locator("#result")
    result.wait_for()
    assert page.locator('[data-field="one_time_subsidy_yuan"]').inner_text() == "4万元"
    assert page.locator('[data-field="star_rating"]').inner_text() == "4 星"
    assert page.locator('[data-field="performance_subsidy_yuan"]').inner_text() == "2万元"
    assert "解读" in result.inner_text()
    result.scroll_into_view_if_needed()
    page.screenshot(path=screenshot_dir / "calculator-ningde-result-phone.png")
    # Each line cites its clause: the minimum area line links to ND 附件1 第3条.
    result.get_by_role("link", name="附件1 第3条").first.click()  # the minimum-area line, before the items table
    page.wait_for_url("**/ningde-standardisation-plan-2024/#clause-3")
    assert "不少于60㎡" in page.locator("#clause-3").inner_text()


def test_phone_calculator_keeps_input_and_explains_bad_values(live_server, home, phone_page, screenshot_dir):
    page = phone_page
    page.goto(live_server.url + "/assessment/calculator/?city=quanzhou&facility_type=market&area_m2=abc&staff_count=2")
    assert "服务场所面积须为数字" in page.locator(".field.has-error").inner_text()
    assert page.get_by_label("服务场所面积（㎡）").input_value() == "abc"
    assert page.get_by_label("工作人员数（人）").input_value() == "2"
    page.screenshot(path=screenshot_dir / "calculator-error-phone.png")
