"""Built forms (forms/built/) for the tests: a form page with the usual questions, and a valid submission of it."""

import datetime
import secrets

from django.utils import timezone
from stdnum.cn import ric

from forms.built.models import BuiltFormField, BuiltFormPage, BuiltFormSubmission
from forms.built.views import save_submission
from forms.complaints.models import ServiceIndexPage
from portal.regions import County

from .complaints_factories import photo_upload


def identity_number(body="35058219900101123"):
    """A resident identity number with its GB 11643 check character."""
    return body + ric.calc_check_digit(body + "0")


VALID_ID = identity_number()
BAD_ID = VALID_ID[:-1] + ("0" if VALID_ID[-1] != "0" else "1")  # the check character off by one
MOBILE = "13812345678"

# (label, type, required, choices, help text)
FIELDS = [
    ("姓名", "singleline", True, "", ""),
    ("手机号码", "mobile", True, "", "用于通知。"),
    ("居民身份证号码", "id_number", True, "", "用于签到核验。"),
    ("所在县（市、区）", "county", True, "", ""),
    ("求职意向", "checkboxes", False, "普工\n保洁\n搬运", ""),
    ("可到场日期", "date", False, "", ""),
    ("证书照片", "attachment", False, "", "照片或PDF。"),
    ("我同意按上述目的使用我的个人信息", "consent", True, "", "收集目的：组织招聘会报名和签到。"),
]


def make_form(
    title="晋江市零工专场招聘会报名",
    county="晋江市",
    city=None,
    capacity=None,
    closes_at=None,
    owner_emails="owner@example.gov.cn",
    retention_days=180,
    fields=FIELDS,
    slug=None,
):
    county_row = County.objects.get(name=county) if county else None
    page = BuiltFormPage(
        title=title,
        slug=slug or f"test-form-{secrets.token_hex(4)}",
        city=county_row.city if county_row else city,
        county=county_row,
        capacity=capacity,
        closes_at=closes_at,
        owner_emails=owner_emails,
        retention_days=retention_days,
    )
    for order, (label, kind, required, choices, help_text) in enumerate(fields):
        page.form_fields.add(
            BuiltFormField(
                sort_order=order, label=label, field_type=kind, required=required, choices=choices, help_text=help_text
            )
        )
    ServiceIndexPage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    return BuiltFormPage.objects.get(pk=page.pk)


def names(page):
    """{label: the field's name in the form}."""
    return {field.label: field.clean_name for field in page.form_fields.all()}


def answers(page, with_photo=False, **by_label):
    """A complete, valid post of ``page``'s form; ``by_label`` replaces answers, given by their label."""
    county = page.county or County.objects.filter(city=page.city).first()
    values = {
        "姓名": "王小明",
        "手机号码": MOBILE,
        "居民身份证号码": VALID_ID,
        "所在县（市、区）": str(county.pk),
        "求职意向": ["普工", "搬运"],
        "可到场日期": "2026-12-05",
        "我同意按上述目的使用我的个人信息": "on",
    }
    if with_photo:
        values["证书照片"] = photo_upload()
    values.update(by_label)
    data = {"captcha_0": "x", "captcha_1": "PASSED", "website": "", "token": secrets.token_urlsafe(24)}
    for label, name in names(page).items():
        if values.get(label) is not None:
            data[name] = values[label]
    return data


def make_submission(page, at=None, **by_label):
    """A stored submission as the public view stores it, without a request."""
    data = answers(page, **by_label)
    files = {name: value for name, value in data.items() if hasattr(value, "read")}
    form = page.get_form({name: value for name, value in data.items() if name not in files}, files, page=page)
    assert form.is_valid(), form.errors
    submission = save_submission(page, form)
    if at is not None:
        BuiltFormSubmission.objects.filter(pk=submission.pk).update(submitted_at=at)
        submission.refresh_from_db()
    return submission


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)
