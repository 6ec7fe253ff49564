import io
import os
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.utils import translation

from forms.cases import working_days
from portal.models import HomePage

from .seed_snapshot import take_snapshot
from .utils import SUITE_NOW

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}


def pytest_configure(config):
    """The whole suite, seed loading included, runs on SUITE_NOW, whatever day the machine thinks it is.

    The clock ticks on from there, so timeouts still pass; a test about another day moves it with the
    ``time_machine`` fixture (``time_machine.move_to(...)``), which nests inside this travel.
    """
    time_machine.travel(SUITE_NOW, tick=True).start()


@pytest.fixture(autouse=True)
def empty_page_cache():
    """A rolled-back test must not leave its pages in the anonymous page cache for the next one."""
    caches[settings.PAGE_CACHE_ALIAS].clear()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in Chinese: a request to /en/ leaves English active in the thread, and ``page.url`` (with
    its language prefix) would carry it into the next test."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fresh_working_days():
    """The bureau's holiday entries are cached per process; a rolled-back test must not leave them behind."""
    working_days.clear_cache()
    yield
    working_days.clear_cache()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the seed content once and keep a copy: tests roll back to it, transactional ones get the copy back."""
    with django_db_blocker.unblock():
        call_command("load_seed_content", stdout=io.StringIO())
        snapshot = take_snapshot()
    yield snapshot
    with django_db_blocker.unblock():
        snapshot.drop()


@pytest.fixture
def home(django_db_setup, db):
    """The seeded home page (the seeded copy put back after a transactional test's flush)."""
    if not HomePage.objects.exists():
        if connection.in_atomic_block:  # a test in a transaction cannot swap the database under itself
            call_command("load_seed_content", stdout=io.StringIO())
        else:
            django_db_setup.restore()
            caches["default"].clear()
    return HomePage.objects.get()


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"浏览器测试需要 {CHROMIUM}：apt-get install -y chromium fonts-wqy-microhei")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def phone_page(browser):
    """A phone-sized page in a fresh context."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot_dir():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
