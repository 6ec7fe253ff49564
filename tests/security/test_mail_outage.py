"""Finding 9: with the mail server down, a complaint used to answer 500 after it was stored, and its query code
(kept only as a digest) was lost for good; staff actions reported failure after taking effect.

Mail is now a background task on a database queue: the submission answers with its receipt and code whatever
the mail server does, and the worker retries until the server is back.
"""

import datetime
import smtplib

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from forms.complaints.models import Complaint
from portal.mail import RETRY_DELAYS, retry_delay

from ..complaints_factories import COMPLAINT_URL, complaint_post, make_complaint
from ..utils import make_county_staff

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
MAIL_DOWN = "tests.security.test_mail_outage.RefusingEmailBackend"
MAIL_UP = "django.core.mail.backends.locmem.EmailBackend"


class RefusingEmailBackend:
    """An SMTP server that is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("connection refused")


@pytest.fixture
def run_worker(monkeypatch):
    """The worker's pass over the ready tasks. A real worker has a connection of its own and recycles it; here it
    shares the test's, which holds the test's transaction, so it must not close it (PostgreSQL's CONN_MAX_AGE)."""
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    return lambda: call_command(
        "db_worker", "--backend", "background", "--queue-name", "*", "--batch", "--no-startup-delay"
    )


@pytest.fixture
def handler():
    user = make_county_staff("晋江市")
    user.email = "jj@example.gov.cn"
    user.save()
    return user


@override_settings(TASKS=DATABASE_QUEUE, EMAIL_BACKEND=MAIL_DOWN)
def test_a_complaint_gets_its_receipt_and_code_while_the_mail_server_is_down(
    client, home, handler, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(COMPLAINT_URL, complaint_post(), follow=True)
    html = response.content.decode()
    case = Complaint.objects.get()
    assert response.status_code == 200
    assert case.receipt_no in html and "查询码" in html
    assert DBTaskResult.objects.ready().count() == 1  # the county's notice waits for the worker


@override_settings(TASKS=DATABASE_QUEUE)
def test_the_notice_is_retried_until_the_mail_server_is_back(client, home, handler, time_machine, run_worker):
    with override_settings(EMAIL_BACKEND=MAIL_DOWN):
        client.post(COMPLAINT_URL, complaint_post())
        run_worker()
    assert mail.outbox == []
    assert DBTaskResult.objects.failed().count() == 1
    assert DBTaskResult.objects.ready().count() == 0  # the next attempt waits its delay
    time_machine.move_to(timezone.now() + RETRY_DELAYS[0] + datetime.timedelta(seconds=1))
    with override_settings(EMAIL_BACKEND=MAIL_UP):
        run_worker()
    case = Complaint.objects.get()
    assert [m.to for m in mail.outbox] == [["jj@example.gov.cn"]]
    assert case.receipt_no in mail.outbox[0].subject
    assert DBTaskResult.objects.successful().count() == 1


@override_settings(TASKS=DATABASE_QUEUE, EMAIL_BACKEND=MAIL_DOWN)
def test_a_staff_action_succeeds_and_says_so_while_the_mail_server_is_down(
    client, home, handler, django_capture_on_commit_callbacks
):
    case, _ = make_complaint("晋江市", contact_email="citizen@example.com")
    client.force_login(handler)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("forms_complaint_modeladmin_inspect", args=[case.pk]), {"action": "accept"})
    case.refresh_from_db()
    assert response.status_code == 302
    assert case.status == Complaint.Status.ACCEPTED
    assert "已受理" in str(list(response.wsgi_request._messages))
    assert DBTaskResult.objects.ready().count() == 1  # the complainant's notice waits for the worker


def test_a_message_is_given_up_after_the_last_delay():
    assert [retry_delay(attempt) for attempt in range(1, len(RETRY_DELAYS) + 2)] == [*RETRY_DELAYS, None]
