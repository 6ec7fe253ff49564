"""Every public page type reflows at 320, 390 and 1280 px, in the standard size and in 大字模式 (WCAG 1.4.10), with
large hit targets; an older job seeker finds the nearest market and its hours from the home page on a phone; the
directory's list/map switch, folded filters, grouped counties, township list and 导航 links (issue 18)."""

import pytest

from markets.models import MarketPage
from portal.regions import County

from .conftest import PHONE
from .test_browser_markets import TILE_URL, serve_tiles, shown_on_map
from .utils import public_page_urls

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (320, 390, 1280)

# What the page shows that is wider than the window (empty when nothing is), for the failure message.
OVERFLOW_JS = """() => ({
  scrollWidth: document.documentElement.scrollWidth,
  innerWidth: window.innerWidth,
  wide: [...document.querySelectorAll("body *")]
    .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5 && !e.closest(".leaflet-container"))
    .slice(0, 3).map((e) => e.tagName + "." + e.className),
})"""

# Visible controls too small to hit: primary ones under 44 px high, any standalone one under 24 × 24
# (links inside a sentence are excepted, as WCAG 2.5.8 excepts them).
SMALL_TARGETS_JS = """() => {
  const primary = "button:not(.sort), .button, input[type=search], input[type=text], select, summary, " +
    ".tool-button, .nav-list a";
  const standalone = (e) => e.tagName !== "A" || !e.parentElement.matches("p, li, dd, td") ||
    e.parentElement.textContent.trim() === e.textContent.trim();
  return [...document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, summary")]
    .filter((e) => e.offsetParent !== null && !e.closest(".leaflet-container, .honeypot") && e.name !== "website")
    .map((e) => ({ e, box: e.getBoundingClientRect() }))
    .filter(({ e, box }) =>
      (e.matches(primary) && box.height < 44) || (standalone(e) && (box.height < 24 || box.width < 24)))
    .map(({ e, box }) => `${e.tagName}.${e.className} "${(e.innerText || e.name || "").slice(0, 12)}" ` +
      `${Math.round(box.width)}×${Math.round(box.height)}`);
}"""


@pytest.fixture
def public_pages(home, settings):
    settings.MAP_TILE_URL = TILE_URL
    settings.MAP_TILE_ATTRIBUTION = "测试底图"
    return public_page_urls()


def context_for(browser, width, large_text=False, **options):
    phone = width < 800
    context = browser.new_context(
        viewport={"width": width, "height": 844 if phone else 800},
        is_mobile=phone,
        has_touch=phone,
        locale="zh-CN",
        **options,
    )
    if large_text:  # as the 大字模式 button leaves it (tests/test_browser_home.py presses the button itself)
        context.add_init_script("localStorage.setItem('portal-large-text', '1')")
    return context


def check_pages(browser, live_server, pages, large_text, screenshot_dir):
    problems = []
    for width in WIDTHS:
        context = context_for(browser, width, large_text)
        page = context.new_page()
        serve_tiles(page)
        for name, path in pages.items():
            page.goto(live_server.url + path)
            assert (page.locator("html").get_attribute("class") or "").count("large-text") == int(large_text)
            found = page.evaluate(OVERFLOW_JS)
            if found["scrollWidth"] > found["innerWidth"]:
                problems.append(f"{width} px {name}: {found['scrollWidth']} px wide {found['wide']}")
            emblem = page.locator(".site-name__emblem").evaluate("e => e.scrollWidth <= e.clientWidth + 1")
            if not emblem:
                problems.append(f"{width} px {name}: 工 overflows its circle")
            if width == 1280:  # the sections always shown, their first link's text in line with the content
                if page.locator("#nav-toggle").is_visible() or not page.locator("#site-nav").is_visible():
                    problems.append(f"{width} px {name}: the sections are folded on a wide screen")
                text_left = page.locator(".nav-list a").first.evaluate(
                    "a => a.getBoundingClientRect().left + parseFloat(getComputedStyle(a).paddingLeft)"
                )
                content_left = page.locator("main h1").bounding_box()["x"]
                if abs(text_left - content_left) > 2:
                    problems.append(
                        f"{width} px {name}: navigation at {text_left:.0f} px, content at {content_left:.0f}"
                    )
            if width == 390:
                header = page.locator(".site-header").bounding_box()["height"]
                if header > (180 if large_text else 120):
                    problems.append(f"{width} px {name}: the header is {header:.0f} px high")
                problems += [f"{width} px {name}: small target {target}" for target in page.evaluate(SMALL_TARGETS_JS)]
                if name in ("home", "directory", "a market"):
                    mode = "large-text" if large_text else "normal"
                    page.screenshot(path=screenshot_dir / f"layout-{name.replace(' ', '-')}-{width}-{mode}.png")
        context.close()
    assert problems == []


def test_no_page_scrolls_sideways_in_the_standard_size(browser, live_server, public_pages, screenshot_dir):
    check_pages(browser, live_server, public_pages, False, screenshot_dir)


def test_no_page_scrolls_sideways_in_large_text_mode(browser, live_server, public_pages, screenshot_dir):
    check_pages(browser, live_server, public_pages, True, screenshot_dir)


def test_an_older_job_seeker_finds_the_nearest_market_and_its_hours_in_one_tap(
    browser, live_server, home, screenshot_dir
):
    """From the home page on a 390 px phone: 用我的位置 (tap 1) lists the nearest
    market first, with today's hours and whether it is open now, on the first screen without scrolling."""
    context = context_for(
        browser,
        PHONE["width"],
        geolocation={"latitude": 24.7405, "longitude": 118.6380},  # Shishi's old town
        permissions=["geolocation"],
        device_scale_factor=2,
    )
    page = context.new_page()
    page.goto(live_server.url + "/")
    finder = page.get_by_role("button", name="用我的位置")
    box = finder.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"]  # the home page's first screen offers it
    finder.tap()
    page.wait_for_url("**/markets/?*lat=24.74*")
    assert page.evaluate("window.scrollY") == 0
    first = page.locator(".market-item").first
    assert first.locator(".market-name").inner_text().startswith("石狮市")
    for part in (first.locator(".market-name"), first.locator(".market-hours")):
        part_box = part.bounding_box()
        assert part_box["y"] + part_box["height"] <= PHONE["height"], "the nearest market's hours are below the fold"
    hours = first.locator(".market-hours").inner_text()
    assert ("现在开放" in hours or "现在不开放" in hours) and ("今天" in hours)
    page.screenshot(path=screenshot_dir / "journey-nearest-390.png")
    # A second tap opens its page: the week's hours and 导航到这里.
    with page.expect_navigation():
        first.locator(".market-name a").tap()
    assert page.get_by_role("heading", name="开放时间").is_visible()
    assert page.get_by_role("link", name="导航到这里").get_attribute("href").startswith("https://uri.amap.com/marker?")
    context.close()


def test_the_directory_on_a_phone_lists_first_and_switches_to_the_map(browser, live_server, home, settings):
    settings.MAP_TILE_URL = TILE_URL
    context = context_for(browser, PHONE["width"])
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    serve_tiles(page)
    page.goto(live_server.url + "/markets/")
    filters = page.locator("#filters")
    assert filters.get_attribute("open") is None  # folded on a phone
    assert page.locator(".market-item").first.bounding_box()["y"] < PHONE["height"]
    assert page.get_by_role("button", name="列表", exact=True).get_attribute("aria-pressed") == "true"
    assert page.locator("#market-map").is_hidden()
    page.get_by_role("button", name="地图", exact=True).tap()
    assert page.get_by_role("button", name="地图", exact=True).get_attribute("aria-pressed") == "true"
    assert page.locator("#market-list").is_hidden() and shown_on_map(page) > 0
    page.get_by_role("button", name="列表", exact=True).tap()
    assert page.locator("#market-list").is_visible()

    # Counties come grouped by city; the townships offered are the chosen county's.
    page.get_by_text("筛选条件").click()
    groups = page.locator("#id_near_county optgroup").evaluate_all("groups => groups.map(g => g.label)")
    assert groups == ["泉州市", "宁德市"]
    shishi = County.objects.get(name="石狮市")
    page.get_by_label("离这个县（市、区）最近").select_option(str(shishi.pk))
    offered = page.locator("#id_near_township option").evaluate_all("options => options.map(o => o.value)")
    expected = set(
        MarketPage.objects.listed().filter(county=shishi).exclude(township="").values_list("township", flat=True)
    )
    assert offered[0] == "" and set(offered[1:]) == expected
    page.get_by_label("离这个乡镇（街道）最近").select_option(offered[1])
    page.get_by_role("button", name="查找", exact=True).click()
    page.wait_for_url("**near_township=*")
    assert "石狮市" in page.locator(".market-item").first.inner_text()

    # Each entry's 导航 opens the map app: Amap's marker page, or geo: on Android.
    link = page.locator(".market-item .map-app-link").first
    assert link.get_attribute("href").startswith("https://uri.amap.com/marker?position=")
    assert link.get_attribute("data-geo").startswith("geo:24.")
    assert errors == []
    context.close()

    android = context_for(browser, PHONE["width"], user_agent="Mozilla/5.0 (Linux; Android 14; Pixel 8) Mobile")
    page = android.new_page()
    page.goto(live_server.url + "/markets/")
    assert page.locator(".market-item .map-app-link").first.get_attribute("href").startswith("geo:")
    android.close()


def test_the_directory_on_a_wide_screen_shows_filters_list_and_map(browser, live_server, home, settings):
    settings.MAP_TILE_URL = TILE_URL
    context = context_for(browser, 1280)
    page = context.new_page()
    serve_tiles(page)
    page.goto(live_server.url + "/markets/")
    assert page.locator("#filters").get_attribute("open") is not None
    assert page.locator("#view-switch").is_hidden()
    assert page.locator("#market-list").is_visible() and shown_on_map(page) > 0
    context.close()


def test_a_market_page_has_a_small_map_and_a_way_there(browser, live_server, home, settings, screenshot_dir):
    settings.MAP_TILE_URL = TILE_URL
    market = MarketPage.objects.live().get(title="鲤城区零工市场")
    context = context_for(browser, PHONE["width"])
    page = context.new_page()
    serve_tiles(page)
    page.goto(live_server.url + market.url)
    page.wait_for_selector("#location-map img.leaflet-marker-icon")
    assert page.locator("#location-map-notice").is_hidden()
    go = page.get_by_role("link", name="导航到这里")
    assert go.get_attribute("data-geo").startswith(f"geo:{market.latitude:.6f},{market.longitude:.6f}?q=")
    assert go.bounding_box()["height"] >= 44
    page.locator("#location-map").screenshot(path=screenshot_dir / "market-location-map-390.png")
    context.close()
