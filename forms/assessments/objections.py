"""Objections (异议) to a 公示: raised by the public during the period, answered by the county.

Each objection is a case: the county upholds it (the assessment goes back for rescoring and leaves the notice) or
dismisses it, with a written answer the objector reads with the receipt number and query code.
"""

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forms.cases.base import create_with_unique_receipt, new_query_code, query_code_digest
from forms.cases.scoping import can_handle
from forms.cases.transitions import ActionForm, Transition, Workflow, require
from portal.vocabulary import chinese_date

from . import publicity as publicity_rules
from .models import Assessment, AssessmentEvent, AssessmentObjection, AssessmentObjectionEvent
from .workflow import ASSESSMENTS

OS = AssessmentObjection.Status
OA = AssessmentObjectionEvent.Action


def period_problem(publicity, today=None):
    """Why the publicity does not take objections on ``today``, or ""."""
    today = today or timezone.localdate()
    if today < publicity.starts_on:
        return _("公示自%(day)s开始，届时方可提出异议。") % {"day": chinese_date(publicity.starts_on)}
    if today > publicity.ends_on:
        return _("公示期已于%(day)s结束，不再受理异议。") % {"day": chinese_date(publicity.ends_on)}
    return ""


@transaction.atomic
def raise_objection(publicity, data):
    """Store an objection from the public form's cleaned data; returns (objection, query code)."""
    problem = period_problem(publicity)
    require(not problem, problem)
    assessment = data["assessment"]
    code = new_query_code()
    objection = create_with_unique_receipt(
        AssessmentObjection,
        AssessmentObjection.RECEIPT_PREFIX,
        publicity=publicity,
        assessment=assessment,
        handling_county=assessment.handling_county,
        reason=data["reason"],
        contact_name=data["contact_name"],
        contact_phone=data["contact_phone"],
        submission_token=data["token"],
        query_code_digest="pending",
    )
    objection.query_code_digest = query_code_digest(objection.receipt_no, code)
    objection.save(update_fields=["query_code_digest"])
    OBJECTIONS.record(objection, OA.SUBMITTED, actor_label=_("公众"))
    return objection, code


# --- the county's answer ------------------------------------------------------------------------


class AnswerForm(ActionForm):
    answer = forms.CharField(
        label=_("处理意见（将告知异议人）"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=3000,
        error_messages={"required": _("请写明核查情况和处理意见。")},
    )


def uphold(objection, user, data):
    """The objection stands: the assessment goes back to its county's experts and leaves the notice."""
    _answer(objection, user, OS.UPHELD, OA.UPHELD, data["answer"])
    assessment = Assessment.objects.select_for_update().get(pk=objection.assessment_id)
    if assessment.status == Assessment.Status.PUBLICISED:
        ASSESSMENTS.change_status(
            assessment,
            user,
            Assessment.Status.SUBMITTED,
            AssessmentEvent.Action.REOPENED,
            _("异议 %(receipt)s 经核实成立：%(answer)s") % {"receipt": objection.receipt_no, "answer": data["answer"]},
        )
        publicity_rules.refresh_notice(objection.publicity)


def dismiss(objection, user, data):
    _answer(objection, user, OS.DISMISSED, OA.DISMISSED, data["answer"])
    publicity_rules.finalise_if_due(objection.assessment)


def _answer(objection, user, status, action, answer):
    OBJECTIONS.change_status(objection, user, status, action, answer, answer=answer, answered_at=timezone.now())


def may_answer(user, objection):
    return user.has_perm("assessments.change_assessmentobjection")


OBJECTIONS = Workflow(
    model=AssessmentObjection,
    event_model=AssessmentObjectionEvent,
    may_open=can_handle,
    reveal_action=OA.REVEALED,
    reveal_note=_("查看了异议人的完整联系电话"),
    transitions=(
        Transition("uphold", _("异议成立，退回重新考核"), uphold, AnswerForm, frozenset({OS.SUBMITTED}), may_answer),
        Transition(
            "dismiss",
            _("异议不成立"),
            dismiss,
            AnswerForm,
            frozenset({OS.SUBMITTED}),
            may_answer,
            button_class="secondary",
        ),
    ),
)
