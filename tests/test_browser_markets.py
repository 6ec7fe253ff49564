"""A new visitor on a phone finds the nearest market, filters the list, and uses the map (or just the list)."""

import base64

import pytest

from markets import map_data
from markets.models import MarketPage
from portal.regions import County

from .conftest import PHONE
from .markets_factories import make_market

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A 1×1 grey PNG stands in for map tiles (the test machine has no internet).
TILE_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGPo6OgAAAMEAYFL09IQAAAAAElFTkSuQmCC"
)
TILE_URL = "https://tiles.example.test/{z}/{x}/{y}.png"


@pytest.fixture
def phone_at_shishi(browser):
    """A phone standing in Shishi's old town that lets the page read its location."""
    context = browser.new_context(
        viewport=PHONE,
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="zh-CN",
        geolocation={"latitude": 24.7405, "longitude": 118.6380},
        permissions=["geolocation"],
    )
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.js_errors = errors
    yield page
    context.close()


@pytest.fixture
def tiles(settings):
    settings.MAP_TILE_URL = TILE_URL
    settings.MAP_TILE_ATTRIBUTION = "测试底图"


def serve_tiles(page):
    page.route("https://tiles.example.test/**", lambda route: route.fulfill(body=TILE_PNG, content_type="image/png"))


def block_tiles(page):
    page.route("https://tiles.example.test/**", lambda route: route.abort())


def test_nearest_to_me_lists_the_nearest_market_first(live_server, home, phone_at_shishi, tiles, screenshot_dir):
    make_market("石狮市", name="石狮市凤里街道零工驿站", facility_type="station", lat=24.7420, lng=118.6395)
    page = phone_at_shishi
    serve_tiles(page)
    page.goto(live_server.url + "/markets/")
    page.get_by_role("button", name="用我的位置查找").click()
    page.wait_for_url("**lat=24.74*")
    first = page.locator(".market-item").first
    assert first.locator(".market-name").inner_text() == "石狮市凤里街道零工驿站"
    assert first.locator(".distance").inner_text() == "约 0.2 公里"
    assert "按离您的位置由近到远排列" in page.get_by_role("heading", level=2).first.inner_text()
    distances = [float(text.split()[1]) for text in page.locator(".market-item .distance").all_inner_texts()]
    assert distances == sorted(distances) and len(distances) == page.locator(".market-item").count()
    # On a phone the list shows, and 地图 shows the same result as a map (started only then).
    assert page.locator("#market-map").is_hidden()
    with page.expect_response(lambda response: "/api/v1/markets/map?" in response.url) as view:
        page.get_by_role("button", name="地图", exact=True).click()
    in_view = view.value.json()["total"]
    assert page.locator("#market-list").is_hidden()
    # The map shows every market in view, near ones grouped under their number, and no warning while tiles load.
    assert shown_on_map(page) == in_view
    assert page.locator("#map-notice").is_hidden()
    wait_until_markers_loaded(page)
    widths = page.eval_on_selector_all("img.leaflet-marker-icon", "icons => icons.map(icon => icon.naturalWidth)")
    assert widths and all(width > 0 for width in widths)  # the marker images themselves load from our static files
    page.screenshot(path=screenshot_dir / "markets-nearest-phone.png")
    page.locator("#market-map").screenshot(path=screenshot_dir / "markets-map-phone.png")
    assert page.js_errors == []


def wait_until_markers_loaded(page, attempts=100):
    """Polled from here: the page's Content-Security-Policy refuses the eval that wait_for_function polls with."""
    for _attempt in range(attempts):
        if page.eval_on_selector_all("img.leaflet-marker-icon", "icons => icons.every(icon => icon.complete)"):
            return
        page.wait_for_timeout(50)
    raise AssertionError("地图标记图片 5 秒内未加载完")


def shown_on_map(page):
    """The markets the map shows: single markers plus the numbers on groups (once every marker is placed)."""
    page.wait_for_selector(".leaflet-marker-pane .leaflet-marker-icon")
    singles = page.locator("img.leaflet-marker-icon").count()
    groups = page.locator(".marker-cluster span").all_inner_texts()
    return singles + sum(int(number) for number in groups)


def test_a_view_of_many_markets_comes_as_numbers_to_zoom_into(
    live_server, home, phone_page, tiles, monkeypatch, screenshot_dir
):
    monkeypatch.setattr(map_data, "MAX_MARKERS", 5)  # the sample markets stand in for thousands
    errors = []
    phone_page.on("pageerror", lambda error: errors.append(str(error)))
    serve_tiles(phone_page)
    phone_page.goto(live_server.url + "/markets/")
    with phone_page.expect_response(lambda response: "/api/v1/markets/map?" in response.url) as first_view:
        phone_page.get_by_role("button", name="地图", exact=True).click()
    body = first_view.value.json()
    assert "clusters" in body and body["total"] == MarketPage.objects.listed().filter(latitude__isnull=False).count()
    assert shown_on_map(phone_page) == body["total"]
    phone_page.locator("#market-map").screenshot(path=screenshot_dir / "markets-map-areas-phone.png")
    area = phone_page.locator(".marker-cluster").first
    area_label = area.get_attribute("title")
    assert area_label.startswith("此处有 ") and area_label.endswith(" 处零工市场（驿站），点击放大")
    zoom_before = int(first_view.value.url.rsplit("zoom=", 1)[1])
    with phone_page.expect_response(lambda response: "/api/v1/markets/map?" in response.url) as closer_view:
        area.focus()
        phone_page.keyboard.press("Enter")  # keyboard users zoom in as a tap does
    assert int(closer_view.value.url.rsplit("zoom=", 1)[1]) == zoom_before + 2
    assert errors == []


def test_filters_combine_on_a_phone(live_server, home, phone_page, tiles, screenshot_dir):
    serve_tiles(phone_page)
    phone_page.goto(live_server.url + "/markets/")
    phone_page.get_by_text("筛选条件").click()
    phone_page.get_by_label("设区市").select_option(label="宁德市")
    phone_page.get_by_label("类型").select_option(label="零工驿站")
    phone_page.get_by_label("便民设施").select_option(label="无线网络")
    phone_page.get_by_role("button", name="查找", exact=True).click()
    phone_page.wait_for_url("**city=ningde*")
    items = phone_page.locator(".market-item")
    assert items.count() > 0
    for text in items.all_inner_texts():
        assert "宁德市" in text and "零工驿站" in text
    # The selections are kept for the next search; each station listed offers Wi-Fi (checked on the first).
    assert phone_page.get_by_label("类型").input_value() == "station"
    assert phone_page.get_by_label("便民设施").input_value() == "wifi"
    phone_page.screenshot(path=screenshot_dir / "markets-filters-phone.png", full_page=True)
    first = items.first.locator(".market-name a")
    first.click()
    facilities = phone_page.locator("h2", has_text="便民设施").locator("xpath=following-sibling::ul[1]")
    assert "无线网络" in facilities.inner_text()
    phone_page.screenshot(path=screenshot_dir / "markets-page-phone.png", full_page=True)


def test_without_tiles_the_page_works_as_a_list(live_server, home, phone_at_shishi, tiles, screenshot_dir):
    page = phone_at_shishi
    block_tiles(page)
    page.goto(live_server.url + f"/markets/?near_county={County.objects.get(name='石狮市').pk}")
    page.get_by_role("button", name="地图", exact=True).click()
    notice = page.locator("#map-notice")
    notice.wait_for(state="visible")
    assert "地图底图暂时无法加载" in notice.inner_text()
    page.get_by_role("button", name="列表", exact=True).click()
    assert page.locator(".market-item").count() >= 35  # every sample market, still listed
    assert "石狮市" in page.locator(".market-item").first.inner_text()  # nearest to the chosen county first
    page.locator(".market-item").first.locator(".market-name a").click()
    assert page.get_by_role("heading", level=1).inner_text().endswith(("零工市场", "零工驿站"))
    page.go_back()
    page.get_by_role("button", name="地图", exact=True).click()
    page.locator("#map-notice").wait_for(state="visible")
    page.screenshot(path=screenshot_dir / "markets-no-tiles-phone.png")
    assert page.js_errors == []
