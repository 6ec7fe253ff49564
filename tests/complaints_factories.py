"""make_* helpers for the complaint and case tests."""

import io
import secrets

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter

from forms.cases.base import create_with_unique_receipt, new_query_code, query_code_digest
from forms.complaints.models import Category, Complaint, OfficialCalendarDay, OfficialCalendarYear, Open311Client
from portal.regions import City, County

COMPLAINT_URL = "/feedback/complaint/"
FEEDBACK_URL = "/feedback/suggestion/"
PROGRESS_URL = "/feedback/progress/"
SURVEY_URL = "/feedback/survey/"


def png_bytes(size=(40, 30), color=(200, 30, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


def pdf_bytes():
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def photo_upload(name="photo.png"):
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def executable_upload(name="photo.jpg"):
    """A Windows executable renamed to .jpg."""
    return SimpleUploadedFile(name, b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, content_type="image/jpeg")


def complaint_post(county_name="晋江市", **overrides):
    """A complete, valid complaint form submission."""
    data = {
        "category": Category.objects.get(code="unpaid-wages").pk,
        "county": County.objects.get(name=county_name).pk,
        "market": "",
        "happened_on": "2026-11-20",
        "description": "包工头拖欠三天工钱共900元，多次催要未果。",
        "contact_name": "张三",
        "contact_phone": "13812345678",
        "contact_email": "zhangsan@example.com",
        "captcha_0": "x",
        "captcha_1": "PASSED",
        "website": "",
        "token": secrets.token_urlsafe(24),
    }
    data.update(overrides)
    return data


def make_complaint(county_name="晋江市", status=Complaint.Status.NEW, **fields):
    """A complaint saved directly; returns (case, query_code)."""
    county = County.objects.get(name=county_name)
    code = new_query_code()
    defaults = dict(
        kind=Complaint.Kind.COMPLAINT,
        category=Category.objects.get(code="unpaid-wages"),
        county=county,
        handling_county=county,
        description="拖欠工资",
        contact_name="李四",
        contact_phone="13900001111",
        contact_email="lisi@example.com",
        submission_token=secrets.token_urlsafe(24),
        query_code_digest="-",
        status=status,
        acknowledge_due="2026-11-24",
        close_due="2026-12-14",
    )
    defaults.update(fields)
    case = create_with_unique_receipt(Complaint, "TS", **defaults)
    case.query_code_digest = query_code_digest(case.receipt_no, code)
    case.save()
    return case, code


def make_open311_client(city_name="泉州市", name="泉州12345热线"):
    """An Open311 client of ``city_name``; returns (client, its api_key in plain text)."""
    client = Open311Client(name=name, contact="王工 0595-22222222", city=City.objects.get(name=city_name))
    key = client.issue_key()
    client.save()
    return client, key


HOLIDAY = OfficialCalendarDay.Kind.HOLIDAY
MAKE_UP_DAY = OfficialCalendarDay.Kind.WORKDAY


def make_official_calendar(year, days, **fields):
    """The bureau's entry for ``year``; ``days`` are (date, kind, name)."""
    calendar = OfficialCalendarYear.objects.create(year=year, **fields)
    for day, kind, name in days:
        OfficialCalendarDay.objects.create(calendar=calendar, date=day, kind=kind, name=name)
    return calendar
