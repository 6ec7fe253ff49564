"""Erasing the placement rosters' personal data once the bureau's retention period after the round has passed.

The workers on a roster are third parties: their identity and phone numbers serve the county's check of the
roster, and neither policy says how long to keep them. The portal keeps them ``PersonalDataRetention.roster_years``
(an interpretation, default three years) after the round's 县级考核完成时限, then erases the numbers and the
residence, keeps the name's first character only (``mask_name``) and clears the row's digest, so the row still
counts for the roster's figures and is not processed twice. The names and phones of objectors to a 公示 are erased
as complainants' are (``complaint_contact_days`` after the answer). Run daily by
``manage.py erase_expired_personal_data``.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forms.cases.masking import mask_name
from portal.retention import PersonalDataRetention, erase_before, years_after
from portal.vocabulary import chinese_date

from .models import (
    Assessment,
    AssessmentEvent,
    AssessmentObjection,
    AssessmentObjectionEvent,
    AssessmentRound,
    PlacementRow,
)

ERASED_FIELDS = ("name", "id_number", "phone", "residence", "person_digest")


def kept_until(round_, years=None):
    """The last day the round's rosters keep their personal data."""
    years = PersonalDataRetention.load().roster_years if years is None else years
    return years_after(round_.scoring_due, years)


def expired_rounds(today, years):
    """The rounds whose retention period ended before ``today`` (a city has one round a year: few to look at)."""
    return [
        round_ for round_ in AssessmentRound.objects.filter(scoring_due__lt=today) if kept_until(round_, years) < today
    ]


def erase_expired_rosters(now=None) -> int:
    """Erase the rosters of every round past the period; returns how many assessments' rosters were erased."""
    now = now or timezone.now()
    rounds = expired_rounds(timezone.localdate(now), PersonalDataRetention.load().roster_years)
    due = Assessment.objects.filter(round__in=rounds, placements__person_digest__gt="").distinct()
    erased = 0
    for assessment in due.only("pk", "receipt_no", "status").iterator():
        erase_roster(assessment, now)
        erased += 1
    return erased


@transaction.atomic
def erase_roster(assessment, now):
    # Only the plain name is read: the numbers are never decrypted to be thrown away.
    rows = list(PlacementRow.objects.filter(assessment=assessment, person_digest__gt="").only("pk", "name"))
    for row in rows:
        row.name, row.id_number, row.phone, row.residence, row.person_digest = mask_name(row.name), None, None, "", ""
    PlacementRow.objects.bulk_update(rows, ERASED_FIELDS, batch_size=500)
    AssessmentEvent.objects.create(
        case=assessment,
        action=AssessmentEvent.Action.ERASED,
        at=now,
        actor_label=_("系统"),
        from_status=assessment.status,
        to_status=assessment.status,
        note=_("保存期限届满，已删除花名册人员的身份证号码、联系电话、现居住地和姓名（只保留第一个字）。"),
    )


def erase_expired_objection_contacts(now=None) -> int:
    """Erase the name and phone of every answered objection past the period; returns how many."""
    now = now or timezone.now()
    cutoff = erase_before(now, PersonalDataRetention.load().complaint_contact_days)
    due = AssessmentObjection.objects.filter(answered_at__lt=cutoff, contact_erased_at__isnull=True).exclude(
        status=AssessmentObjection.Status.SUBMITTED
    )
    erased = 0
    for objection in due.only("pk", "status").iterator():
        erase_objection_contact(objection, now)
        erased += 1
    return erased


@transaction.atomic
def erase_objection_contact(objection, now):
    AssessmentObjection.objects.filter(pk=objection.pk).update(
        contact_name=None, contact_phone=None, contact_erased_at=now
    )
    AssessmentObjectionEvent.objects.create(
        case=objection,
        action=AssessmentObjectionEvent.Action.ERASED,
        at=now,
        actor_label=_("系统"),
        from_status=objection.status,
        to_status=objection.status,
        note=_("保存期限届满，已删除异议人的姓名和联系电话。"),
    )


@dataclass(frozen=True)
class RosterNotice:
    text: str
    interpretation: str  # the setting's 解读 note, or "" when the bureau has made the period its own


def roster_notice(round_, today=None):
    """What the roster page says of the numbers' protection and how long they are kept."""
    retention = PersonalDataRetention.load()
    end = kept_until(round_, retention.roster_years)
    if end < (today or timezone.localdate()):
        text = _("保存期限已于%(end)s届满，花名册中人员的身份证号码、联系电话和现居住地已删除，姓名只保留第一个字。")
    else:
        text = _(
            "花名册中人员的身份证号码和联系电话加密保存，仅县级审核人员可查看完整号码；考核结束（%(due)s）后保存"
            "%(years)s年，期满删除。"
        )
    values = {"due": chinese_date(round_.scoring_due), "years": retention.roster_years, "end": chinese_date(end)}
    return RosterNotice(text % values, retention.interpretation_note if retention.is_interpretation else "")
