"""In Chromium: a county editor builds a sign-up form and an event in the admin; people sign up on a phone.

Issue 17's journey: a job-fair form with an identity-number field and 3 places, attached to an event at a market,
approved by a city editor; four sign-ups on a phone (a wrong identity number is told next to the field and keeps
what was typed; the fourth is told 名额已满); the editor sees three submissions masked and exports them as .xlsx;
another county's editor sees none. The event shows on the home page, the market's page and the calendar feed.
"""

import datetime
import io
import re

import pytest
from django.conf import settings
from django.core.cache import cache
from icalendar import Calendar
from openpyxl import load_workbook

from forms.built.models import BuiltFormPage, BuiltFormSubmission
from notices.models import EventIndexPage, EventPage

from .built_forms_factories import BAD_ID, VALID_ID, identity_number
from .markets_factories import make_market
from .utils import SUITE_NOW, admin_login, make_city_staff, make_county_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FORM_TITLE = "晋江市零工专场招聘会报名（十二月）"
EVENT_TITLE = "晋江市零工专场招聘会（十二月）"
PEOPLE = [("林一", identity_number("35058219800101001")), ("陈二", identity_number("35058219810202002"))]


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


def build_form(page, live_server, services):
    page.goto(f"{live_server.url}/admin/pages/{services.pk}/add_subpage/")
    page.get_by_role("link", name="自建表单页", exact=True).click()
    page.fill("#id_title", FORM_TITLE)
    fields = [("姓名", "singleline", ""), ("居民身份证号码", "id_number", "用于签到核验。")]
    fields.append(("我同意按上述目的使用我的个人信息", "consent", "收集目的：组织招聘会报名和签到。"))
    for number, (label, kind, help_text) in enumerate(fields):
        page.locator("#id_form_fields-ADD").click()
        page.fill(f"#id_form_fields-{number}-label", label)
        page.select_option(f"#id_form_fields-{number}-field_type", kind)
        page.check(f"#id_form_fields-{number}-required")
        page.fill(f"#id_form_fields-{number}-help_text", help_text)
    page.select_option("#id_city", label="泉州市")
    page.select_option("#id_county", label="晋江市")
    page.fill("#id_owner_emails", "jinjiang-fair@example.gov.cn")
    page.fill("#id_capacity", "3")
    page.get_by_role("tab", name="推荐").click()
    page.fill("#id_slug", "jinjiang-fair-december")
    submit_for_moderation(page)


def submit_for_moderation(page):
    settle_autosave(page)
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    page.locator("button[name='action-submit']").click()
    page.wait_for_selector(".messages .success, .w-message--success, [role=status] .success", timeout=15000)


def settle_autosave(page):
    """Let Wagtail's autosave of the last change finish before submitting.

    Its first save creates the page and points the form at the page's edit view; a submit sent while that save is
    under way goes to the create view and makes a second page.
    """
    autosave_ms = getattr(settings, "WAGTAIL_AUTOSAVE_INTERVAL", 500)
    page.wait_for_timeout(autosave_ms + 300)  # the save of the last change has begun
    page.wait_for_selector("#w-autosave-indicator:not([data-w-autosave-state-value=saving])", state="attached")


def build_event(page, live_server, events, market, form):
    page.goto(f"{live_server.url}/admin/pages/{events.pk}/add_subpage/")  # the section's only page type: its form
    page.fill("#id_title", EVENT_TITLE)
    starts = SUITE_NOW + datetime.timedelta(days=7)
    page.fill("#id_starts_at", starts.strftime("%Y-%m-%d 09:00"))
    page.fill("#id_ends_at", starts.strftime("%Y-%m-%d 12:00"))
    page.keyboard.press("Escape")  # the date picker's calendar
    page.fill("#id_organiser", "晋江市人力资源和社会保障局")
    choose_page(page, re.compile("选择一个页面.*零工市场"), market.title)
    page.select_option("#id_city", label="泉州市")
    page.locator(
        "#id_offers + * [contenteditable=true], [data-draftail-input] ~ * [contenteditable=true]"
    ).first.click()
    page.keyboard.type("电子厂普工、保洁、搬运等日结岗位五十个。")
    choose_page(page, re.compile("选择一个页面.*自建表单"), form.title)
    page.get_by_role("tab", name="推荐").click()
    page.fill("#id_slug", "jinjiang-fair-december")
    submit_for_moderation(page)


def choose_page(page, button_label, title):
    """Pick a page in Wagtail's page chooser: open it from the field's button, search for the title, click it."""
    page.get_by_role("button", name=button_label).click()
    modal = page.locator(".modal-dialog")
    modal.locator("input[name=q]").fill(title)
    modal.get_by_role("link", name=title).first.click()
    page.wait_for_selector(".modal-dialog", state="hidden")


def approve_everything(browser, live_server):
    page = admin_login(browser, live_server, make_city_staff("泉州市", "市级编辑"))
    for title in (FORM_TITLE, EVENT_TITLE):
        revision = page.locator("tr", has_text=title)
        revision.locator("[data-w-dropdown-target='toggle']").click()
        revision.get_by_role("button", name="批准", exact=True).click()
        page.wait_for_load_state("networkidle")
    page.context.close()


def calendar_titles(feed):
    return [str(item["SUMMARY"]) for item in Calendar.from_ical(feed.body()).walk("VEVENT")]


def sign_up(phone_page, url, name, id_number):
    phone_page.goto(url)
    phone_page.get_by_label("姓名").fill(name)
    phone_page.get_by_label("居民身份证号码").fill(id_number)
    phone_page.get_by_label("我同意按上述目的使用我的个人信息").check()
    phone_page.fill("#id_captcha_1", "PASSED")
    phone_page.get_by_role("button", name="提交").click()
    phone_page.wait_for_load_state("domcontentloaded")


def test_county_editor_builds_a_sign_up_form_and_an_event_people_sign_up_on_a_phone(
    live_server, home, browser, phone_page, screenshot_dir, time_machine
):
    editor = make_county_staff("晋江市", "县级编辑")
    market = make_market("晋江市", name="晋江市青阳零工市场")
    services = home.get_children().get(slug="services")
    events = EventIndexPage.objects.get()

    admin = admin_login(browser, live_server, editor)
    build_form(admin, live_server, services)
    form = BuiltFormPage.objects.get(slug="jinjiang-fair-december")
    assert not form.live and form.county.name == "晋江市" and form.capacity == 3
    build_event(admin, live_server, events, market, form)
    event = EventPage.objects.get(slug="jinjiang-fair-december")
    assert not event.live and event.signup_form_id == form.pk
    approve_everything(browser, live_server)
    form.refresh_from_db()
    event.refresh_from_db()
    assert form.live and event.live

    # The event on the home page, the market's page and the calendar feed.
    for url in (live_server.url + "/", live_server.url + market.url):
        phone_page.goto(url)
        assert phone_page.get_by_role("link", name=EVENT_TITLE).first.is_visible()
    feed = phone_page.request.get(live_server.url + "/events/calendar.ics")
    assert feed.ok and f"【零工专场招聘会】{EVENT_TITLE}" in calendar_titles(feed)

    # Four people sign up from the event's page; the second types a wrong identity number first.
    phone_page.goto(live_server.url + event.url)
    phone_page.get_by_role("link", name="在线报名").click()
    form_url = phone_page.url
    sign_up(phone_page, form_url, *PEOPLE[0])
    assert "报名" in phone_page.content() and "回执" in phone_page.content()

    sign_up(phone_page, form_url, "陈二", BAD_ID)
    id_field = phone_page.get_by_label("居民身份证号码")
    assert id_field.input_value() == BAD_ID and phone_page.get_by_label("姓名").input_value() == "陈二"
    described_by = id_field.get_attribute("aria-describedby").split()
    messages = " ".join(phone_page.locator(f"#{element_id}").inner_text() for element_id in described_by)
    assert "身份证号码" in messages and "校验" in messages
    phone_page.screenshot(path=str(screenshot_dir / "built-form-bad-id-phone.png"), full_page=True)
    sign_up(phone_page, form_url, *PEOPLE[1])
    sign_up(phone_page, form_url, "王三", VALID_ID)
    assert BuiltFormSubmission.objects.filter(page=form).count() == 3

    phone_page.goto(form_url)
    assert phone_page.get_by_text("名额已满").first.is_visible()
    assert phone_page.locator("#id_captcha_1").count() == 0
    phone_page.screenshot(path=str(screenshot_dir / "built-form-full-phone.png"), full_page=True)

    # The editor sees the three, masked, and exports them; another county's editor sees none.
    admin.goto(live_server.url + "/admin/built_forms/builtformsubmission/")
    rows = admin.locator("table.listing tbody tr")
    assert rows.count() == 3
    listing = admin.locator("table.listing").inner_text()
    assert VALID_ID not in listing and VALID_ID[:4] + "*" * 10 + VALID_ID[-4:] in listing
    with admin.expect_download() as download_info:
        admin.get_by_role("link", name="导出 Excel（号码已遮盖）").click()
    workbook = load_workbook(io.BytesIO(open(download_info.value.path(), "rb").read()))
    cells = [str(cell) for row in workbook.active.iter_rows(values_only=True) for cell in row]
    assert sum(FORM_TITLE in cell for cell in cells) == 3 and not any(VALID_ID in cell for cell in cells)

    other = admin_login(browser, live_server, make_county_staff("鲤城区", "县级编辑"))
    other.goto(live_server.url + "/admin/built_forms/builtformsubmission/")
    assert other.locator("table.listing tbody tr").count() == 0
    assert FORM_TITLE not in other.content()

    # Once it has ended, the event leaves the home page, the market's page and the feed.
    time_machine.move_to(event.ends_at + datetime.timedelta(minutes=1))
    for url in (live_server.url + "/", live_server.url + market.url):
        phone_page.goto(url)
        assert phone_page.get_by_role("link", name=EVENT_TITLE).count() == 0
    feed = phone_page.request.get(live_server.url + "/events/calendar.ics")
    assert f"【零工专场招聘会】{EVENT_TITLE}" not in calendar_titles(feed)
