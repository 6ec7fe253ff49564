"""Finding 13 (part): complainants' and commenters' contact details were kept for ever. They are erased once the
retention period the bureau sets has passed (shown as an interpretation: the seeds set none), by a command run
daily."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from forms.complaints.models import Complaint, ComplaintEvent
from policies.models import PolicyComment, PolicyPage
from portal.retention import PersonalDataRetention, erase_before

from ..complaints_factories import COMPLAINT_URL, make_complaint
from ..utils import make_city_staff, make_county_staff

pytestmark = pytest.mark.django_db
S = Complaint.Status


def erase():
    out = io.StringIO()
    call_command("erase_expired_personal_data", stdout=out)
    return out.getvalue()


def ended_days_ago(days, status=S.CLOSED, **fields):
    case, _ = make_complaint(status=status, **fields)
    Complaint.objects.filter(pk=case.pk).update(updated_at=timezone.now() - datetime.timedelta(days=days))
    return case


def raw_contact(case):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT contact_name, contact_phone, contact_email FROM forms_complaint WHERE id = %s", [case.pk]
        )
        return cursor.fetchone()


def test_the_cut_off_is_the_period_before_now():
    now = datetime.datetime(2026, 12, 1, 2, 0, tzinfo=datetime.UTC)
    assert erase_before(now, 730) == datetime.datetime(2024, 12, 1, 2, 0, tzinfo=datetime.UTC)


def test_contact_details_of_cases_ended_longer_ago_than_the_period_are_erased(home):
    days = PersonalDataRetention.load().complaint_contact_days
    due = ended_days_ago(days + 1)
    rejected = ended_days_ago(days + 1, status=S.REJECTED)
    kept = ended_days_ago(days - 1)
    still_open = ended_days_ago(days + 30, status=S.IN_PROGRESS)
    assert erase().startswith("已删除联系方式：投诉建议 2 件")
    assert raw_contact(due) == (None, None, None) and raw_contact(rejected) == (None, None, None)
    assert Complaint.objects.get(pk=kept.pk).contact_phone == "13900001111"
    assert Complaint.objects.get(pk=still_open.pk).contact_phone == "13900001111"
    event = ComplaintEvent.objects.get(case=due, action=ComplaintEvent.Action.ERASED)
    assert event.actor_label == "系统" and "保存期限届满" in event.note
    assert Complaint.objects.get(pk=due.pk).description == "拖欠工资"  # the case itself stays
    assert erase().startswith("已删除联系方式：投诉建议 0 件")  # daily runs do not repeat the work


def test_the_bureau_sets_the_period(home):
    retention = PersonalDataRetention.load()
    retention.complaint_contact_days = 90
    retention.save()
    due = ended_days_ago(91)
    erase()
    assert Complaint.objects.get(pk=due.pk).contact_erased_at is not None


def test_the_case_page_says_the_contact_was_erased(client, home):
    due = ended_days_ago(PersonalDataRetention.load().complaint_contact_days + 1)
    erase()
    client.force_login(make_county_staff("晋江市"))
    html = client.get(reverse("forms_complaint_modeladmin_inspect", args=[due.pk])).content.decode()
    assert "按保存期限删除" in html and "李四" not in html


def test_commenters_contact_details_are_encrypted_and_erased_after_the_period(home):
    page = PolicyPage.objects.first()
    comment = PolicyComment.objects.create(page=page, text="建议增加夜间服务。", contact="13500003333")
    with connection.cursor() as cursor:
        cursor.execute("SELECT contact FROM policies_policycomment WHERE id = %s", [comment.pk])
        assert "13500003333" not in cursor.fetchone()[0]
    days = PersonalDataRetention.load().comment_contact_days
    PolicyComment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - datetime.timedelta(days=days + 1))
    assert erase().splitlines()[0].endswith("征求意见 1 条")
    comment.refresh_from_db()
    assert comment.contact is None and comment.text == "建议增加夜间服务。"


def test_the_public_is_told_how_long_and_that_it_is_an_interpretation(client, home):
    html = client.get(COMPLAINT_URL).content.decode()
    assert "办结后保存 730 天，期满自动删除" in html
    assert "两份政策均未规定个人信息的保存期限" in html


def test_city_administrators_may_change_the_period(client, home):
    admin = make_city_staff("泉州市", role_label="市级管理员")
    assert admin.has_perm("portal.change_personaldataretention")
    assert not make_county_staff("晋江市").has_perm("portal.change_personaldataretention")
