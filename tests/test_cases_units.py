"""The shared case machinery: working days, masking, receipt codes, encryption keys, upload checks."""

import datetime
import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Page

from forms.cases import working_days
from forms.cases.base import query_code_digest
from forms.cases.masking import mask_email, mask_identity_number, mask_name, mask_phone
from forms.cases.uploads import sniff_content_type
from forms.cases.working_days import add_working_days, is_working_day
from forms.complaints.models import Category, ReplyTemplate

from .complaints_factories import pdf_bytes, png_bytes
from .utils import make_county_staff


@pytest.mark.django_db  # the bureau's entries (none here) come before the package
def test_working_days_follow_the_official_holiday_calendar():
    assert not is_working_day(datetime.date(2026, 10, 1))  # National Day
    assert is_working_day(datetime.date(2026, 11, 23))
    # received Friday 2026-09-25: 15 working days skip the National Day golden week
    assert add_working_days(datetime.date(2026, 9, 25), 1) == datetime.date(2026, 9, 28)
    # 2026's National Day holiday (1–7 October, per the State Council's notice in chinesecalendar)
    assert add_working_days(datetime.date(2026, 9, 30), 1) == datetime.date(2026, 10, 8)


@pytest.mark.django_db
def test_working_days_fall_back_to_weekdays_beyond_the_published_calendar(monkeypatch):
    monkeypatch.setattr(working_days, "package_knows_year", lambda year: year <= 2026)
    assert add_working_days(datetime.date(2027, 3, 5), 1) == datetime.date(2027, 3, 8)


def test_masking():
    assert mask_phone("13812345678") == "138****5678"
    assert mask_name("张三丰") == "张**"
    assert mask_email("zhangsan@example.com") == "z*******@example.com"
    assert mask_identity_number("350502199001011234") == "3505**********1234"


def test_query_code_is_stored_only_as_a_keyed_digest():
    digest = query_code_digest("TS1", "12345678")
    assert digest == query_code_digest("TS1", " 12345678 ")  # the same code, typed with spaces, opens the case
    assert digest != query_code_digest("TS1", "12345679")
    assert "12345678" not in digest
    for unkeyed in ("TS1:12345678", "TS112345678", "12345678"):
        assert digest != hashlib.sha256(unkeyed.encode()).hexdigest()
    with override_settings(SECRET_KEY="another-secret-key"):
        assert query_code_digest("TS1", "12345678") != digest


@pytest.mark.parametrize(
    "data,expected",
    [
        (png_bytes(), "image/png"),
        (pdf_bytes(), "application/pdf"),
        (b"MZ\x90\x00" + b"\x00" * 100, None),
        (b"\x89PNG\r\n\x1a\n" + b"broken", None),
        ("你好".encode() * 50, None),
    ],
)
def test_uploads_are_judged_by_content(data, expected):
    assert sniff_content_type(SimpleUploadedFile("x.jpg", data)) == expected


@pytest.mark.django_db
def test_seeding_twice_changes_nothing_and_gives_handlers_case_permissions(home):
    before = (Category.objects.count(), ReplyTemplate.objects.count(), Page.objects.count())
    call_command("load_seed_content", stdout=io.StringIO())
    assert (Category.objects.count(), ReplyTemplate.objects.count(), Page.objects.count()) == before
    assert before[0] == 7
    handler = make_county_staff("晋江市")
    assert handler.has_perm("forms.view_complaint") and not handler.has_perm("forms.change_category")
