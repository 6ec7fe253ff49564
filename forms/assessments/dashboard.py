"""The dashboard's 年度考核待办 panel: the user's counties' assessments awaiting the county (待考核), per round, with
the round's 县级考核完成时限 marked 逾期 when past and 即将到期 within ``DUE_SOON_DAYS``."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from forms.cases.links import case_list_url
from forms.cases.scoping import cases_visible_to
from portal.vocabulary import chinese_date

from .models import Assessment

DUE_SOON_DAYS = 7
PENDING = Assessment.Status.SUBMITTED
DEADLINE_STATES = {"overdue": _("逾期"), "due_soon": _("即将到期")}


@dataclass(frozen=True)
class PendingRound:
    round: object
    count: int
    url: str
    due_text: str
    state: str  # "overdue", "due_soon" or ""

    @property
    def state_label(self):
        return DEADLINE_STATES.get(self.state, "")


def deadline_state(due, today):
    if due < today:
        return "overdue"
    if due <= today + datetime.timedelta(days=DUE_SOON_DAYS):
        return "due_soon"
    return ""


def pending_rounds(user, today):
    """[PendingRound] of the rounds with assessments of ``user``'s counties awaiting the county, the earliest due
    first."""
    pending = cases_visible_to(user, Assessment.objects.filter(status=PENDING)).select_related("round__city")
    counts = {}
    for assessment in pending:
        counts.setdefault(assessment.round, []).append(assessment)
    rounds = sorted(counts, key=lambda round_: (round_.scoring_due, round_.pk))
    return [
        PendingRound(
            round_,
            len(counts[round_]),
            case_list_url(Assessment, f"status={PENDING}&round={round_.pk}"),
            chinese_date(round_.scoring_due),
            deadline_state(round_.scoring_due, today),
        )
        for round_ in rounds
    ]


class PendingAssessmentsPanel(Component):
    name = "assessments_pending"
    order = 60
    template_name = "assessments/admin/pending_panel.html"

    class Media:
        css = {"all": ["assessments/figures.css"]}

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        rounds = pending_rounds(self.user, timezone.localdate())
        return {
            "rounds": rounds,
            "total": sum(item.count for item in rounds),
            "list_url": case_list_url(Assessment, f"status={PENDING}"),
            "soon_days": DUE_SOON_DAYS,
        }


def add_pending_panel(request, panels):
    """For the ``construct_homepage_panels`` hook: shown to those who may see assessments."""
    if request.user.has_perm("assessments.view_assessment"):
        panels.append(PendingAssessmentsPanel(request.user))
