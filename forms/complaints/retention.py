"""Erasing complainants' contact details once the bureau's retention period after the case's end has passed."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.retention import PersonalDataRetention, erase_before

from .records import Complaint, ComplaintEvent

CONTACT_FIELDS = ("contact_name", "contact_phone", "contact_email")


def cases_due_for_erasure(now):
    cutoff = erase_before(now, PersonalDataRetention.load().complaint_contact_days)
    return Complaint.objects.filter(
        status__in=Complaint.FINAL_STATUSES, updated_at__lt=cutoff, contact_erased_at__isnull=True
    )


def erase_expired_contacts(now=None) -> int:
    """Erase the contact details of every ended case past the period; returns how many cases."""
    now = now or timezone.now()
    erased = 0
    for case in cases_due_for_erasure(now).only("pk", "receipt_no", "status").iterator():
        erase_contact(case, now)
        erased += 1
    return erased


@transaction.atomic
def erase_contact(case, now):
    # update(), not save(): the case's updated_at stays the last time someone worked on it.
    Complaint.objects.filter(pk=case.pk).update(**dict.fromkeys(CONTACT_FIELDS), contact_erased_at=now)
    ComplaintEvent.objects.create(
        case=case,
        action=ComplaintEvent.Action.ERASED,
        at=now,
        actor_label=_("系统"),
        from_status=case.status,
        to_status=case.status,
        note=_("保存期限届满，已删除投诉人的姓名、电话和邮箱。"),
    )
