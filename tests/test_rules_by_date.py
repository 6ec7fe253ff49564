"""Rule sets belong to the policy that sets them: a case is judged by the policy in force on its date.

ND = 宁德市零工市场规范化建设实施方案 (宁人社规〔2024〕3号), "有效期至2026年12月31日"; QZ = 泉州市零工市场（驿站）
标准化建设实施方案（征求意见稿）, valid until 2027-12-31, a consultation draft.
"""

import datetime
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from forms.applications import review
from forms.applications.models import Application
from policies.models import PolicyPage, RuleValue
from policies.rules import evaluate
from policies.rulesets import copy_rule_set
from portal.regions import City
from tests.operators_factories import make_application, make_operator
from tests.policies_factories import NINGDE_PLAN, QUANZHOU_PLAN, make_policy, seeded_policy
from tests.utils import SHANGHAI, make_city_staff, make_county_staff

pytestmark = pytest.mark.django_db
API = "/api/v1/assessment/evaluate"
NINGDE_MARKET = {"city": "ningde", "facility_type": "market", "area_m2": 100, "staff_count": 2, "total_score": 91}


def on(time_machine, year, month, day):
    time_machine.move_to(datetime.datetime(year, month, day, 10, 0, tzinfo=SHANGHAI), tick=False)


def api(client, body):
    return client.post(API, data=json.dumps(body), content_type="application/json")


def renew_ningde_plan(effective=datetime.date(2027, 1, 1)):
    """Ningde renews its plan for 2027 (a successor the bureau publishes), with no rule values yet."""
    return make_policy(
        "宁德市零工市场规范化建设实施方案（2027年修订）",
        slug="ningde-plan-2027",
        city=City.objects.get(slug="ningde"),
        kind="plan",
        document_number="宁人社规〔2026〕9号",
        issuing_bodies="宁德市人力资源和社会保障局、宁德市财政局",
        issue_date=datetime.date(2026, 12, 20),
        effective_date=effective,
        expiry_date=datetime.date(2029, 12, 31),
    )


# ----- the API and the engine on the key dates --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "status", "one_time", "performance"),
    [
        ((2026, 6, 1), "现行有效", 200000, 150000),
        ((2026, 12, 31), "即将失效", 200000, 150000),
        ((2027, 1, 15), "已失效", None, None),
    ],
)
def test_ningde_answers_by_the_date_the_case_is_about(client, home, day, status, one_time, performance):
    """ND 有效期至2026年12月31日: its amounts (二（四）1: 80-100㎡ 20万元, 五星15万元) apply through that day only."""
    data = api(client, {**NINGDE_MARKET, "as_of": datetime.date(*day).isoformat()}).json()
    assert data["policy"] == {
        "title": "宁德市零工市场规范化建设实施方案",
        "document_number": "宁人社规〔2024〕3号",
        "status": status,
        "valid_from": "2024-03-13",
        "valid_until": "2026-12-31",
    }
    assert (data["one_time_subsidy_yuan"], data["performance_subsidy_yuan"]) == (one_time, performance)
    assert data["as_of"] == datetime.date(*day).isoformat()


def test_after_ningde_expires_every_amount_is_null_and_the_answer_says_why(client, home):
    response = api(client, {**NINGDE_MARKET, "as_of": "2027-01-15"})
    assert response.status_code == 200
    data = response.json()
    amounts = ("one_time_subsidy_yuan", "performance_subsidy_yuan", "star_rating", "total_score")
    assert all(data[name] is None for name in amounts)
    assert data["message"] == (
        "宁德市在2027年1月15日没有现行有效的零工市场建设政策：《宁德市零工市场规范化建设实施方案》"
        "（宁人社规〔2024〕3号）已于2026年12月31日失效，不再按其测算补助金额；新政策发布后按新政策测算。"
    )


def test_an_expiring_policy_is_named_with_its_expiry_day(client, home):
    data = api(client, {**NINGDE_MARKET, "as_of": "2026-12-31"}).json()
    assert "该文件将于2026年12月31日失效" in data["message"]
    assert api(client, {**NINGDE_MARKET, "as_of": "2026-06-01"}).json()["message"] is None


def test_quanzhou_draft_amounts_always_come_with_a_warning(client, home, time_machine):
    """QZ is a 征求意见稿: its amounts are given (二（二）: 零工市场每家5万元), always marked as a draft's."""
    on(time_machine, 2026, 12, 1)
    data = api(client, {"city": "quanzhou", "facility_type": "market", "area_m2": 260, "staff_count": 2}).json()
    assert data["one_time_subsidy_yuan"] == 50000
    assert data["policy"]["status"] == "征求意见中" and data["policy"]["valid_until"] == "2027-12-31"
    assert "征求意见稿" in data["message"] and "可能调整" in data["message"]


def test_without_as_of_the_answer_is_about_today(client, home, time_machine):
    on(time_machine, 2027, 2, 1)
    data = api(client, NINGDE_MARKET).json()
    assert data["as_of"] == "2027-02-01" and data["one_time_subsidy_yuan"] is None


@pytest.mark.parametrize("bad", ["2026-13-01", "2026/12/01", "明天", 20261201, "2026-2-30"])
def test_a_bad_as_of_is_a_400_naming_the_field(client, home, bad):
    response = api(client, {**NINGDE_MARKET, "as_of": bad})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["as_of"]


def test_before_any_policy_started_there_is_nothing_to_apply(home):
    result = evaluate({**NINGDE_MARKET, "as_of": "2023-01-01"})
    assert result.policy is None and result.one_time_subsidy_yuan is None
    assert result.policy_message == "宁德市在2023年1月1日没有适用的零工市场建设政策，无法测算。"


# ----- the calculator -------------------------------------------------------------------------------------------


def calculator(client, **params):
    query = {"city": "ningde", "facility_type": "market", "area_m2": "100", "staff_count": "2", **params}
    return client.get(reverse("policies:calculator"), query).content.decode()


def test_calculator_names_the_policy_applied_with_status_and_validity(client, home):
    html = calculator(client, as_of="2026-06-01")
    assert "适用政策" in html and "宁德市零工市场规范化建设实施方案" in html and "宁人社规〔2024〕3号" in html
    assert "现行有效" in html and "有效期：2024年3月13日至2026年12月31日" in html
    assert "20万元" in html


def test_calculator_warns_of_the_expiry_and_gives_no_amounts_after_it(client, home):
    assert "该文件将于2026年12月31日失效" in calculator(client, as_of="2026-12-31")
    html = calculator(client, as_of="2027-01-15")
    assert "已失效" in html and "不再按其测算补助金额" in html
    assert "20万元" not in html and 'data-field="one_time_subsidy_yuan"' not in html


def test_calculator_warns_that_quanzhou_amounts_are_a_drafts(client, home, time_machine):
    on(time_machine, 2026, 12, 1)
    html = client.get(
        reverse("policies:calculator"),
        {"city": "quanzhou", "facility_type": "station", "area_m2": "40", "staff_count": "1"},
    ).content.decode()
    assert "征求意见中" in html and "该文件是征求意见稿，尚未正式印发" in html and "2万元" in html


def test_calculator_keeps_a_bad_date_with_a_message_next_to_it(client, home):
    html = calculator(client, as_of="2026-02-30", area_m2="95")
    assert "请填写有效日期" in html and 'value="95"' in html


# ----- a successor policy -----------------------------------------------------------------------------------------


def copy_url():
    return reverse("wagtailsnippets_policies_rulevalue:copy_rule_set")


def test_a_renewed_ningde_plan_takes_over_on_its_effective_date(client, home):
    """The bureau publishes a successor, starts its rule set from a copy of the 2024 plan's and raises an amount."""
    old, new = seeded_policy(NINGDE_PLAN), renew_ningde_plan()
    client.force_login(make_city_staff("宁德市", "市级管理员"))
    page = client.get(copy_url()).content.decode()
    assert "从上一政策复制规则取值" in page and new.title in page
    response = client.post(copy_url(), {"source": old.pk, "target": new.pk})
    assert response.status_code == 302 and response["Location"].endswith(f"?policy={new.pk}")
    assert new.rule_values.count() == old.rule_values.count()
    new.rule_values.filter(key="subsidy_by_stars", facility_type="market", threshold=5).update(value=180000)

    before = evaluate({**NINGDE_MARKET, "as_of": "2026-12-31"})
    after = evaluate({**NINGDE_MARKET, "as_of": "2027-01-01"})
    assert (before.policy.title, before.performance_subsidy_yuan) == ("宁德市零工市场规范化建设实施方案", 150000)
    assert (after.policy.document_number, after.performance_subsidy_yuan) == ("宁人社规〔2026〕9号", 180000)
    assert after.policy_message == ""
    copied_area = new.rule_values.get(key="min_area_m2", facility_type="market")
    assert copied_area.clause.page_id == old.pk  # the successor has no clauses of its own yet: still cites ND 第3条


def test_a_copy_goes_only_to_a_policy_without_values_of_the_same_city(client, home):
    old = seeded_policy(NINGDE_PLAN)
    client.force_login(make_city_staff("宁德市", "市级管理员"))
    response = client.post(copy_url(), {"source": old.pk, "target": old.pk})
    assert response.status_code == 200
    assert "选择一个有效的选项" in response.content.decode()
    assert old.rule_values.count() == RuleValue.objects.filter(policy=old).count()


def test_quanzhou_cannot_copy_ningde_rules(client, home):
    new = renew_ningde_plan()
    client.force_login(make_city_staff("泉州市", "市级管理员"))
    html = client.get(copy_url()).content.decode()
    assert new.title not in html and "宁德市零工市场规范化建设实施方案" not in html
    response = client.post(copy_url(), {"source": seeded_policy(NINGDE_PLAN).pk, "target": new.pk})
    assert response.status_code == 200 and not new.rule_values.exists()


# ----- the bureau edits only its own city's rule values -------------------------------------------------------------


def rule_value_form(policy, **fields):
    return {
        "policy": policy.pk,
        "facility_type": "market",
        "key": "min_staff",
        "threshold": "",
        "value": "3",
        "citation": "附件1 第21条",
        "clause": "",
        "anchor": "",
        "note": "",
        **fields,
    }


def test_a_quanzhou_admin_cannot_add_a_ningde_rule_value(client, home):
    """Before: the add form offered every city and saved a Ningde value for a Quanzhou administrator."""
    ningde = seeded_policy(NINGDE_PLAN)
    client.force_login(make_city_staff("泉州市", "市级管理员"))
    add = reverse("wagtailsnippets_policies_rulevalue:add")
    assert ningde.title not in client.get(add).content.decode()
    before = RuleValue.objects.filter(policy=ningde).count()
    response = client.post(add, rule_value_form(ningde, facility_type="station", key="min_months_for_performance"))
    assert response.status_code == 200 and "选择一个有效的选项" in response.content.decode()
    assert RuleValue.objects.filter(policy=ningde).count() == before


def test_a_quanzhou_admin_adds_a_quanzhou_rule_value_citing_a_quanzhou_clause(client, home):
    quanzhou = seeded_policy(QUANZHOU_PLAN)
    ningde_clause = seeded_policy(NINGDE_PLAN).clauses.get(number=19)
    client.force_login(make_city_staff("泉州市", "市级管理员"))
    add = reverse("wagtailsnippets_policies_rulevalue:add")
    refused = client.post(add, rule_value_form(quanzhou, key="honor_years", clause=ningde_clause.pk))
    assert refused.status_code == 200 and not quanzhou.rule_values.filter(key="honor_years", facility_type="market")
    response = client.post(add, rule_value_form(quanzhou, key="honor_years", value="3"))
    assert response.status_code == 302
    assert quanzhou.rule_values.get(key="honor_years", facility_type="market").value == 3


def test_a_quanzhou_admin_cannot_add_a_ningde_criterion(client, home):
    client.force_login(make_city_staff("泉州市", "市级管理员"))
    add = reverse("wagtailsnippets_policies_assessmentcriterion:add")
    data = {"city": City.objects.get(slug="ningde").pk, "number": 1, "max_points": "10", "category": "基础设施"}
    response = client.post(add, {**data, "title": "场所", "rule_text": "规则", "computation": ""})
    assert response.status_code == 200 and "选择一个有效的选项" in response.content.decode()


# ----- applications keep the judgement of the day they were submitted ------------------------------------------------


def ningde_application(**fields):
    """A Ningde market's performance subsidy application (ND 二（四）1: 五星15万元), ready to submit."""
    user, profile = make_operator("ningde-operator", county_name="蕉城区")
    values = {
        "subsidy_type": "performance",
        "market_type": "market",
        "market_name": "蕉城区蕉南零工市场",
        "assessed_score": Decimal("91"),
        "assessment_receipt_no": "KH20261201-0001",
        "months_in_operation": 18,
        "amount": Decimal("15"),
        **fields,
    }
    application = make_application(profile, "subsidy", with_materials=True, **values)
    return user, application


def submit(application, user):
    review.submit(application, user)
    application.refresh_from_db()
    return application


def test_an_application_keeps_the_rules_of_the_day_it_was_submitted(home, time_machine):
    on(time_machine, 2026, 12, 10)
    user, application = ningde_application()
    application = submit(application, user)
    assert application.rules_as_of == datetime.date(2026, 12, 10)
    assert application.rules_policy == seeded_policy(NINGDE_PLAN)
    assert (application.computed_amount_yuan, application.amount_differs) == (150000, False)
    assert application.rules_summary.startswith("依据《宁德市零工市场规范化建设实施方案》（宁人社规〔2024〕3号）")

    # The rules change afterwards: the bureau lowers the amount, then the plan expires and a successor starts.
    RuleValue.objects.filter(policy__slug=NINGDE_PLAN, key="subsidy_by_stars", threshold=5).update(value=120000)
    on(time_machine, 2027, 1, 20)
    renew = renew_ningde_plan()
    RuleValue.objects.bulk_create(
        [
            RuleValue(
                policy=renew, key="subsidy_by_stars", facility_type="market", threshold=5, value=200000, citation="新"
            )
        ]
    )
    application.refresh_from_db()
    assert (application.computed_amount_yuan, application.rules_policy_id) == (150000, seeded_policy(NINGDE_PLAN).pk)


def test_a_returned_application_resubmitted_later_is_judged_by_its_first_submission_day(home, time_machine):
    on(time_machine, 2026, 12, 10)
    user, application = ningde_application()
    application = submit(application, user)
    review.return_for_changes(application, make_county_staff("蕉城区"), {"comment": "请补充材料"})
    on(time_machine, 2027, 1, 15)  # the plan has expired: cases already submitted go on
    application.refresh_from_db()
    application = submit(application, user)
    assert application.status == Application.Status.SUBMITTED
    assert application.rules_as_of == datetime.date(2026, 12, 10) and application.computed_amount_yuan == 150000


def test_the_reviewer_sees_which_policy_applied(client, home, time_machine):
    on(time_machine, 2026, 12, 10)
    user, application = ningde_application()
    submit(application, user)
    client.force_login(make_county_staff("蕉城区"))
    html = client.get(inspect_url(application)).content.decode()
    assert "适用政策：宁德市零工市场规范化建设实施方案（宁人社规〔2024〕3号）" in html
    assert "按首次提交日2026年12月10日有效的规则测算" in html


def inspect_url(application):
    return reverse("applications_application_modeladmin_inspect", args=[application.pk])


def test_no_new_applications_while_the_city_has_no_policy_in_force(client, home, time_machine):
    on(time_machine, 2026, 12, 20)
    user, draft = ningde_application()
    on(time_machine, 2027, 1, 15)
    client.force_login(user)
    page = client.get(reverse("operators:home")).content.decode()
    assert "本市目前没有现行有效的零工市场建设政策" in page and "暂不受理新的认定和补助申请" in page
    assert reverse("operators:new_application", args=["subsidy"]) not in page

    response = client.get(reverse("operators:new_application", args=["subsidy"]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("operators:home")
    assert "已于2026年12月31日失效" in response.content.decode()

    with pytest.raises(ValidationError, match="暂不受理新的认定和补助申请"):
        review.submit(draft, user)
    draft.refresh_from_db()
    assert draft.status == Application.Status.DRAFT and draft.market_name == "蕉城区蕉南零工市场"


def test_applications_reopen_when_the_successor_takes_effect(client, home, time_machine):
    on(time_machine, 2027, 1, 15)
    renew_ningde_plan(effective=datetime.date(2027, 2, 1))
    new = PolicyPage.objects.get(slug="ningde-plan-2027")
    copy_rule_set(seeded_policy(NINGDE_PLAN), new)
    user, draft = ningde_application()
    with pytest.raises(ValidationError):
        review.submit(draft, user)
    on(time_machine, 2027, 2, 1)
    draft.refresh_from_db()
    submitted = submit(draft, user)
    assert submitted.rules_policy == new and submitted.computed_amount_yuan == 150000
