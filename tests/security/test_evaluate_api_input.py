"""Finding 10 of the security test, for POST /api/v1/assessment/evaluate: bad input gave server errors.

Integers over 4,300 digits, lists where strings belong and JSON nested 30,000 deep each answered 500. Each is a
400 naming what is wrong, in Chinese.
"""

import json

import pytest

pytestmark = pytest.mark.django_db
URL = "/api/v1/assessment/evaluate"
MARKET = {"city": "quanzhou", "facility_type": "market"}


def post(client, body):
    return client.post(URL, data=body, content_type="application/json")


HUGE = "1" + "0" * 5000  # more digits than Python turns into an int by default (4,300)
PREFIX = '{"city": "quanzhou", "facility_type": "market", '


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        (PREFIX + f'"area_m2": {HUGE}}}', "body"),
        (PREFIX + f'"recommendation_counts": [{HUGE}]}}', "body"),
        (PREFIX + f'"staff_count": "{HUGE}"}}', "staff_count"),
    ],
)
def test_numbers_too_long_to_read_are_a_400(client, home, raw, field):
    response = post(client, raw)
    assert response.status_code == 400
    assert field in response.json()["errors"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**MARKET, "facility_type": ["market"]}, "facility_type"),
        ({**MARKET, "city": {"slug": "quanzhou"}}, "city"),
        ({**MARKET, "as_of": ["2026-12-01"]}, "as_of"),
        ({**MARKET, "item_scores": {"1": [9]}}, "item_scores"),
        ({**MARKET, "honors": [["city"]]}, "honors"),
    ],
)
def test_a_value_of_the_wrong_kind_is_a_400_naming_the_field(client, home, body, field):
    response = post(client, json.dumps(body))
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_json_nested_too_deep_is_a_400(client, home):
    response = post(client, "[" * 30000 + "]" * 30000)
    assert response.status_code == 400
    assert response.json()["errors"] == {"body": ["请求内容须为UTF-8编码的JSON"]}


@pytest.mark.parametrize("body", ["null", "[]", '"quanzhou"', "1", "true"])
def test_a_body_that_is_no_json_object_is_a_400(client, home, body):
    response = post(client, body)
    assert response.status_code == 400
    assert response.json() == {"errors": {"body": ["请求内容须为JSON对象"]}}


@pytest.mark.parametrize("as_of", ["0001-01-01", "1999-12-31", "2101-01-01"])
def test_a_day_no_policy_here_can_be_about_is_a_400_naming_it(client, home, as_of):
    response = post(client, json.dumps({"city": "quanzhou", "facility_type": "market", "as_of": as_of}))
    assert response.status_code == 400
    assert response.json()["errors"]["as_of"] == ["测算日期须在2000年1月1日至2100年12月31日之间"]
