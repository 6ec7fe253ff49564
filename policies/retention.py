"""Erasing commenters' contact details once the bureau's retention period after the comment has passed (the
comment itself stays: it is part of the consultation's record)."""

from django.utils import timezone

from portal.retention import PersonalDataRetention, erase_before

from .models import PolicyComment


def erase_expired_contacts(now=None) -> int:
    now = now or timezone.now()
    cutoff = erase_before(now, PersonalDataRetention.load().comment_contact_days)
    due = PolicyComment.objects.filter(created_at__lt=cutoff, contact_erased_at__isnull=True)
    return due.update(contact=None, contact_erased_at=now)
