"""Finding 5: rate limits and the login lockout did not hold as deployed. Behind a proxy every client shared the
proxy's address (X-Forwarded-For was ignored, with no setting for the proxy), so ten people's complaints locked
out everyone and anyone could lock any staff account; with the local-memory cache each worker counted alone.

The client's address now comes from the trusted proxies' X-Forwarded-For entries (``TRUSTED_PROXY_HOPS``), and
``check --deploy`` refuses a cache the workers do not share or a missing proxy setting.
"""

import uuid

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import RequestFactory, override_settings

from portal.checks import check_proxy_setting, check_shared_cache
from portal.client_address import client_address

from ..operators_factories import VALID_USCC_2, make_operator
from ..utils import SUITE_NOW

PROXY = "10.0.0.2"  # the bureau's nginx, as gunicorn sees it
SEARCH = "/search/?q=补助"
REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/15",
        "KEY_PREFIX": f"test-{uuid.uuid4().hex}",  # another test run on this machine counts apart
    },
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
LOCAL = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}


def via_proxy(forwarded_for):
    """What the proxy passes on: the client's address appended to whatever the client sent."""
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded_for}


@pytest.fixture(autouse=True)
def fresh_counters(time_machine):
    time_machine.move_to(SUITE_NOW, tick=False)  # a per-minute window must not roll over between two requests
    cache.clear()
    yield
    cache.clear()


def address(hops, remote=PROXY, forwarded=None):
    meta = {"REMOTE_ADDR": remote} | ({"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {})
    with override_settings(TRUSTED_PROXY_HOPS=hops):
        return client_address(RequestFactory().get("/", **meta))


def test_the_client_is_the_entry_the_trusted_proxies_wrote():
    assert address(1, forwarded="203.0.113.7") == "203.0.113.7"
    assert address(1, forwarded="6.6.6.6, 203.0.113.7") == "203.0.113.7"  # the left entry is the client's own word
    assert address(2, forwarded="6.6.6.6, 203.0.113.7, 10.0.0.9") == "203.0.113.7"
    assert address(0, forwarded="203.0.113.7") == PROXY  # no proxy: the header is anyone's to write
    assert address(None, forwarded="203.0.113.7") == PROXY
    assert address(2, forwarded="203.0.113.7") == PROXY  # shorter than the proxies promise: not trusted
    assert address(1, forwarded="not-an-address") == PROXY


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_HOPS=1, RATE_LIMITS={"search": "2/m"})
def test_behind_the_proxy_one_persons_searches_do_not_limit_another(client, home):
    first = [client.get(SEARCH, **via_proxy("203.0.113.7")).status_code for _ in range(3)]
    assert first == [200, 200, 429]
    assert client.get(SEARCH, **via_proxy("198.51.100.20")).status_code == 200


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_HOPS=1, RATE_LIMITS={"search": "2/m"})
def test_a_forged_header_does_not_escape_the_limit(client, home):
    codes = [client.get(SEARCH, **via_proxy(f"9.9.9.{n}, 203.0.113.7")).status_code for n in range(3)]
    assert codes == [200, 200, 429]


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_HOPS=0, RATE_LIMITS={"search": "2/m"})
def test_without_a_proxy_the_header_is_ignored(client, home):
    codes = [
        client.get(SEARCH, REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR=f"9.9.9.{n}").status_code for n in range(3)
    ]
    assert codes == [200, 200, 429]


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_HOPS=1)
def test_failed_logins_from_one_address_do_not_lock_the_account_for_another(client, home):
    make_operator("target-op", uscc=VALID_USCC_2)
    for _attempt in range(5):
        attack = client.post(
            "/operators/login/", {"username": "target-op", "password": "wrong"}, **via_proxy("203.0.113.66")
        )
    assert attack.status_code == 429
    owner = client.post(
        "/operators/login/",
        {"username": "target-op", "password": "correct horse battery staple"},
        **via_proxy("198.51.100.20"),
    )
    assert owner.status_code == 302


@pytest.mark.django_db
@override_settings(CACHES=REDIS, RATE_LIMITS={"search": "10/m"})
def test_limits_count_exactly_in_the_shared_cache(client, home):
    codes = [client.get(SEARCH).status_code for _ in range(11)]
    assert codes == [200] * 10 + [429]


def test_deploy_check_refuses_a_cache_the_workers_do_not_share():
    with override_settings(CACHES=LOCAL):
        assert [error.id for error in check_shared_cache(None)] == ["portal.E001"]
    with override_settings(CACHES=REDIS):
        assert check_shared_cache(None) == []


def test_deploy_check_refuses_a_missing_proxy_setting():
    with override_settings(TRUSTED_PROXY_HOPS=None):
        assert [error.id for error in check_proxy_setting(None)] == ["portal.E002"]
    with override_settings(TRUSTED_PROXY_HOPS=0):
        assert check_proxy_setting(None) == []


@override_settings(CACHES=LOCAL, TRUSTED_PROXY_HOPS=None)
def test_check_deploy_fails_on_both():
    with pytest.raises(SystemCheckError) as failure:
        call_command("check", "--deploy", "--tag", "security", "--tag", "caches")
    assert "portal.E001" in str(failure.value) and "portal.E002" in str(failure.value)
