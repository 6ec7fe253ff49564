"""Finding 2 of the security test: Open311 published every case and answered as an oracle.

Anonymous ``GET /open311/v2/requests.json?start_date=2000-01-01T00:00:00`` returned every receipt number with
its status and the bureau's reply, and ``/open311/v2/requests/<no>.json`` told whether a receipt number existed.
Now only the cases the bureau publishes (公开, after checking the reply) are open data, and an unpublished
receipt number gets the answer of an unknown one.
"""

import pytest

from forms.complaints.models import Complaint
from tests.complaints_factories import make_complaint
from tests.utils import make_county_staff

pytestmark = pytest.mark.django_db
LIST = "/open311/v2/requests.json"


def listed(client):
    return {item["service_request_id"] for item in client.get(LIST, {"start_date": "2000-01-01T00:00:00"}).json()}


def test_an_unpublished_case_is_neither_listed_nor_confirmed(client, home):
    hidden, _ = make_complaint("晋江市", status=Complaint.Status.CLOSED, public_reply="已协调，张三已领到工资。")
    shown, _ = make_complaint("晋江市", status=Complaint.Status.CLOSED, public_reply="已补发工资。", published=True)
    assert listed(client) == {shown.receipt_no}
    assert client.get(LIST, {"service_request_id": hidden.receipt_no}).json() == []
    unknown = client.get("/open311/v2/requests/TS20260101-000000.json")
    unpublished = client.get(f"/open311/v2/requests/{hidden.receipt_no}.json")
    assert unpublished.status_code == unknown.status_code == 404
    assert unpublished.json() == unknown.json()
    assert "张三" not in client.get(LIST, {"start_date": "2000-01-01T00:00:00"}).content.decode()


def inspect_url(case):
    return f"/admin/forms/complaint/inspect/{case.pk}/"


def test_the_county_publishes_a_case_after_checking_the_reply(client, home):
    case, _ = make_complaint("晋江市", status=Complaint.Status.CLOSED, public_reply="已补发工资。")
    client.force_login(make_county_staff("晋江市"))
    refused = client.post(inspect_url(case), {"action": "publish"})
    assert "公开前请核对公开答复中没有个人信息" in refused.content.decode()
    assert listed(client) == set()
    client.post(inspect_url(case), {"action": "publish", "publish-checked": "on"})
    case.refresh_from_db()
    assert case.published and case.events.filter(action="published").exists()
    assert listed(client) == {case.receipt_no}
    client.post(inspect_url(case), {"action": "unpublish", "unpublish-note": "答复需修改"})
    assert listed(client) == set()
