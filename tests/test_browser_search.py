"""A visitor on a phone searches: suggestions as they type, then highlighted results."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NINGDE_PLAN = "宁德市零工市场规范化建设实施方案"


def test_suggestions_list_is_keyboard_operable_and_leads_to_the_page(live_server, home, phone_page, screenshot_dir):
    phone_page.goto(live_server.url + "/search/")
    box = phone_page.get_by_role("combobox", name="要查找的内容")
    box.press_sequentially("宁德市零工", delay=50)
    listbox = phone_page.get_by_role("listbox", name="搜索建议")
    option = listbox.get_by_role("option", name=NINGDE_PLAN)
    option.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    phone_page.screenshot(path=screenshot_dir / "search-suggestions-phone.png")

    for _ in range(10):  # move down the list to the policy
        box.press("ArrowDown")
        if option.get_attribute("aria-selected") == "true":
            break
    assert box.get_attribute("aria-activedescendant") == option.get_attribute("id")
    box.press("Enter")
    phone_page.wait_for_url("**/policies/ningde-standardisation-plan-2024/")
    assert phone_page.get_by_role("heading", level=1).inner_text() == NINGDE_PLAN


def test_results_page_on_a_phone_highlights_and_filters(live_server, home, phone_page, screenshot_dir):
    phone_page.goto(live_server.url + "/search/")
    box = phone_page.get_by_role("combobox", name="要查找的内容")
    box.fill("宁人社规〔2024〕3号")
    box.press("Enter")
    phone_page.wait_for_url("**/search/?q=*")
    top_three = phone_page.locator(".search-result").all()[:3]
    plan = next(result for result in top_three if result.get_by_role("link").inner_text() == NINGDE_PLAN)
    assert plan.locator("mark").count() >= 1
    phone_page.screenshot(path=screenshot_dir / "search-results-phone.png", full_page=True)

    phone_page.get_by_label("城市").select_option(label="泉州市")
    phone_page.get_by_role("button", name="搜索", exact=True).last.click()
    phone_page.wait_for_url("**city=quanzhou*")
    assert NINGDE_PLAN not in phone_page.locator("main").inner_text()
