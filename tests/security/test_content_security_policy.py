"""Finding 12 (rest): no Content-Security-Policy anywhere. Public pages now run only the portal's own scripts and
styles, or inline ones carrying the response's nonce; the admin's policy allows Wagtail's inline scripts but
nothing from other sites; private uploads keep their sandbox."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory

from portal.errors import server_error

from ..complaints_factories import make_complaint
from ..markets_factories import make_market

PUBLIC_PAGES = ["/", "/markets/", "/policies/", "/feedback/complaint/", "/search/?q=补助", "/operators/login/"]
PASSWORD = "correct horse battery staple"


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_allow_only_the_portals_own_scripts_and_the_nonce(client, home, url):
    response = client.get(url)
    policy = directives(response)
    nonce = re.search(r'<script nonce="([^"]+)">', response.content.decode()).group(1)
    assert policy["script-src"] == ["'self'", f"'nonce-{nonce}'"]
    assert policy["style-src"] == ["'self'", f"'nonce-{nonce}'"]
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"] and policy["form-action"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_each_response_gets_its_own_nonce(client, home):
    first, second = (directives(client.get("/"))["script-src"][1] for _ in range(2))
    assert first != second


@pytest.mark.django_db
def test_the_map_tiles_are_the_only_other_images_allowed(client, home, settings):
    assert directives(client.get("/markets/"))["img-src"] == ["'self'", "data:", "https://*.tile.openstreetmap.org"]


@pytest.mark.django_db
def test_the_admin_allows_wagtails_inline_scripts_but_nothing_from_elsewhere(client, home):
    policy = directives(client.get("/admin/login/"))
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]


def test_the_server_error_page_styles_itself_with_the_nonce():
    request = RequestFactory().get("/")
    request.csp_nonce = "abc123"
    assert '<style nonce="abc123">' in server_error(request).content.decode()


def csp_violations(page):
    messages = []
    page.on(
        "console", lambda message: messages.append(message.text) if "Content Security Policy" in message.text else None
    )
    return messages


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_no_page_breaks_its_own_policy_in_the_browser(live_server, home, browser, phone_page):
    make_market("晋江市")
    violations = csp_violations(phone_page)
    for url in [*PUBLIC_PAGES, "/wage-guide/", "/feedback/progress/"]:
        phone_page.goto(live_server.url + url)
        phone_page.wait_for_load_state("networkidle")
    phone_page.goto(live_server.url + "/search/?q=补助")
    phone_page.fill("#search-q", "零工")
    phone_page.wait_for_timeout(400)  # the suggestions fetch
    assert violations == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_admin_works_under_its_policy(live_server, home, browser):
    get_user_model().objects.create_superuser("csp-admin", password=PASSWORD)
    case, _code = make_complaint("晋江市")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    violations = csp_violations(page)
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "csp-admin")
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")
    for url in [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{home.pk}/edit/",
        f"/admin/forms/complaint/inspect/{case.pk}/",
    ]:
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
    assert violations == []
    context.close()
