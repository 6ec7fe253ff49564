"""POST /api/v1/assessment/evaluate: the contract of issue 3, and agreement with the calculator page."""

import json

import pytest

from policies.rules import evaluate

pytestmark = pytest.mark.django_db
URL = "/api/v1/assessment/evaluate"


def post(client, body, raw=False):
    return client.post(URL, data=body if raw else json.dumps(body), content_type="application/json")


def test_contract_fields_and_whole_yuan_ningde_plan_2_4_1(client, home):
    """ND 实施方案 二（四）1 (100㎡ → 20万元 含100㎡) with ND 附件1 第3条/第19条 minimums."""
    response = post(
        client, {"city": "ningde", "facility_type": "market", "area_m2": 100, "staff_count": 2, "total_score": 91}
    )
    assert response.status_code == 200
    data = response.json()
    assert {
        "items",
        "total_score",
        "star_rating",
        "performance_subsidy_yuan",
        "one_time_subsidy_yuan",
        "meets_minimum_standard",
        "notes",
    } <= set(data)
    assert data["one_time_subsidy_yuan"] == 200000 and isinstance(data["one_time_subsidy_yuan"], int)
    assert (data["star_rating"], data["performance_subsidy_yuan"]) == (5, 150000)
    assert data["meets_minimum_standard"] is True
    assert any("解读" in note for note in data["notes"])


def test_items_with_basis_and_clause_links_quanzhou_annex5(client, home):
    """QZ 附件5 第2项 (附件1 第21条) computed; 第1项 by the assessor; 第3项 missing."""
    data = post(
        client, {"city": "quanzhou", "facility_type": "station", "staff_count": 1, "item_scores": {"1": 8}}
    ).json()
    items = {item["number"]: item for item in data["items"]}
    assert len(items) == 16 and sum(item["max_points"] for item in items.values()) == 100
    assert (items[2]["points"], items[2]["basis"]) == (5, "computed")
    assert (items[1]["points"], items[1]["basis"]) == (8, "assessor")
    assert (items[3]["points"], items[3]["basis"]) == (None, "missing")
    assert items[2]["clauses"][0]["url"].endswith("#clause-21")
    assert data["star_rating"] is None and data["performance_subsidy_yuan"] is None


def test_half_points_are_numbers_annex5_item16(client, home):
    """QZ 附件5 第16项: 县级0.5分."""
    data = post(client, {"city": "quanzhou", "facility_type": "market", "honors": ["county"]}).json()
    assert next(i for i in data["items"] if i["number"] == 16)["points"] == 0.5


@pytest.mark.parametrize(
    "body,field",
    [
        ('{"city": "quanzhou", ', "body"),
        ("[1, 2]", "body"),
        ('"text"', "body"),
        ('{"city": "quanzhou"}', "facility_type"),
        ('{"city": 7, "facility_type": "market"}', "city"),
        ('{"city": "quanzhou", "facility_type": "market", "area_m2": "一百"}', "area_m2"),
        ('{"city": "quanzhou", "facility_type": "market", "area_m2": 1e400}', "area_m2"),
        ('{"city": "quanzhou", "facility_type": "market", "item_scores": {"x": 1}}', "item_scores"),
        ('{"city": "quanzhou", "facility_type": "market", "honors": [null]}', "honors"),
        ('{"city": "quanzhou", "facility_type": "market", "total_score": -1}', "total_score"),
    ],
)
def test_bad_input_answers_400_with_field_errors(client, home, body, field):
    response = post(client, body, raw=True)
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_get_is_not_allowed(client, home):
    assert client.get(URL).status_code == 405


def test_not_utf8_answers_400(client, home):
    response = client.post(URL, data=b"\xff\xfe", content_type="application/json")
    assert response.status_code == 400


CASES = [
    {"city": "ningde", "facility_type": "station", "area_m2": "50", "staff_count": "1", "total_score": "80"},
    {
        "city": "quanzhou",
        "facility_type": "market",
        "area_m2": "200",
        "staff_count": "2",
        "jobs_posted": "500",
        "recommendations_per_seeker": "3",
        "monthly_placements": "12",
        "total_score": "88",
    },
]


@pytest.mark.parametrize("facts", CASES)
def test_api_calculator_and_python_agree(client, home, facts):
    """The three faces of the engine give the same figures for the same facts."""
    api = post(client, facts).json()
    python = evaluate(dict(facts)).as_json()
    html = client.get("/assessment/calculator/", facts).content.decode()
    assert api == python
    assert f'data-field="one_time_subsidy_yuan">{yuan(api["one_time_subsidy_yuan"])}' in html
    assert f'data-field="performance_subsidy_yuan">{yuan(api["performance_subsidy_yuan"])}' in html
    assert f'data-field="star_rating">{api["star_rating"]} 星' in html


def yuan(amount):
    return f"{amount // 10000}万元"
