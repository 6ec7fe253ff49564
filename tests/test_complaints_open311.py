"""Open311 GeoReport v2: services, creating and reading requests, with no personal details in the output."""

import json

import pytest
from django.core.cache import cache

from forms.complaints.models import Complaint

from .complaints_factories import make_complaint, make_open311_client

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


@pytest.fixture
def api_key(home):
    """The key of a client of Quanzhou (a key files only in its city)."""
    return make_open311_client("泉州市")[1]


def test_services_list_the_editable_categories_and_feedback(client, home):
    services = client.get("/open311/v2/services.json").json()
    names = [service["service_name"] for service in services]
    assert names[:7] == ["黑中介", "虚假招聘信息", "就业歧视", "拖欠工资", "收费服务", "服务态度", "其他"]
    assert names[-1] == "意见建议" and all(service["type"] == "realtime" for service in services)


def test_post_creates_a_complaint_in_the_county_found_by_code(client, api_key):
    response = client.post(
        "/open311/v2/requests.json",
        {
            "api_key": api_key,
            "service_code": "unpaid-wages",
            "description": "拖欠工钱",
            "attribute[county]": "350582",
            "first_name": "五",
            "last_name": "王",
            "phone": "13700001234",
        },
    )
    assert response.status_code == 201
    body = response.json()[0]
    case = Complaint.objects.get(receipt_no=body["service_request_id"])
    assert case.handling_county.name == "晋江市" and case.contact_name == "王五" and not case.anonymous
    assert "查询码" in body["service_notice"]


def test_post_finds_the_nearest_county_from_coordinates(client, home):
    _, ningde_key = make_open311_client("宁德市")
    response = client.post(
        "/open311/v2/requests.json",
        {"api_key": ningde_key, "service_code": "feedback", "description": "建议", "lat": 26.66, "long": 119.53},
    )
    case = Complaint.objects.get(receipt_no=response.json()[0]["service_request_id"])
    assert case.handling_county.name == "蕉城区" and case.kind == Complaint.Kind.FEEDBACK and case.anonymous


def test_bad_post_answers_400_with_an_error_per_field(client, api_key):
    response = client.post("/open311/v2/requests.json", {"api_key": api_key, "service_code": "nope", "phone": "12"})
    assert response.status_code == 400
    errors = response.json()
    assert {error["code"] for error in errors} == {400}
    assert {error["description"].split("：")[0] for error in errors} == {"service_code", "description", "phone"}
    assert not Complaint.objects.exists()


def test_reading_requests_shows_no_personal_details(client, home):
    case, _ = make_complaint(
        "晋江市",
        status=Complaint.Status.CLOSED,
        public_reply="已补发工资。",
        description="老板王某欠薪，住在某小区",
        published=True,
    )
    single = client.get(f"/open311/v2/requests/{case.receipt_no}.json")
    text = single.content.decode()
    record = single.json()[0]
    assert record["status"] == "closed" and record["status_notes"] == "已补发工资。"
    assert record["service_code"] == "unpaid-wages" and record["agency_responsible"] == "晋江市人力资源和社会保障局"
    for personal in ("李四", "13900001111", "lisi@example.com", "王某"):
        assert personal not in text
    assert "description" not in record
    assert client.get("/open311/v2/requests/TS0-0.json").status_code == 404


def test_request_list_filters(client, home):
    open_case, _ = make_complaint("晋江市", published=True)
    closed_case, _ = make_complaint("晋江市", status=Complaint.Status.CLOSED, published=True)
    ids = lambda params: {item["service_request_id"] for item in client.get("/open311/v2/requests.json", params).json()}  # noqa: E731
    assert ids({}) == {open_case.receipt_no, closed_case.receipt_no}
    assert ids({"status": "open"}) == {open_case.receipt_no}
    assert ids({"status": "closed"}) == {closed_case.receipt_no}
    assert ids({"service_code": "illegal-agency"}) == set()
    assert ids({"service_request_id": closed_case.receipt_no}) == {closed_case.receipt_no}
    assert ids({"start_date": "2030-01-01T00:00:00+08:00"}) == set()
    bad = client.get("/open311/v2/requests.json", {"status": "maybe", "start_date": "yesterday"})
    named = {error["description"].split("：")[0] for error in json.loads(bad.content)}
    assert bad.status_code == 400 and named == {"status", "start_date"}
