"""E-mail the portal sends (to case handlers, complainants, operators), as retried background tasks.

A message is queued in the same database transaction as the change it reports, so it exists exactly when the
change does, and the person's request never waits for, or fails with, the mail server. The worker
(``manage.py db_worker --backend background``; ``make run`` starts one) sends it; when the server refuses or is
down, the task queues itself again later, ``RETRY_DELAYS`` apart, and the failed attempt stays in the task
results for the bureau's administrators to see.
"""

import datetime
import logging

from django.core.mail import send_mail
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

BACKEND = "background"
# After the first attempt fails, one more attempt after each of these delays, then the message is given up.
RETRY_DELAYS = (
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=5),
    datetime.timedelta(minutes=30),
    datetime.timedelta(hours=2),
    datetime.timedelta(hours=12),
)


def queue_mail(subject: str, body: str, recipients: list[str]):
    """Send a message from the background worker; returns at once."""
    if recipients:
        send_queued_mail.enqueue(subject, body, list(recipients), attempt=1)


def retry_delay(attempt: int) -> datetime.timedelta | None:
    """How long to wait before the next attempt after attempt number ``attempt`` failed; None: give up."""
    return RETRY_DELAYS[attempt - 1] if attempt <= len(RETRY_DELAYS) else None


@task(backend=BACKEND)
def send_queued_mail(subject, body, recipients, attempt=1):
    try:
        send_mail(subject, body, None, recipients)
    except Exception:
        delay = retry_delay(attempt)
        # The log names neither the recipients nor the text: they may be personal.
        logger.warning("mail attempt %s failed; %s", attempt, f"retry in {delay}" if delay else "given up")
        if delay:
            send_queued_mail.using(run_after=timezone.now() + delay).enqueue(
                subject, body, recipients, attempt=attempt + 1
            )
        raise
