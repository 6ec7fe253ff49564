"""An assessment's life: 草稿 → 待考核 → (退回修改 → 待考核)* → 已考核 → 公示中 → 结果确定 (→ 补助拨付).

The operator fills in and submits within the round's window; the county's experts each score every item with
a comment; the county returns it for changes or, once every item is scored, completes the assessment: the item's
考核分值 combines its experts' scores (``scoring.combined_points``) and the total gives the star and the
performance subsidy by the rules in force on the round's date. The 公示 and its objections are in ``publicity.py``
and ``objections.py`` (an upheld objection brings the assessment back to 待考核).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forms.applications.models import Application
from forms.applications.review import start_performance_subsidy
from forms.cases.base import create_with_unique_receipt
from forms.cases.scoping import can_handle
from forms.cases.transitions import ActionForm, NoteForm, Transition, Workflow, require
from portal.vocabulary import FACILITY_NAMES, chinese_date

from . import scoring
from .eligibility import whole_months
from .forms import points_field
from .models import Assessment, AssessmentEvent, AssessmentEvidence, AssessmentItem, ExpertScore
from .notifications import notify_county_of_assessment, notify_operator_of_assessment
from .participants import market_eligibility
from .self_assessment import assessed_result, round_rules, self_result

S = Assessment.Status
A = AssessmentEvent.Action


def tell_operator(assessment, old, new):
    # The operator filed it: only a result, a return or an upheld objection (back from 公示中) is news to them.
    if new != S.SUBMITTED or old == S.PUBLICISED:
        notify_operator_of_assessment(assessment)


# --- the operator's side ------------------------------------------------------------------------


def window_problem(round_, day=None):
    """Why the round's window does not take submissions on ``day`` (default today), or ""."""
    day = day or timezone.localdate()
    if day < round_.opens_on:
        return _("本年度考核材料报送自%(day)s开始。") % {"day": chinese_date(round_.opens_on)}
    if day > round_.closes_on:
        return _("本年度考核材料报送已于%(day)s截止。") % {"day": chinese_date(round_.closes_on)}
    return ""


def start_assessment(round_, profile, market, user):
    """A new draft for an eligible market in an open round; raises ValidationError why not."""
    verdict = market_eligibility(round_, market)
    require(verdict.eligible, verdict.reason)
    problem = window_problem(round_)
    require(not problem, problem)
    with transaction.atomic():
        assessment = create_with_unique_receipt(
            Assessment,
            Assessment.RECEIPT_PREFIX,
            round=round_,
            operator=profile,
            market=market,
            handling_county=market.county,
        )
        AssessmentItem.objects.bulk_create(
            AssessmentItem(assessment=assessment, number=criterion.number) for criterion in round_rules(round_).criteria
        )
        ASSESSMENTS.record(assessment, A.CREATED, user)
    return assessment


def submission_problems(assessment):
    """What still keeps the operator from submitting, in Chinese (empty when it can go)."""
    problems = []
    unscored = [item.number for item in assessment.items.all() if item.self_points is None]
    if unscored:
        problems.append(_("第%(items)s项尚未填写自评分值。") % {"items": "、".join(map(str, unscored))})
    if not assessment.evidence.filter(item_number=AssessmentEvidence.REPORT).exists():
        problems.append(_("尚未上传工作运营方案落实情况报告。"))
    if not assessment.placements.exists():
        problems.append(_("推荐成功就业花名册还没有任何人员。"))
    window = window_problem(assessment.round)
    if window:
        problems.append(window)
    return problems


@transaction.atomic
def submit(assessment, user):
    require(assessment.is_editable, _("此考核材料已提交，不能再次提交。"))
    problems = submission_problems(assessment)
    require(not problems, " ".join(str(p) for p in problems))
    result = self_result(assessment)
    action = A.RESUBMITTED if assessment.status == S.RETURNED else A.SUBMITTED
    ASSESSMENTS.change_status(
        assessment, user, S.SUBMITTED, action, submitted_at=timezone.now(), self_total=result.total_score
    )
    notify_county_of_assessment(assessment)


# --- the county's side --------------------------------------------------------------------------


class ExpertScoreForm(ActionForm):
    """The user's own score and comment for every item, as one of the county's experts."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mine = {}
        if self.case is not None and self.user is not None:
            mine = {s.number: s for s in self.case.expert_scores.filter(expert=self.user)}
        criteria = round_rules(self.case.round).criteria if self.case is not None else ()
        for criterion in criteria:
            score = mine.get(criterion.number)
            self.fields[f"points_{criterion.number}"] = points_field(
                criterion,
                _("第%(n)s项 %(title)s（%(max)s分）")
                % {"n": criterion.number, "title": criterion.title, "max": criterion.max_points},
                _("评分不能为负数。"),
                required=True,
                initial=score.points if score else None,
            )
            self.fields[f"comment_{criterion.number}"] = forms.CharField(
                label=_("第%(n)s项评分说明") % {"n": criterion.number},
                required=False,
                max_length=500,
                initial=score.comment if score else "",
            )


class ReturnForm(ActionForm):
    comment = forms.CharField(
        label=_("需要修改的内容"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": _("请写明需要运营单位修改或补充的内容。")},
    )


def score_items(assessment, user, cleaned_data):
    """The user's scores as one of the county's experts (they may change them until the assessment is complete)."""
    _require_pending(assessment)
    for number, (points, comment) in scores_of(cleaned_data).items():
        ExpertScore.objects.update_or_create(
            assessment=assessment, expert=user, number=number, defaults={"points": points, "comment": comment}
        )
    ASSESSMENTS.record(assessment, A.EXPERT_SCORED, user, from_status=assessment.status)


def assessed_points(assessment, trim):
    """{number: 考核分值} from the experts' scores (items nobody scored are missing)."""
    by_item = {}
    for score in assessment.expert_scores.all():
        by_item.setdefault(score.number, []).append(score.points)
    return {number: scoring.combined_points(points, trim) for number, points in by_item.items()}


def complete(assessment, user, data):
    _require_pending(assessment)
    rules = round_rules(assessment.round)
    _rule, trim = scoring.expert_trim(rules, assessment.market.facility_type)
    points = assessed_points(assessment, trim)
    unscored = [c.number for c in rules.criteria if c.number not in points]
    require(not unscored, _("第%(items)s项还没有专家评分。") % {"items": "、".join(map(str, unscored))})
    for item in assessment.items.all():
        item.assessed_points = points.get(item.number)
        item.save(update_fields=["assessed_points"])
    result = assessed_result(assessment, points, rules)
    ASSESSMENTS.change_status(
        assessment,
        user,
        S.SCORED,
        A.SCORED,
        data.get("note", ""),
        assessed_total=result.total_score,
        stars=result.star_rating,
        subsidy_yuan=result.performance_subsidy_yuan or 0,
        rules_policy_id=result.policy.page_id if result.policy else None,
        result_summary=result_text(assessment, result),
        bureau_comment=data.get("note", ""),
        scored_at=timezone.now(),
    )


def result_text(assessment, result):
    round_ = assessment.round
    title = scoring.official_title(
        round_.city.name, round_.year, result.star_rating, FACILITY_NAMES[assessment.market.facility_type]
    )
    lines = [f"{line.label}：{line.value}" for line in result.lines if line.label in ("星级", "绩效补助")]
    if result.star_rating is None and not result.performance_subsidy_yuan:
        lines.append("考核不合格，不予评定星级和绩效补助。")
    naming = (
        [scoring.NAMING_INTERPRETATION[round_.city.slug]]
        if title and round_.city.slug in scoring.NAMING_INTERPRETATION
        else []
    )
    return "\n".join(([title] if title else []) + naming + lines + list(result.notes))


def return_for_changes(assessment, user, data):
    _require_pending(assessment)
    ASSESSMENTS.change_status(assessment, user, S.RETURNED, A.RETURNED, data["comment"], bureau_comment=data["comment"])


def _require_pending(assessment):
    if assessment.status != S.SUBMITTED:
        raise ValidationError(_("只有待考核的材料可以评分、退回或完成考核。"))


class PaymentForm(ActionForm):
    paid_on = forms.DateField(
        label=_("补助拨付日期"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("请填写补助资金支付到申请单位账户的日期。"),
            "invalid": _("日期格式不正确，请按 2026-12-01 的格式填写。"),
        },
    )

    def clean_paid_on(self):
        paid_on = self.cleaned_data["paid_on"]
        if paid_on > timezone.localdate():
            raise ValidationError(_("拨付日期不能晚于今天。"))
        if self.case is not None and self.case.finalised_on and paid_on < self.case.finalised_on:
            raise ValidationError(
                _("拨付日期不能早于结果确定日期（%(day)s）。") % {"day": chinese_date(self.case.finalised_on)}
            )
        return paid_on


def record_payment(assessment, user, data):
    """Quanzhou 二（三）: after the 公示 "按规定将补助资金支付到申请单位账户"; the bureau records the day it paid."""
    require(unpaid_subsidy(assessment, user), _("此考核结果没有待拨付的绩效补助。"))
    note = _("绩效补助%(amount)s于%(day)s拨付。") % {
        "amount": assessment.subsidy_text,
        "day": chinese_date(data["paid_on"]),
    }
    ASSESSMENTS.change_status(assessment, user, S.FINAL, A.PAID, note, paid_on=data["paid_on"])


def unpaid_subsidy(assessment, user=None):
    return bool(assessment.subsidy_yuan) and assessment.paid_on is None


# --- the operator's subsidy application ---------------------------------------------------------


def apply_for_subsidy(assessment, user):
    """The performance-subsidy application for a final result, its amount from the assessed score (Quanzhou
    二（二）"按照相应得分给予发放绩效补助"): the one already started, or a new draft."""
    require(assessment.is_final and assessment.subsidy_yuan, _("只有结果确定、有绩效补助的考核可以申请绩效补助。"))
    market = assessment.market
    return start_performance_subsidy(
        assessment.operator,
        user,
        market=market,
        assessed_score=assessment.assessed_total,
        assessment_receipt_no=assessment.receipt_no,
        months_in_operation=whole_months(market.recognized_on, assessment.round.reference_date),
    )


def subsidy_application(assessment):
    return Application.objects.filter(assessment_receipt_no=assessment.receipt_no, operator=assessment.operator).first()


def open_to_bureau(user, assessment):
    return assessment.status != S.DRAFT and can_handle(user, assessment)


def may_score(user, assessment):
    return user.has_perm("assessments.change_assessment")


PENDING = frozenset({S.SUBMITTED})
ASSESSMENTS = Workflow(
    model=Assessment,
    event_model=AssessmentEvent,
    may_open=open_to_bureau,
    on_status_change=tell_operator,
    reveal_action=A.REVEALED,
    reveal_note=_("查看了花名册中的完整身份证号码和联系电话"),
    transitions=(
        Transition("score", _("保存我的评分"), score_items, ExpertScoreForm, PENDING, may_score),
        Transition("complete", _("完成考核"), complete, NoteForm, PENDING, may_score),
        Transition(
            "return", _("退回修改"), return_for_changes, ReturnForm, PENDING, may_score, button_class="secondary"
        ),
        Transition(
            "pay", _("记录补助拨付"), record_payment, PaymentForm, frozenset({S.FINAL}), may_score, unpaid_subsidy
        ),
    ),
)


def scores_of(cleaned_data):
    """{number: (points, comment)} from an ExpertScoreForm's cleaned data."""
    numbers = [int(name.split("_")[1]) for name in cleaned_data if name.startswith("points_")]
    return {n: (cleaned_data[f"points_{n}"], cleaned_data.get(f"comment_{n}", "")) for n in numbers}
