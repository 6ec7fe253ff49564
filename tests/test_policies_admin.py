"""The bureau's admin: the policy editor with its clauses and annexes, criteria, rule values, comment moderation."""

import pytest
from django.urls import reverse

from policies.models import AssessmentCriterion, PolicyComment, RuleValue
from tests.policies_factories import QUANZHOU_PLAN, seeded_policy
from tests.utils import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, home):
    client.force_login(make_user("bureau-admin", is_superuser=True, is_staff=True))
    return client


def test_policy_editor_shows_clauses_and_annexes(admin_client):
    page = seeded_policy(QUANZHOU_PLAN)
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "征求意见截止日期" in html and "条款" in html and "附件" in html
    assert "零工市场服务场所面积应不少于200㎡" in html


@pytest.mark.parametrize("model", [AssessmentCriterion, RuleValue, PolicyComment])
def test_bureau_lists_and_edits_criteria_rules_and_comments(admin_client, model):
    opts = model._meta
    response = admin_client.get(reverse(f"wagtailsnippets_{opts.app_label}_{opts.model_name}:list"))
    assert response.status_code == 200


def test_bureau_edits_a_criterion_clause_links(admin_client):
    """The links between criteria and clauses are editable in the admin (QZ 附件5 第2项 ↔ 附件1 第21条)."""
    criterion = AssessmentCriterion.objects.get(city__slug="quanzhou", number=2)
    clause_23 = seeded_policy(QUANZHOU_PLAN).clauses.get(number=23)
    url = reverse("wagtailsnippets_policies_assessmentcriterion:edit", args=[criterion.pk])
    assert admin_client.get(url).status_code == 200
    data = {
        "city": criterion.city_id,
        "number": 2,
        "max_points": "5",
        "category": criterion.category,
        "title": criterion.title,
        "rule_text": criterion.rule_text,
        "computation": "staff",
        "clauses": [clause_23.pk],
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert list(criterion.clauses.values_list("number", flat=True)) == [23]


def test_bureau_publishes_a_comment(admin_client):
    page = seeded_policy(QUANZHOU_PLAN)
    comment = PolicyComment.objects.create(page=page, text="建议延长征求意见时间。", contact="13800000000")
    url = reverse("wagtailsnippets_policies_policycomment:edit", args=[comment.pk])
    html = admin_client.get(url).content.decode()
    assert "13800000000" in html  # staff see the contact to reply
    response = admin_client.post(url, {"status": "published", "reply": "已采纳。"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.status, comment.text) == ("published", "建议延长征求意见时间。")


def test_city_bureau_edits_only_its_own_citys_rules_and_comments(client, home):
    """Quanzhou's city editors moderate Quanzhou's comments and edit Quanzhou's rule values, not Ningde's."""
    from tests.utils import make_city_staff

    client.force_login(make_city_staff("泉州市", "市级编辑"))
    quanzhou = RuleValue.objects.get(policy__city__slug="quanzhou", key="min_area_m2", facility_type="market")
    ningde = RuleValue.objects.get(policy__city__slug="ningde", key="min_area_m2", facility_type="market")
    listing = client.get(reverse("wagtailsnippets_policies_rulevalue:list")).content.decode()
    assert quanzhou.citation in listing and "实施方案 二（四）1" not in listing
    assert client.get(reverse("wagtailsnippets_policies_rulevalue:edit", args=[quanzhou.pk])).status_code == 200
    assert client.get(reverse("wagtailsnippets_policies_rulevalue:edit", args=[ningde.pk])).status_code == 404
    comment = PolicyComment.objects.create(page=seeded_policy(QUANZHOU_PLAN), text="意见")
    assert client.get(reverse("wagtailsnippets_policies_policycomment:edit", args=[comment.pk])).status_code == 200
