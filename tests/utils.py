"""Helpers shared by the tests: make_* functions that build what a test needs."""

import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from forms.built.models import BuiltFormPage
from markets.models import MarketPage
from notices.models import EventPage, NoticePage
from policies.models import PolicyPage
from portal.regions import County
from wages.models import WageGuidePage

SHANGHAI = ZoneInfo("Asia/Shanghai")
# The day the suite runs on (a Monday), set in conftest.py; tests compute their dates from it.
SUITE_NOW = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=SHANGHAI)
SUITE_TODAY = SUITE_NOW.date()


PASSWORD = "correct horse battery staple"  # make_user's


def make_user(username="user", *, groups=(), password=PASSWORD, **fields):
    user = get_user_model().objects.create_user(username=username, password=password, **fields)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def admin_login(browser, live_server, user, viewport=None):
    """A new browser page signed in to the admin as ``user`` (made by make_user), on the dashboard."""
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")
    return page


def make_county_staff(county_name, role_label="县级办案人员", username=None):
    """A member of a county group, e.g. make_county_staff("晋江市", "县级编辑")."""
    county = County.objects.get(name=county_name)
    return make_user(username or f"{county.pk}-{role_label}", groups=[f"{county_name}{role_label}"])


def make_city_staff(city_name, role_label="市级编辑", username=None):
    return make_user(username or f"{city_name}-{role_label}", groups=[f"{city_name}{role_label}"])


def public_page_urls():
    """{name: address} of one page of every type the public sees, in the seeded site (the walks of issue 18:
    reflow, axe-core, no English in Chinese)."""
    policy = next(page for page in PolicyPage.objects.live() if not page.is_consultation_draft)
    market = MarketPage.objects.live().get(title="鲤城区零工市场")
    return {
        "home": "/",
        "policies": "/policies/",
        "a policy": policy.url,
        "the library": "/library/",
        "directory": "/markets/",
        "a county": market.get_parent().url,
        "a market": market.url,
        "wage guides": "/wage-guide/",
        "a guide": WageGuidePage.objects.live().first().url,
        "notices": "/notices/",
        "a notice": NoticePage.objects.live().first().url,
        "events": "/events/",
        "an event": EventPage.objects.live().first().url,
        "search": "/search/?q=零工市场",
        "services": "/feedback/",
        "complaint form": "/feedback/complaint/",
        "progress": "/feedback/progress/",
        "forms": "/services/",
        "a built form": BuiltFormPage.objects.live().first().url,
        "operator login": "/operators/login/",
        "operator registration": "/operators/register/",
        "calculator": "/assessment/calculator/",
        "criteria": "/assessment/criteria/quanzhou/",
        "privacy": "/privacy/",
        "accessibility": "/accessibility/",
        "not found": "/no-such-page/",
    }
