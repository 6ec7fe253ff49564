"""An application's life: 草稿 → 待审核 → (退回修改 → 待审核)* → 已通过 or 不予通过.

The operator saves drafts and submits; the county's reviewer approves, returns with comments
or rejects with reasons.  Every step records who did it and when (ApplicationEvent).
Approving a recognition application creates the market's directory page as a draft, for
the bureau to check and publish. A performance subsidy starts from the annual assessment's
final result (``start_performance_subsidy``) and cannot be submitted without its assessed
score.  ``APPLICATIONS`` declares the review's transitions on the shared machinery of
``forms.cases``; the operator is told of every decision.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forms.cases.base import create_with_unique_receipt
from forms.cases.scoping import can_handle
from forms.cases.transitions import ActionForm, Transition, Workflow
from markets.models import CountyDirectoryPage, MarketPage

from . import catalogue, rules_check
from .models import Application, ApplicationEvent
from .notifications import notify_county_of_application, notify_operator_of_decision

S = Application.Status
A = ApplicationEvent.Action
DECISIONS = {S.RETURNED, S.APPROVED, S.REJECTED}  # the operator is told of these by e-mail


def tell_operator(application, old, new):
    if new in DECISIONS:
        notify_operator_of_decision(application)


def record(application, action, user=None, note="", from_status=""):
    return APPLICATIONS.record(application, action, user, note, from_status=from_status)


def change_status(application, user, new_status, action, note="", **fields):
    APPLICATIONS.change_status(application, user, new_status, action, note, **fields)


# --- the operator's side ------------------------------------------------------------------------


def start_application(profile, form_kind, *, user=None, handling_county=None, **values):
    """A new draft under a fresh reference number (RD… for recognition, BZ… for subsidies)."""
    application = create_with_unique_receipt(
        Application,
        Application.RECEIPT_PREFIXES[form_kind],
        operator=profile,
        city=(handling_county or profile.county).city,
        form_kind=form_kind,
        handling_county=handling_county or profile.county,
        **values,
    )
    record(application, A.CREATED, user)
    return application


def start_performance_subsidy(profile, user, *, market, assessed_score, assessment_receipt_no, months_in_operation):
    """The operator's performance-subsidy application for the annual assessment ``assessment_receipt_no``, whose
    result is final (公示 passed without objection): the one already started from it, or a new draft for ``market``
    carrying the assessed score, from which the amount is computed.

    The annual assessment calls this (it imports the applications, never the other way). Raises ValidationError,
    as ``new_application`` refuses, when the city has no policy in force and no application exists yet.
    """
    existing = profile.applications.filter(assessment_receipt_no=assessment_receipt_no).first()
    if existing is not None:
        return existing
    closed = rules_check.applications_closed(market.county.city.slug)
    if closed:
        raise ValidationError(closed)
    values = performance_values(profile, market, assessed_score, assessment_receipt_no, months_in_operation)
    try:
        with transaction.atomic():
            return start_application(profile, catalogue.SUBSIDY, user=user, handling_county=market.county, **values)
    except IntegrityError:  # started at the same moment by another request (one_application_per_assessment)
        return profile.applications.get(assessment_receipt_no=assessment_receipt_no)


def performance_values(profile, market, assessed_score, assessment_receipt_no, months_in_operation):
    """A performance subsidy's form as the assessment fills it: the organisation, the market and the score."""
    organisation = {key: value for key, value in profile.form_values().items() if key != "county"}
    return {
        **organisation,
        "subsidy_type": catalogue.PERFORMANCE,
        "market_type": market.facility_type,
        "market_name": market.title,
        "market_address": market.full_address,
        "market_page": market,
        "assessed_score": assessed_score,
        "assessment_receipt_no": assessment_receipt_no,
        "months_in_operation": months_in_operation,
    }


@transaction.atomic
def submit(application, user):
    """Send a complete draft (or a returned application) to the county; raises ValidationError if not ready."""
    if not application.is_editable:
        raise ValidationError(
            _("此申请当前状态为“%(status)s”，不能提交。") % {"status": application.get_status_display()}
        )
    missing = application.missing_materials()
    if missing:
        raise ValidationError(
            _("还缺少申报材料：%(items)s。") % {"items": "；".join(f"{m.number}{m.label}" for m in missing)}
        )
    no_score = rules_check.assessed_score_problem(application)
    if no_score:
        raise ValidationError(no_score)
    first_submission = application.rules_as_of is None
    closed = rules_check.applications_closed(application.city.slug) if first_submission else None
    if closed:
        raise ValidationError(closed)
    if first_submission:
        application.rules_as_of = timezone.localdate()
    amount = rules_check.check_amount(application)
    action = A.RESUBMITTED if application.status == S.RETURNED else A.SUBMITTED
    change_status(
        application,
        user,
        S.SUBMITTED,
        action,
        submitted_at=timezone.now(),
        rules_as_of=application.rules_as_of,
        rules_policy_id=amount.policy.page_id if amount.policy else None,
        computed_amount_yuan=amount.computed_yuan,
        rules_summary=amount.summary,
        amount_differs=amount.differs,
    )
    notify_county_of_application(application)


# --- the county's side --------------------------------------------------------------------------


class CommentForm(ActionForm):
    comment = forms.CharField(
        label=_("审核意见"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        help_text=_("申请单位可在“我的办理”中看到。"),
    )


class ReturnForm(ActionForm):
    comment = forms.CharField(
        label=_("需要修改的内容"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": _("请写明需要申请单位修改或补充的内容。")},
        help_text=_("申请单位可在“我的办理”中看到，并据此修改后重新提交。"),
    )


class RejectForm(ActionForm):
    comment = forms.CharField(
        label=_("不予通过的理由"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": _("请写明不予通过的理由和依据。")},
        help_text=_("申请单位可在“我的办理”中看到。"),
    )


def approve(application, user, data):
    _require_pending(application)
    comment = data.get("comment", "")
    change_status(application, user, S.APPROVED, A.APPROVED, comment, bureau_comment=comment, decided_at=timezone.now())
    if application.form_kind == catalogue.RECOGNITION:
        page = create_market_draft(application)
        application.market_page = page
        application.save(update_fields=["market_page"])


def return_for_changes(application, user, data):
    _require_pending(application)
    change_status(application, user, S.RETURNED, A.RETURNED, data["comment"], bureau_comment=data["comment"])


def reject(application, user, data):
    _require_pending(application)
    comment = data["comment"]
    change_status(application, user, S.REJECTED, A.REJECTED, comment, bureau_comment=comment, decided_at=timezone.now())


def _require_pending(application):
    if application.status != S.SUBMITTED:
        raise ValidationError(_("只有待审核的申请可以审核。"))


def create_market_draft(application):
    """The market's page in its county's directory, unpublished, for the bureau to complete and publish."""
    parent = CountyDirectoryPage.objects.filter(county=application.handling_county).first()
    if parent is None:
        raise ValidationError(
            _("%(county)s的零工市场目录页不存在，请先建立目录页。") % {"county": application.handling_county}
        )
    page = MarketPage(
        title=application.market_name,
        facility_type=application.market_type,
        county=application.handling_county,
        address=application.market_address,
        floor_area=int(application.floor_area) if application.floor_area is not None else None,
        operator=application.organisation_name,
        recognized_on=timezone.localdate(),
        status=MarketPage.Status.PREPARING,
        live=False,
    )
    parent.add_child(instance=page)
    page.save_revision(log_action=True)
    return page


def open_to_bureau(user, application):
    """Staff see an application once it has been submitted, and only of counties they may see."""
    return application.status != S.DRAFT and can_handle(user, application)


def reveal(application, user):
    """A reviewer opens the full identity and bank numbers: allowed only to case staff, and logged."""
    APPLICATIONS.reveal(application, user)


def may_review(user, application):
    return user.has_perm("applications.change_application")


PENDING = frozenset({S.SUBMITTED})
APPLICATIONS = Workflow(
    model=Application,
    event_model=ApplicationEvent,
    may_open=open_to_bureau,
    on_status_change=tell_operator,
    reveal_action=A.REVEALED,
    reveal_note=_("查看了完整的身份证号码、银行账号和联系电话"),
    transitions=(
        Transition("approve", _("审核通过"), approve, CommentForm, PENDING, may_review),
        Transition(
            "return", _("退回修改"), return_for_changes, ReturnForm, PENDING, may_review, button_class="secondary"
        ),
        Transition("reject", _("不予通过"), reject, RejectForm, PENDING, may_review, button_class="no"),
    ),
)
