"""Finding 7 of the security test: one city could rewrite the other's rules, and read them through the views that
take an id. The rule values' add, edit, copy, history and usage views (and the criteria's) keep each city's bureau
to its own city (the add form and the copy are tested in tests/test_rules_by_date.py)."""

import pytest
from django.urls import reverse

from policies.models import AssessmentCriterion, RuleValue
from tests.utils import make_city_staff

pytestmark = pytest.mark.django_db
VIEWS = ["edit", "delete", "history", "usage"]


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("model", [RuleValue, AssessmentCriterion], ids=["rule value", "criterion"])
def test_the_other_city_s_rows_do_not_exist_for_a_city_admin(client, home, model, view):
    if model is RuleValue:
        ningde_row = RuleValue.objects.filter(policy__city__slug="ningde").first()
        quanzhou_row = RuleValue.objects.filter(policy__city__slug="quanzhou").first()
    else:
        ningde_row = AssessmentCriterion.objects.get(city__slug="ningde", number=1)  # seeded (an interpretation)
        quanzhou_row = AssessmentCriterion.objects.get(city__slug="quanzhou", number=1)
    client.force_login(make_city_staff("泉州市", "市级管理员"))
    name = f"wagtailsnippets_policies_{model._meta.model_name}:{view}"
    assert client.get(reverse(name, args=[ningde_row.pk])).status_code == 404
    assert client.get(reverse(name, args=[quanzhou_row.pk])).status_code == 200


def test_a_city_editor_cannot_move_a_rule_value_to_the_other_city_s_policy(client, home):
    row = RuleValue.objects.filter(policy__city__slug="quanzhou", key="min_staff", facility_type="market").get()
    ningde_policy = RuleValue.objects.filter(policy__city__slug="ningde").first().policy
    client.force_login(make_city_staff("泉州市", "市级编辑"))
    data = {
        "policy": ningde_policy.pk,
        "facility_type": row.facility_type,
        "key": row.key,
        "threshold": "",
        "value": "9999999",
        "citation": row.citation,
        "clause": "",
        "anchor": "",
        "note": "",
    }
    response = client.post(reverse("wagtailsnippets_policies_rulevalue:edit", args=[row.pk]), data)
    assert response.status_code == 200 and "选择一个有效的选项" in response.content.decode()
    row.refresh_from_db()
    assert row.policy.city.slug == "quanzhou" and row.value == 2
