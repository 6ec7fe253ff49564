"""Deleting a built form's submissions, with their files, once the form's own retention period has passed."""

import datetime

from django.db import transaction
from django.utils import timezone

from .pages import BuiltFormPage
from .records import BuiltFormSubmission


def submissions_due_for_deletion(now):
    """Older than their form's ``retention_days``, counted from the submission or, if later, the form's closing."""
    due = BuiltFormSubmission.objects.none()
    for page in BuiltFormPage.objects.only("pk", "retention_days", "closes_at"):
        cutoff = now - datetime.timedelta(days=page.retention_days)
        if page.closes_at is not None and page.closes_at >= cutoff:
            continue  # kept until the period after the closing has passed too
        due |= BuiltFormSubmission.objects.filter(page_id=page.pk, submitted_at__lt=cutoff)
    return due


def delete_expired_submissions(now=None) -> int:
    """Delete every submission past its form's period (files included); returns how many."""
    now = now or timezone.now()
    deleted = 0
    for submission in submissions_due_for_deletion(now).iterator():
        with transaction.atomic():
            for upload in submission.uploads.all():
                upload.delete()  # the file goes with it (records.delete_stored_file)
            submission.delete()
        deleted += 1
    return deleted
