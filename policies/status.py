"""A policy's status (征求意见中 / 尚未生效 / 现行有效 / 即将失效 / 已失效), computed from its dates."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

EXPIRING_SOON_DAYS = 60

LABELS = {
    "consultation": _("征求意见中"),
    "not_yet_effective": _("尚未生效"),
    "in_force": _("现行有效"),
    "expiring_soon": _("即将失效"),
    "expired": _("已失效"),
}
# The colour of the site-wide .badge class each status is shown with.
BADGES = {
    "consultation": "warn",
    "not_yet_effective": "muted",
    "in_force": "ok",
    "expiring_soon": "warn",
    "expired": "danger",
}


@dataclass(frozen=True)
class PolicyStatus:
    code: str
    date: datetime.date | None = None

    @property
    def label(self):
        return LABELS[self.code]

    @property
    def badge(self):
        return BADGES[self.code]

    def __str__(self):
        return self.label


def policy_status(
    *, today, is_consultation_draft=False, consultation_closes=None, effective_date=None, expiry_date=None
):
    """The status on ``today``.

    A consultation draft is 征求意见中 until its closing date (inclusive) and 尚未生效 after it, since a draft is
    never in force; after its ``expiry_date`` it is 已失效 like any other. Otherwise: before ``effective_date``
    尚未生效; after ``expiry_date`` 已失效; within EXPIRING_SOON_DAYS of it 即将失效 (with the expiry date); else
    现行有效.
    """
    if expiry_date is not None and today > expiry_date:
        return PolicyStatus("expired", expiry_date)
    if is_consultation_draft:
        if consultation_closes is None or today <= consultation_closes:
            return PolicyStatus("consultation", consultation_closes)
        return PolicyStatus("not_yet_effective")
    if effective_date is not None and today < effective_date:
        return PolicyStatus("not_yet_effective", effective_date)
    if expiry_date is not None and (expiry_date - today).days <= EXPIRING_SOON_DAYS:
        return PolicyStatus("expiring_soon", expiry_date)
    return PolicyStatus("in_force", effective_date)
