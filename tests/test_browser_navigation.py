"""A visitor on a phone follows the navigation to every section (Playwright + Debian's Chromium)."""

import pytest

from .test_portal_site import SECTIONS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_phone_visitor_reaches_every_section_from_the_home_page(live_server, home, phone_page, screenshot_dir):
    phone_page.goto(live_server.url + "/")
    assert phone_page.locator("html").get_attribute("lang") == "zh-Hans"
    phone_page.screenshot(path=screenshot_dir / "home-phone.png", full_page=True)
    for path, title in SECTIONS.items():
        phone_page.goto(live_server.url + "/")
        menu = phone_page.get_by_role("button", name="菜单")
        assert menu.get_attribute("aria-expanded") == "false"  # on a phone the sections fold under 菜单
        menu.click()
        assert menu.get_attribute("aria-expanded") == "true"
        phone_page.get_by_role("navigation", name="栏目导航").get_by_role("link", name=title, exact=True).click()
        phone_page.wait_for_url(f"**{path}")
        assert phone_page.get_by_role("heading", level=1).inner_text() == title
        phone_page.screenshot(path=screenshot_dir / f"section{path.strip('/').replace('/', '-')}-phone.png")


def test_large_text_mode_is_remembered_across_pages(live_server, home, phone_page):
    phone_page.goto(live_server.url + "/")
    normal = phone_page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    phone_page.get_by_role("button", name="大字模式").click()
    phone_page.goto(live_server.url + "/policies/")
    large = phone_page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert large >= normal * 1.25
    assert phone_page.get_by_role("button", name="标准字号").get_attribute("aria-pressed") == "true"
