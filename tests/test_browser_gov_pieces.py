"""In Chromium on a phone: the footer and the privacy notice read well, checkboxes and radio buttons are big enough
to tap (WCAG 2.5.8), and a printed policy leaves out the navigation and the print button."""

import pytest
from wagtail.models import Site

from portal.models import SiteInformation

from .complaints_factories import COMPLAINT_URL, SURVEY_URL
from .policies_factories import NINGDE_PLAN, seeded_policy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = """selector => [...document.querySelectorAll(selector)].filter(e => e.offsetParent !== null)
    .map(e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; })"""


def test_checkboxes_and_radio_buttons_are_at_least_24_pixels(live_server, home, phone_page):
    for url, selector in ((COMPLAINT_URL, "input[type=checkbox]"), (SURVEY_URL, "input[type=radio]")):
        phone_page.goto(live_server.url + url)
        sizes = phone_page.evaluate(SIZES, selector)
        assert sizes, url
        assert all(width >= 24 and height >= 24 for width, height in sizes), (url, sizes)


def test_the_footer_and_the_privacy_notice_on_a_phone(live_server, home, phone_page, screenshot_dir):
    info = SiteInformation.for_site(Site.objects.get(is_default_site=True))
    info.icp_number = "闽ICP备12345678号-1"
    info.save()
    phone_page.goto(live_server.url + "/")
    footer = phone_page.get_by_role("contentinfo")
    assert footer.get_by_role("heading", name="联系我们").is_visible()
    assert footer.get_by_role("link", name="12333（人社服务热线）").first.get_attribute("href") == "tel:12333"
    footer.get_by_role("link", name="隐私政策").click()
    phone_page.wait_for_url("**/privacy/")
    assert phone_page.get_by_role("heading", name="投诉建议（我要投诉、意见建议）").is_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    phone_page.screenshot(path=screenshot_dir / "privacy-phone.png", full_page=True)


def test_a_printed_policy_leaves_out_the_navigation_and_the_print_button(live_server, home, phone_page):
    phone_page.goto(live_server.url + seeded_policy(NINGDE_PLAN).url)
    assert phone_page.get_by_role("button", name="打印本页").is_visible()
    phone_page.emulate_media(media="print")
    assert not phone_page.get_by_role("navigation", name="栏目导航").is_visible()
    assert not phone_page.get_by_role("button", name="打印本页").is_visible()
    assert phone_page.get_by_text("最后更新：").is_visible()
