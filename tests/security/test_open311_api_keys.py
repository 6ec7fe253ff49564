"""Finding 3 of the security review (issue 14), the keys: the bureau issues an ``api_key`` (GeoReport v2) per
Open311 client in the admin. Only its digest is stored, the key is shown once on issue, a city's administrators
issue and revoke their city's keys, and nobody deletes a client.
"""

import hashlib
import re

import pytest
from django.core.cache import cache

from forms.complaints.models import Open311Client
from portal.regions import City
from tests.complaints_factories import make_open311_client
from tests.utils import make_city_staff, make_county_staff, make_user

pytestmark = pytest.mark.django_db
CLIENTS = "/admin/open311_clients/"


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


# --- the admin: issue once, store a digest, revoke, per city -------------------------------------------------


def issue(client, **fields):
    data = {"name": "泉州12345热线", "contact": "王工 0595-22222222", "city": City.objects.get(name="泉州市").pk}
    return client.post(f"{CLIENTS}new/", {**data, **fields})


def test_a_city_administrator_issues_a_key_shown_once_and_kept_only_as_a_digest(client, home):
    administrator = make_city_staff("泉州市", "市级管理员")
    client.force_login(administrator)
    response = issue(client)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    key = re.search(r'<code id="open311-key">([^<]+)</code>', response.content.decode()).group(1)
    issued = Open311Client.objects.get()
    assert issued.key_digest == hashlib.sha256(key.encode()).hexdigest() and issued.created_by == administrator
    stored = Open311Client.objects.values().get()
    assert all(key not in str(value) for value in stored.values())
    pages = [client.get(url) for url in (CLIENTS, f"{CLIENTS}edit/{issued.pk}/")]
    assert [page.status_code for page in pages] == [200, 200]
    assert all(key not in page.content.decode() for page in pages) and "泉州12345热线" in pages[0].content.decode()
    assert Open311Client.holding(key) == issued


def test_the_administrator_revokes_a_key_for_good(client, home):
    administrator = make_city_staff("泉州市", "市级管理员")
    issued, key = make_open311_client()
    client.force_login(administrator)
    data = {"name": issued.name, "contact": issued.contact, "city": issued.city_id, "revoke": "on"}
    assert client.post(f"{CLIENTS}edit/{issued.pk}/", data).status_code == 302
    issued.refresh_from_db()
    assert issued.revoked_at is not None and issued.revoked_by == administrator
    assert Open311Client.holding(key) is None


def test_a_city_administrator_sees_and_issues_only_for_their_city(client, home):
    quanzhou_client, _ = make_open311_client("泉州市", name="泉州12345热线")
    client.force_login(make_city_staff("宁德市", "市级管理员"))
    assert "泉州12345热线" not in client.get(CLIENTS).content.decode()
    assert client.get(f"{CLIENTS}edit/{quanzhou_client.pk}/").status_code == 404
    assert client.get(f"{CLIENTS}history/{quanzhou_client.pk}/").status_code == 404
    refused = issue(client, name="冒名客户端")  # the city field offers 宁德市 only
    assert refused.status_code == 200 and not Open311Client.objects.filter(name="冒名客户端").exists()


def test_county_handlers_issue_no_keys(client, home):
    client.force_login(make_county_staff("晋江市"))
    assert client.get(f"{CLIENTS}new/").status_code == 302
    assert issue(client).status_code == 302 and not Open311Client.objects.exists()


def test_nobody_deletes_a_client_its_complaints_name(client, home):
    issued, _ = make_open311_client()
    client.force_login(make_user("root", is_superuser=True, is_staff=True))
    assert client.post(f"{CLIENTS}delete/{issued.pk}/").status_code == 302
    assert Open311Client.objects.filter(pk=issued.pk).exists()
