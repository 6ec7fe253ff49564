"""Finding 10 of the security test (part): on SQLite an id of 2^63 in a choice field and Open311's
``start_date=0001-01-01`` gave server errors; each is a 400 with a clear message.

Every choice on a public form is tried with ids no database integer holds (2^63, -2^63-1) and one that is no
integer at all ("1e5"): each is the form's ordinary "invalid choice" next to the field, on SQLite as on PostgreSQL.
"""

import pytest
from django.core.cache import cache

from tests.complaints_factories import COMPLAINT_URL, FEEDBACK_URL, SURVEY_URL, complaint_post
from tests.operators_factories import make_operator, recognition_values, subsidy_values
from tests.policies_factories import QUANZHOU_PLAN, seeded_policy

pytestmark = pytest.mark.django_db
TOO_BIG = str(2**63)
BAD_IDS = [TOO_BIG, str(-(2**63) - 1), "1e5"]
INVALID_CHOICE = "选择一个有效的选项"


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()


def test_an_id_beyond_the_database_s_integers_is_an_unknown_choice(client, home):
    response = client.post(COMPLAINT_URL, complaint_post(market=TOO_BIG))
    assert response.status_code == 400
    assert INVALID_CHOICE in response.content.decode()


@pytest.mark.parametrize("bad", BAD_IDS)
@pytest.mark.parametrize(("url", "field"), [(COMPLAINT_URL, name) for name in ("category", "county", "market")])
def test_the_complaint_form_s_choices(client, home, url, field, bad):
    response = client.post(url, complaint_post(**{field: bad}))
    assert response.status_code == 400
    assert INVALID_CHOICE in response.content.decode()


@pytest.mark.parametrize("bad", BAD_IDS)
@pytest.mark.parametrize("field", ["county", "market"])
def test_the_feedback_form_s_choices(client, home, field, bad):
    response = client.post(FEEDBACK_URL, complaint_post(**{field: bad}))
    assert response.status_code == 400
    assert INVALID_CHOICE in response.content.decode()


def survey_post(**overrides):
    data = {"respondent": "worker", "environment": "5", "process": "4", "result": "5"}
    return {**data, "captcha_0": "x", "captcha_1": "PASSED", **overrides}


@pytest.mark.parametrize("bad", BAD_IDS)
@pytest.mark.parametrize("field", ["market", "respondent", "environment"])
def test_the_survey_s_choices(client, home, field, bad):
    response = client.post(SURVEY_URL, survey_post(**{field: bad}))
    assert response.status_code == 400
    assert INVALID_CHOICE in response.content.decode()


@pytest.mark.parametrize("bad", BAD_IDS)
def test_the_rating_s_choice(client, home, bad):
    response = client.post("/feedback/progress/", {"receipt_no": "TS1", "query_code": "123456", "rating": bad})
    assert response.status_code == 400
    assert INVALID_CHOICE in response.content.decode()


@pytest.mark.parametrize("bad", BAD_IDS)
def test_the_comment_form_s_clause(client, home, bad):
    page = seeded_policy(QUANZHOU_PLAN)
    data = {"clause": bad, "text": "建议放宽面积要求。", "captcha_0": "x", "captcha_1": "PASSED"}
    response = client.post(page.url, data)
    assert response.status_code == 200
    assert INVALID_CHOICE in response.content.decode()


@pytest.mark.parametrize("bad", BAD_IDS)
def test_the_registration_s_county(client, home, bad):
    response = client.post("/operators/register/", {"county": bad, "username": "newop"})
    assert response.status_code == 200
    assert INVALID_CHOICE in response.content.decode()


@pytest.mark.parametrize("bad", BAD_IDS)
@pytest.mark.parametrize(
    ("kind", "field"),
    [
        ("recognition", "handling_county"),
        ("recognition", "market_type"),
        ("recognition", "uses_platform"),
        ("subsidy", "subsidy_type"),
    ],
)
def test_the_application_form_s_choices(client, home, kind, field, bad):
    user, profile = make_operator()
    client.force_login(user)
    values = recognition_values() if kind == "recognition" else subsidy_values()
    data = {key: str(value) for key, value in values.items() if key != "county"}
    data.update({"handling_county": profile.county.pk, "intent": "draft", field: bad})
    response = client.post(f"/operators/applications/new/{kind}/", data)
    assert response.status_code == 200
    assert INVALID_CHOICE in response.content.decode()


@pytest.mark.parametrize("bad", BAD_IDS)
@pytest.mark.parametrize("field", ["county", "near_county", "city", "service", "star"])
def test_the_directory_s_filters(client, home, field, bad):
    response = client.get("/markets/", {field: bad})
    assert response.status_code == 200
    assert "该选项不存在，已忽略。" in response.content.decode()


@pytest.mark.parametrize("bad", BAD_IDS)
def test_the_geojson_county(client, home, bad):
    response = client.get("/api/v1/markets.geojson", {"county": bad})
    assert response.status_code == 400
    assert response.json() == {"errors": {"county": ["没有这个县（市、区）编号。"]}}


@pytest.mark.parametrize("when", ["0001-01-01T00:00:00", "9999-12-31T23:59:59", "2026-02-30T00:00:00"])
def test_open311_dates_out_of_range_are_a_400_naming_the_field(client, home, when):
    response = client.get("/open311/v2/requests.json", {"start_date": when})
    [error] = response.json()
    assert response.status_code == 400 and error["code"] == 400 and error["description"].startswith("start_date：")
