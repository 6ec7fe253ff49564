"""axe-core finds no critical or serious violation on any public page type, on a phone and a wide screen, in the
standard size and in 大字模式, nor on a form showing its errors (issue 18)."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .test_browser_markets import TILE_URL, serve_tiles
from .test_browser_phone_layout import context_for
from .utils import public_page_urls

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BLOCKING = ("critical", "serious")
AXE = Axe()


def blocking_violations(page, where):
    """Each critical or serious violation on the page as '<where>: <rule> (<impact>) at <first element>'."""
    results = AXE.run(page).response
    return [
        f"{where}: {violation['id']} ({violation['impact']}) at {violation['nodes'][0]['target']}"
        for violation in results["violations"]
        if violation["impact"] in BLOCKING
    ]


@pytest.fixture
def pages(home, settings):
    settings.MAP_TILE_URL = TILE_URL
    settings.MAP_TILE_ATTRIBUTION = "测试底图"
    return public_page_urls()


@pytest.mark.parametrize(
    ("width", "large_text"), [(390, False), (390, True), (1280, False)], ids=["phone", "phone-large-text", "desktop"]
)
def test_no_public_page_has_a_critical_or_serious_violation(browser, live_server, pages, width, large_text):
    page = context_for(browser, width, large_text).new_page()
    serve_tiles(page)
    found = []
    for name, path in pages.items():
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        found += blocking_violations(page, name)
    page.context.close()
    assert found == []


def test_a_form_showing_its_errors_has_no_critical_or_serious_violation(browser, live_server, pages):
    page = context_for(browser, 390).new_page()
    found = []
    for name in ("complaint form", "a built form", "operator registration"):
        page.goto(live_server.url + pages[name])
        page.locator("main form button[type=submit]").last.click()
        page.wait_for_selector("#form-errors, .error-summary")
        found += blocking_violations(page, f"{name} with errors")
    page.context.close()
    assert found == []


def test_the_scan_would_catch_a_serious_violation(browser, live_server, pages):
    page = context_for(browser, 390).new_page()
    page.goto(live_server.url + pages["home"])
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<input type=text id=unlabelled>')")
    assert any("label (critical)" in violation for violation in blocking_violations(page, "home"))
    page.context.close()
