"""The home page on a phone: screenshot, the market finder's location button, and large high-contrast text."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONTRAST_JS = """(selector) => {
  const parse = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = (rgb) => {
    const [r, g, b] = rgb.map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const el = document.querySelector(selector);
  let bg = el, background = "rgba(0, 0, 0, 0)";
  while (bg && (background === "rgba(0, 0, 0, 0)" || background === "transparent")) {
    background = getComputedStyle(bg).backgroundColor; bg = bg.parentElement;
  }
  if (background === "rgba(0, 0, 0, 0)") background = "rgb(255, 255, 255)";
  const [a, b] = [lum(parse(getComputedStyle(el).color)), lum(parse(background))].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""

CHECKED = [".help", ".home-block a", ".intro", ".badge.warn", ".service-entry__desc", "body"]


def test_home_page_on_a_phone(live_server, home, phone_page, screenshot_dir):
    phone_page.goto(live_server.url + "/")
    for heading in ["找附近的零工市场", "零工工价参考", "办事服务", "最新通知公告", "现行有效政策"]:
        assert phone_page.get_by_role("heading", name=heading, level=2).is_visible()
    phone_page.screenshot(path=screenshot_dir / "home-blocks-phone.png", full_page=True)


def test_large_text_mode_is_also_high_contrast_and_remembered(live_server, home, phone_page, screenshot_dir):
    phone_page.goto(live_server.url + "/")
    normal = {selector: phone_page.evaluate(CONTRAST_JS, selector) for selector in CHECKED}
    assert min(normal.values()) >= 4.5  # WCAG AA in the standard mode
    phone_page.get_by_role("button", name="大字模式").tap()
    phone_page.goto(live_server.url + "/wage-guide/quanzhou-2026/")
    phone_page.goto(live_server.url + "/")
    assert phone_page.get_by_role("button", name="标准字号").get_attribute("aria-pressed") == "true"
    large = {selector: phone_page.evaluate(CONTRAST_JS, selector) for selector in CHECKED}
    assert min(large.values()) >= 7, large  # WCAG AAA (enhanced contrast) for every kind of text checked
    assert large[".help"] > normal[".help"]
    size = phone_page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert size >= 22
    phone_page.screenshot(path=screenshot_dir / "home-large-text-phone.png", full_page=True)


def test_use_my_location_opens_the_directory_with_coordinates(live_server, home, browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        geolocation={"latitude": 24.874, "longitude": 118.676},
        permissions=["geolocation"],
        locale="zh-CN",
    )
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="用我的位置").click()
    page.wait_for_url("**/markets/?*")
    assert "lat=24.874000" in page.url and "lng=118.676000" in page.url
    context.close()


def test_county_select_opens_the_directory_for_that_county(live_server, home, phone_page):
    from portal.regions import County

    phone_page.goto(live_server.url + "/")
    phone_page.get_by_label("选择所在县（市、区）").select_option(label="福鼎市")
    phone_page.get_by_role("button", name="查找零工市场").tap()
    phone_page.wait_for_url("**/markets/?*")
    assert f"county={County.objects.get(name='福鼎市').pk}" in phone_page.url
    assert "lat=" not in phone_page.url
