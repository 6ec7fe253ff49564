"""The annual assessment from the round to the result, through the workflow (the screens are tested apart)."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from forms.assessments import workflow
from forms.assessments.models import Assessment, AssessmentEvent
from forms.assessments.participants import market_eligibility
from forms.assessments.self_assessment import assessed_result
from forms.assessments.workflow import ASSESSMENTS, start_assessment

from .assessments_factories import (
    add_placements,
    criterion_max,
    fill_self_assessment,
    make_operator_market,
    make_round,
    make_submitted_assessment,
)
from .utils import SUITE_TODAY, make_county_staff

pytestmark = pytest.mark.django_db
YEAR = SUITE_TODAY.year


def test_a_market_recognised_in_march_takes_part_in_quanzhou_and_one_recognised_in_september_does_not(home):
    round_ = make_round()
    _u, _p, march = make_operator_market("operator", recognized_on=datetime.date(YEAR, 3, 16))
    _u, _p, september = make_operator_market("operator2", recognized_on=datetime.date(YEAR, 9, 1))
    assert market_eligibility(round_, march).eligible
    verdict = market_eligibility(round_, september)
    assert not verdict.eligible
    assert f"于{YEAR}年9月1日认定" in verdict.reason and "未满6个月" in verdict.reason
    assert "实施方案 二（二）" in verdict.reason


def test_an_ineligible_market_cannot_start_an_assessment(home):
    round_ = make_round()
    user, profile, market = make_operator_market(recognized_on=datetime.date(YEAR, 9, 1))
    with pytest.raises(ValidationError, match="未满6个月"):
        start_assessment(round_, profile, market, user)
    assert not Assessment.objects.exists()


def test_ningde_needs_a_year_of_operation(home):
    round_ = make_round("ningde")
    _u, _p, market = make_operator_market("operator", county_name="蕉城区", recognized_on=datetime.date(YEAR, 1, 5))
    verdict = market_eligibility(round_, market)
    assert not verdict.eligible and "未满12个月" in verdict.reason and "连续运营满1年" in verdict.reason


def test_a_draft_cannot_be_submitted_until_every_item_the_roster_and_the_report_are_there(home):
    round_ = make_round()
    user, profile, market = make_operator_market()
    assessment = start_assessment(round_, profile, market, user)
    with pytest.raises(ValidationError) as refused:
        workflow.submit(assessment, user)
    text = " ".join(refused.value.messages)
    assert "第1、2、3" in text and "工作运营方案落实情况报告" in text and "花名册" in text
    add_placements(assessment, 12)
    fill_self_assessment(assessment)
    workflow.submit(assessment, user)
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SUBMITTED and assessment.self_total == Decimal(100)


def test_two_experts_score_and_the_county_completes_with_star_and_subsidy(home):
    assessment = make_submitted_assessment()
    first = make_county_staff("丰泽区", username="expert1")
    second = make_county_staff("丰泽区", username="expert2")
    criteria = {item.number: item for item in assessment.items.all()}
    for expert, delta in ((first, Decimal(0)), (second, Decimal(1))):
        data = {
            f"score-points_{n}": str(max(Decimal(item.self_points) - delta - (1 if n <= 8 else 0), 0))
            for n, item in criteria.items()
        }
        ok, form = ASSESSMENTS.perform(assessment, expert, "score", data)
        assert ok, form.errors
    ok, form = ASSESSMENTS.perform(assessment, first, "complete", {"complete-note": "经专家组考核"})
    assert ok, form.errors
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SCORED
    # 16 items: items 1-8 lose 1 (expert 1) and 2 (expert 2), average 1.5 each; items 9-16 lose 0 and 1, 0.5 each.
    assert assessment.assessed_total == Decimal(100) - 8 * Decimal("1.5") - 8 * Decimal("0.5")
    assert assessment.stars == 4 and assessment.subsidy_yuan == 80000
    assert f"泉州市{YEAR}年度四星级零工市场" in assessment.result_summary
    assert AssessmentEvent.objects.filter(case=assessment, action="expert_scored").count() == 2
    assert any(assessment.receipt_no in message.subject for message in mail.outbox)


def test_completing_needs_every_item_scored(home):
    assessment = make_submitted_assessment()
    expert = make_county_staff("丰泽区", username="expert1")
    ok, form = ASSESSMENTS.perform(assessment, expert, "complete", {})
    assert not ok and "还没有专家评分" in str(form.non_field_errors())


def points_totalling(assessment, total):
    """Item scores that add up to ``total`` (each item at most its 基本分值)."""
    left, points = Decimal(total), {}
    for item in assessment.items.order_by("number"):
        most = criterion_max(assessment, item.number)
        points[item.number] = min(most, left)
        left -= points[item.number]
    return points


def test_a_quanzhou_station_paid_by_score_is_not_called_unqualified(home):
    round_ = make_round()
    user, profile, station = make_operator_market(
        facility_type="station", name="丰泽区东海零工驿站", floor_area=40, staff_count=1
    )
    assessment = start_assessment(round_, profile, station, user)
    result = assessed_result(assessment, points_totalling(assessment, 85))
    assert result.star_rating is None and result.performance_subsidy_yuan
    assert "考核不合格" not in workflow.result_text(assessment, result)


def test_a_market_below_the_lowest_band_is_unqualified(home):
    round_ = make_round()
    user, profile, market = make_operator_market()
    assessment = start_assessment(round_, profile, market, user)
    result = assessed_result(assessment, points_totalling(assessment, 60))
    assert "考核不合格，不予评定星级和绩效补助。" in workflow.result_text(assessment, result)
