"""Finding 3 of the security review (issue 14): Open311 POST took complaints with no key, no captcha and no CSRF —
121 complaints in 7 s from different loopback addresses, each e-mailing the county's handlers.

Now a POST needs the ``api_key`` (GeoReport v2) the bureau issues per client in the admin: only its digest is
stored, the key is shown once on issue, a revoked key is refused, each key has its own rate limit, and a key
files only in its city's counties. The case records which client filed it. City administrators issue and revoke
their city's keys; nobody deletes a client.
"""

import hashlib
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import override_settings

from forms.complaints.models import Complaint, Open311Client
from portal.regions import City
from tests.complaints_factories import make_open311_client
from tests.utils import SUITE_NOW, make_city_staff, make_county_staff, make_user

pytestmark = pytest.mark.django_db
POST = "/open311/v2/requests.json"
CLIENTS = "/admin/open311_clients/"
REFUSED = [{"code": 403, "description": "缺少 api_key 或 api_key 无效：请向市人力资源和社会保障局申请客户端密钥。"}]


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def jinjiang_handler(home):
    return make_user("jinjiang-handler", groups=["晋江市县级办案人员"], email="jinjiang@example.com")


def complaint(**fields):
    return {"service_code": "unpaid-wages", "description": "拖欠工钱", "attribute[county]": "350582", **fields}


# --- POST needs a valid key ----------------------------------------------------------------------------------


@pytest.mark.parametrize("key", [None, "", "not-a-key-the-bureau-issued"])
def test_without_a_valid_key_nothing_is_filed_and_nobody_is_mailed(
    client, jinjiang_handler, django_capture_on_commit_callbacks, key
):
    make_open311_client()
    data = complaint() if key is None else complaint(api_key=key)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(POST, data)
    assert response.status_code == 403 and response.json() == REFUSED
    assert not Complaint.objects.exists() and mail.outbox == []


def test_a_revoked_key_is_refused(client, jinjiang_handler, django_capture_on_commit_callbacks):
    issued, key = make_open311_client()
    issued.revoke(user=None)
    issued.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(POST, complaint(api_key=key))
    assert response.status_code == 403 and response.json() == REFUSED
    assert not Complaint.objects.exists() and mail.outbox == []


def test_a_valid_key_files_the_case_which_names_its_client(
    client, jinjiang_handler, django_capture_on_commit_callbacks
):
    issued, key = make_open311_client()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(POST, complaint(api_key=key))
    assert response.status_code == 201
    case = Complaint.objects.get(receipt_no=response.json()[0]["service_request_id"])
    assert case.open311_client == issued and case.handling_county.name == "晋江市"
    assert [message.to for message in mail.outbox] == [["jinjiang@example.com"]]
    issued.refresh_from_db()
    assert issued.last_used_at is not None and issued.last_used_at >= SUITE_NOW


def test_a_case_page_names_the_client_that_filed_it(client, jinjiang_handler):
    _, key = make_open311_client(name="泉州12345热线")
    client.post(POST, complaint(api_key=key))
    client.force_login(jinjiang_handler)
    page = client.get(f"/admin/forms/complaint/inspect/{Complaint.objects.get().pk}/")
    assert "Open311 客户端：泉州12345热线" in page.content.decode()


def test_each_key_has_its_own_rate_limit(client, home):
    _, first = make_open311_client(name="甲")
    _, second = make_open311_client(name="乙")
    with override_settings(RATE_LIMITS={"open311_post_per_key": "2/m"}):
        statuses = [client.post(POST, complaint(api_key=first)).status_code for _ in range(3)]
        other = client.post(POST, complaint(api_key=second))
    assert statuses == [201, 201, 429]
    assert other.status_code == 201 and Complaint.objects.count() == 3


def test_the_limit_answers_in_the_georeport_error_format(client, home):
    _, key = make_open311_client()
    with override_settings(RATE_LIMITS={"open311_post_per_key": "1/m"}):
        client.post(POST, complaint(api_key=key))
        refused = client.post(POST, complaint(api_key=key))
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    assert refused.json() == [{"code": 429, "description": "提交过于频繁，请稍后再试。"}]


def test_a_key_files_only_in_its_own_city(client, home):
    _, ningde_key = make_open311_client("宁德市", name="宁德12345热线")
    response = client.post(POST, complaint(api_key=ningde_key))  # 350582 is Jinjiang, in Quanzhou
    assert response.status_code == 400
    assert response.json() == [
        {"code": 400, "description": "attribute[county]：此 api_key 只能提交宁德市各县（市、区）的投诉建议。"}
    ]
    assert not Complaint.objects.exists()


# --- the admin: issue once, store a digest, revoke, per city -------------------------------------------------


def issue(client, follow=False, **fields):
    data = {"name": "泉州12345热线", "contact": "王工 0595-22222222", "city": City.objects.get(name="泉州市").pk}
    return client.post(f"{CLIENTS}new/", {**data, **fields}, follow=follow)


def test_a_city_administrator_issues_a_key_shown_once_and_kept_only_as_a_digest(client, home):
    administrator = make_city_staff("泉州市", "市级管理员")
    client.force_login(administrator)
    response = issue(client, follow=True)
    assert response.redirect_chain[-1][0].endswith(f"/issued/{Open311Client.objects.get().pk}/")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    key = re.search(r'<code id="open311-key">([^<]+)</code>', response.content.decode()).group(1)
    reloaded = client.get(response.redirect_chain[-1][0]).content.decode()
    assert key not in reloaded and "密钥已显示过" in reloaded  # a reload neither shows it again nor issues another
    issued = Open311Client.objects.get()
    assert issued.key_digest == hashlib.sha256(key.encode()).hexdigest() and issued.created_by == administrator
    stored = Open311Client.objects.values().get()
    assert all(key not in str(value) for value in stored.values())
    pages = [client.get(url) for url in (CLIENTS, f"{CLIENTS}edit/{issued.pk}/")]
    assert [page.status_code for page in pages] == [200, 200]
    assert all(key not in page.content.decode() for page in pages) and "泉州12345热线" in pages[0].content.decode()
    client.logout()
    assert client.post(POST, complaint(api_key=key)).status_code == 201


def test_the_administrator_revokes_a_key_for_good(client, home):
    administrator = make_city_staff("泉州市", "市级管理员")
    issued, key = make_open311_client()
    client.force_login(administrator)
    data = {"name": issued.name, "contact": issued.contact, "city": issued.city_id, "revoke": "on"}
    assert client.post(f"{CLIENTS}edit/{issued.pk}/", data).status_code == 302
    issued.refresh_from_db()
    assert issued.revoked_at is not None and issued.revoked_by == administrator
    client.logout()
    assert client.post(POST, complaint(api_key=key)).status_code == 403


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


@pytest.mark.parametrize("description", ["\u200b\u200b\u200b", "\u202e\u202d", "\u200b\u3000\u2066"])
def test_a_description_with_nothing_visible_is_refused(client, home, description):
    _client, key = make_open311_client()
    response = client.post(POST, complaint(api_key=key, description=description))
    assert response.status_code == 400
    assert "请填写文字内容" in response.content.decode() and not Complaint.objects.exists()
