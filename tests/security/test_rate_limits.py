"""Finding 13 of the security test (part): registration, password resets, search, suggestions and the evaluate
API had no rate limit. Past its limit a client address gets a 429 in Chinese (JSON for the APIs)."""

import json

import pytest
from django.core.cache import cache
from django.test import override_settings

from tests.utils import SUITE_NOW

pytestmark = pytest.mark.django_db
TWO = {name: "2/m" for name in ("evaluate", "search", "suggest", "register", "password_reset")}


@pytest.fixture(autouse=True)
def low_limits(time_machine):
    time_machine.move_to(SUITE_NOW, tick=False)  # a per-minute window must not roll over between two requests
    cache.clear()
    with override_settings(RATE_LIMITS=TWO):
        yield
    cache.clear()


def three_times(send):
    return [send() for _ in range(3)]


def test_the_evaluate_api_is_limited(client, home):
    body = json.dumps({"city": "quanzhou", "facility_type": "market"})
    *allowed, refused = three_times(lambda: client.post("/api/v1/assessment/evaluate", body, "application/json"))
    assert [r.status_code for r in allowed] == [200, 200]
    assert refused.status_code == 429 and refused.json() == {"errors": {"body": ["请求过于频繁，请稍后再试。"]}}
    assert refused["Retry-After"] == "60"


@pytest.mark.parametrize(("url", "is_json"), [("/search/?q=补助", False), ("/search/suggest.json?q=零工", True)])
def test_search_and_suggestions_are_limited(client, home, url, is_json):
    *allowed, refused = three_times(lambda: client.get(url))
    assert [r.status_code for r in allowed] == [200, 200] and refused.status_code == 429
    text = json.dumps(refused.json(), ensure_ascii=False) if is_json else refused.content.decode()
    assert "请求过于频繁，请稍后再试。" in text
    assert "public" not in refused.get("Cache-Control", "")


@pytest.mark.parametrize("url", ["/operators/register/", "/operators/password/reset/"])
def test_registration_and_password_resets_are_limited_on_submission(client, home, url):
    assert client.get(url).status_code == 200
    *allowed, refused = three_times(lambda: client.post(url, {"email": "x@example.com"}))
    assert all(r.status_code != 429 for r in allowed)
    assert refused.status_code == 429 and "请求过于频繁" in refused.content.decode()
    assert client.get(url).status_code == 200  # reading the form is not limited
