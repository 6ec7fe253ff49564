"""Opening a round: the dates the bureau is offered, telling eligible operators, and reminding them.

Quanzhou's plan fixes the scoring deadline (二（二）"每年11月30日前"); Ningde's leaves it open, so the portal
proposes 12月31日 and marks it as an interpretation. The other dates are the bureau's to set; the proposal is
the calendar year as the assessment period and a submission window of the month before the deadline.
"""

import datetime

from django.utils import timezone

from .models import Assessment, AssessmentRound
from .notifications import notify_operator_of_round
from .participants import eligible_markets, operator_of

REMINDER_DAYS = 7  # reminders go out this many days before the window closes
SCORING_DEADLINES = {
    "quanzhou": ((11, 30), "实施方案 二（二）：所在地人社部门于每年11月30日前组织专家进行考核", False),
    "ningde": ((12, 31), "实施方案 二（四）1 未规定考核时限，由人社局确定（解读：当年12月31日前）", True),
}


def proposed_dates(city_slug, year):
    """The dates a new round of ``year`` is offered with (the bureau may change every one)."""
    (month, day), basis, interpretation = SCORING_DEADLINES[city_slug]
    scoring_due = datetime.date(year, month, day)
    closes_on = scoring_due - datetime.timedelta(days=30)
    return {
        "reference_date": scoring_due,
        "period_start": datetime.date(year, 1, 1),
        "period_end": closes_on,
        "opens_on": closes_on - datetime.timedelta(days=30),
        "closes_on": closes_on,
        "scoring_due": scoring_due,
        "scoring_due_basis": basis,
        "scoring_due_is_interpretation": interpretation,
    }


def operators_to_tell(round_):
    """(market, operator) of the round's eligible markets that have an operator account."""
    pairs = [(market, operator_of(market)) for market, _verdict in eligible_markets(round_)]
    return [(market, operator) for market, operator in pairs if operator is not None]


def announce(round_):
    for market, operator in operators_to_tell(round_):
        notify_operator_of_round(round_, market, operator)
    round_.announced_at = timezone.now()
    round_.save(update_fields=["announced_at"])


def remind(round_):
    """Remind the operators who have not yet submitted."""
    submitted = set(
        Assessment.objects.filter(round=round_)
        .exclude(status__in=[Assessment.Status.DRAFT, Assessment.Status.RETURNED])
        .values_list("market_id", flat=True)
    )
    for market, operator in operators_to_tell(round_):
        if market.pk not in submitted:
            notify_operator_of_round(round_, market, operator, reminder=True)
    round_.reminded_at = timezone.now()
    round_.save(update_fields=["reminded_at"])


def due_notices(rounds, today):
    """(round, "announce" | "remind") for what is due on ``today`` (pure over the rounds' dates)."""
    due = []
    for round_ in rounds:
        if round_.announced_at is None and round_.opens_on <= today <= round_.closes_on:
            due.append((round_, "announce"))
        elif (
            round_.reminded_at is None
            and round_.announced_at is not None
            and 0 <= (round_.closes_on - today).days <= REMINDER_DAYS
        ):
            due.append((round_, "remind"))
    return due


def send_due_notices(today=None):
    today = today or timezone.localdate()
    for round_, what in due_notices(AssessmentRound.objects.select_related("city"), today):
        if what == "announce":
            announce(round_)
        else:
            remind(round_)
