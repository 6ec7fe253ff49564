"""The bureau's side of the built forms: 表单提交 scoped like cases, numbers masked until opened (recorded), the
.xlsx export, wagtail.contrib.forms' own screens closed to these pages, the page's editing form, retention."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from forms.built.models import BuiltFormPage, BuiltFormSubmission, BuiltFormUpload, SubmissionAccess
from forms.built.retention import delete_expired_submissions
from forms.cases.links import case_list_url, case_page_url
from portal.regions import County

from .built_forms_factories import MOBILE, VALID_ID, days_ago, make_form, make_submission
from .utils import SUITE_NOW, make_city_staff, make_county_staff, make_user

pytestmark = pytest.mark.django_db

MASKED_ID = VALID_ID[:4] + "*" * 10 + VALID_ID[-4:]
MASKED_MOBILE = MOBILE[:3] + "****" + MOBILE[-4:]
LIST_URL = "/admin/built_forms/builtformsubmission/"


@pytest.fixture
def jinjiang_submission(home):
    return make_submission(make_form(county="晋江市"))


def test_the_list_shows_the_countys_submissions_with_numbers_masked(client, jinjiang_submission):
    client.force_login(make_county_staff("晋江市"))
    assert case_list_url(BuiltFormSubmission) == LIST_URL
    html = client.get(LIST_URL).content.decode()
    assert jinjiang_submission.receipt_no in html and "王小明" in html
    assert MASKED_ID in html and MASKED_MOBILE in html
    assert VALID_ID not in html and MOBILE not in html


def test_another_countys_staff_see_no_submissions_and_a_direct_url_is_404(client, jinjiang_submission):
    upload_free = jinjiang_submission
    client.force_login(make_county_staff("南安市"))
    assert upload_free.receipt_no not in client.get(LIST_URL).content.decode()
    assert client.get(case_page_url(upload_free)).status_code == 404
    delete_url = f"{LIST_URL}delete/{upload_free.pk}/"
    assert client.get(delete_url).status_code == 404 and client.post(delete_url).status_code == 404
    assert BuiltFormSubmission.objects.filter(pk=upload_free.pk).exists()
    export = client.get(f"{LIST_URL}?export=xlsx")
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows[1:] == []


def test_the_other_citys_staff_see_nothing_and_the_own_citys_see_all_its_counties(client, jinjiang_submission):
    city_form = make_submission(make_form(title="泉州市培训报名", county=None, city=jinjiang_submission.page.city))
    client.force_login(make_city_staff("宁德市", "市级管理员"))
    html = client.get(LIST_URL).content.decode()
    assert jinjiang_submission.receipt_no not in html and city_form.receipt_no not in html
    client.force_login(make_city_staff("泉州市", "市级管理员"))
    html = client.get(LIST_URL).content.decode()
    assert jinjiang_submission.receipt_no in html and city_form.receipt_no in html
    client.force_login(make_county_staff("晋江市", username="jj-2"))
    assert city_form.receipt_no not in client.get(LIST_URL).content.decode()  # a city form is the city's
    assert client.get(case_page_url(city_form)).status_code == 404


def test_the_submission_page_masks_until_opened_and_records_the_opening(client, jinjiang_submission):
    handler = make_county_staff("晋江市")
    client.force_login(handler)
    url = case_page_url(jinjiang_submission)
    html = client.get(url).content.decode()
    assert MASKED_ID in html and VALID_ID not in html and "查看完整号码" in html
    opened = client.post(url, {"action": "reveal"}).content.decode()
    assert VALID_ID in opened and MOBILE in opened
    access = SubmissionAccess.objects.get()
    assert access.user == handler and access.action == "revealed"
    assert access.receipt_no == jinjiang_submission.receipt_no


def test_an_editor_without_the_reveal_permission_cannot_open_the_numbers(client, jinjiang_submission):
    client.force_login(make_county_staff("晋江市", "县级编辑"))
    url = case_page_url(jinjiang_submission)
    html = client.get(url).content.decode()
    assert MASKED_ID in html and 'id="reveal-numbers"' not in html
    response = client.post(url, {"action": "reveal"})
    assert response.status_code in (302, 403) and not SubmissionAccess.objects.exists()
    assert client.get(f"{LIST_URL}?export=xlsx&full=1").status_code in (302, 403)


def test_the_export_reads_back_masked_and_in_full_only_when_opened_and_recorded(client, jinjiang_submission):
    client.force_login(make_county_staff("晋江市"))
    response = client.get(f"{LIST_URL}?export=xlsx&form={jinjiang_submission.page_id}")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    header, row = rows[0], dict(zip(rows[0], rows[1], strict=True))
    assert header[:4] == ("受理编号", "表单", "所在县（市、区）", "提交时间")
    assert row["受理编号"] == jinjiang_submission.receipt_no and row["姓名"] == "王小明"
    assert row["居民身份证号码"] == MASKED_ID and row["手机号码"] == MASKED_MOBILE and row["求职意向"] == "普工、搬运"
    full = client.get(f"{LIST_URL}?export=xlsx&full=1")
    row = dict(zip(*list(load_workbook(io.BytesIO(full.content)).active.iter_rows(values_only=True))[:2], strict=True))
    assert row["居民身份证号码"] == VALID_ID
    assert list(SubmissionAccess.objects.order_by("pk").values_list("action", "count")) == [
        ("exported", 1),
        ("exported_full", 1),
    ]


def test_the_list_is_searched_by_receipt_and_filtered_by_form(client, jinjiang_submission):
    other = make_submission(make_form(title="晋江市第二场报名", county="晋江市"))
    client.force_login(make_county_staff("晋江市"))
    html = client.get(LIST_URL, {"q": jinjiang_submission.receipt_no}).content.decode()
    assert jinjiang_submission.receipt_no in html and other.receipt_no not in html
    html = client.get(LIST_URL, {"form": other.page_id}).content.decode()
    assert other.receipt_no in html and jinjiang_submission.receipt_no not in html


def test_a_submissions_file_is_served_only_within_scope(client, home):
    submission = make_submission(make_form(county="晋江市"), with_photo=True)
    upload = BuiltFormUpload.objects.get(submission=submission)
    url = reverse("built_forms_upload", args=[upload.pk])
    client.force_login(make_county_staff("南安市"))
    assert client.get(url).status_code == 404
    client.force_login(make_county_staff("晋江市"))
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Security-Policy"] == "sandbox"
    assert "no-store" in response["Cache-Control"]


def test_wagtail_forms_own_screens_never_list_built_forms(client, jinjiang_submission):
    client.force_login(make_city_staff("泉州市", "市级编辑"))  # may edit every page, so wagtail would list it
    html = client.get(reverse("wagtailforms:index")).content.decode()
    assert jinjiang_submission.page.title not in html
    response = client.get(reverse("wagtailforms:list_submissions", args=[jinjiang_submission.page_id]))
    assert response.status_code in (302, 403)


def test_a_city_editor_builds_a_form_in_the_admin_for_a_county_of_their_city(client, home):
    editor = make_city_staff("泉州市", "市级编辑")
    client.force_login(editor)
    services = home.get_children().get(slug="services")
    url = reverse("wagtailadmin_pages:add", args=["built_forms", "builtformpage", services.pk])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert ">晋江市</option>" in html and ">蕉城区</option>" not in html  # only the editor's city's counties


def test_retention_deletes_old_submissions_and_their_files_and_keeps_recent_ones(home, time_machine):
    page = make_form(county="晋江市", retention_days=30)
    old = make_submission(page, at=days_ago(31), with_photo=True)
    recent = make_submission(page, at=days_ago(5))
    stored = BuiltFormUpload.objects.get(submission=old).file
    storage, name = stored.storage, stored.name
    assert storage.exists(name)
    assert delete_expired_submissions() == 1
    assert list(BuiltFormSubmission.objects.filter(page=page)) == [recent]
    assert not BuiltFormUpload.objects.exists() and not storage.exists(name)


def test_retention_counts_from_the_closing_date_when_it_is_later(home):
    page = make_form(county="晋江市", retention_days=30, closes_at=SUITE_NOW + datetime.timedelta(days=1))
    make_submission(page)
    BuiltFormSubmission.objects.update(submitted_at=days_ago(40))
    assert delete_expired_submissions() == 0  # the form closes tomorrow: kept 30 days after that
    assert delete_expired_submissions(now=SUITE_NOW + datetime.timedelta(days=32)) == 1


def test_the_daily_command_deletes_them_too(home):
    make_submission(make_form(retention_days=30), at=days_ago(60))
    output = io.StringIO()
    call_command("erase_expired_personal_data", stdout=output)
    assert "自建表单提交：1 份" in output.getvalue()
    assert not BuiltFormSubmission.objects.exists()


def test_a_user_without_the_view_permission_has_no_list(client, jinjiang_submission):
    client.force_login(make_user("nobody", is_staff=True))
    assert client.get(LIST_URL).status_code in (302, 403)


def test_the_editor_previews_the_form_and_its_confirmation(home):
    page = make_form()
    form = page.make_preview_request(preview_mode="form")
    assert form.status_code == 200 and "居民身份证号码" in form.content.decode()
    landing = page.make_preview_request(preview_mode="landing")
    assert "提交成功" in landing.content.decode() and "-000000" in landing.content.decode()
    assert not BuiltFormSubmission.objects.exists()


def page_post(city, county="", fields=()):
    """What the admin's page editor posts for a new built form with ``fields`` (label, type)."""
    return nested_form_data(
        {
            "title": "晋江市零工专场招聘会（第二场）",
            "slug": "jinjiang-fair-2",
            "intro": rich_text("<p>欢迎报名。</p>"),
            "thanks": rich_text(""),
            "form_fields": inline_formset(
                [
                    {"label": label, "field_type": kind, "required": "on", "help_text": "", "choices": ""}
                    for label, kind in fields
                ]
            ),
            "city": city.pk,
            "county": county,
            "owner_emails": "owner@example.gov.cn",
            "closes_at": "",
            "capacity": "3",
            "retention_days": "90",
            "action-publish": "publish",
        }
    )


def test_an_editor_publishes_a_form_built_in_the_admin(client, home):
    client.force_login(make_city_staff("泉州市", "市级编辑"))
    services = home.get_children().get(slug="services")
    url = reverse("wagtailadmin_pages:add", args=["built_forms", "builtformpage", services.pk])
    jinjiang = County.objects.get(name="晋江市")
    fields = [("姓名", "singleline"), ("居民身份证号码", "id_number"), ("同意使用个人信息", "consent")]
    response = client.post(url, page_post(jinjiang.city, jinjiang.pk, fields))
    assert response.status_code == 302, response.context["form"].errors
    page = BuiltFormPage.objects.get(slug="jinjiang-fair-2")
    assert page.live and page.county == jinjiang and page.capacity == 3
    assert list(page.form_fields.values_list("field_type", flat=True)) == ["singleline", "id_number", "consent"]
    html = client.get(page.url).content.decode()
    assert "同意使用个人信息" in html and "剩余 3 名" in html


def test_a_county_editor_builds_a_form_and_a_city_editor_approves_it(client, home):
    editor = make_county_staff("晋江市", "县级编辑")
    client.force_login(editor)
    services = home.get_children().get(slug="services")
    url = reverse("wagtailadmin_pages:add", args=["built_forms", "builtformpage", services.pk])
    assert ">晋江市</option>" in client.get(url).content.decode()
    jinjiang = County.objects.get(name="晋江市")
    post = page_post(jinjiang.city, jinjiang.pk, [("姓名", "singleline"), ("同意使用个人信息", "consent")])
    del post["action-publish"]
    response = client.post(url, {**post, "action-submit": "submit"})
    assert response.status_code == 302, response.context["form"].errors
    page = BuiltFormPage.objects.get(slug="jinjiang-fair-2")
    assert not page.live and page.owner == editor
    assert page.permissions_for_user(editor).can_edit()
    assert not page.permissions_for_user(editor).can_publish()

    city_editor = make_city_staff("泉州市", "市级编辑")
    page.current_workflow_state.current_task_state.task.specific.on_action(
        page.current_workflow_state.current_task_state, city_editor, "approve"
    )
    page.refresh_from_db()
    assert page.live


def test_a_county_editor_cannot_edit_the_citys_forms_beside_their_own(home):
    editor = make_county_staff("晋江市", "县级编辑")
    city_form = make_form(county="晋江市")  # made by no one in their county (the seed, a city editor)
    services = city_form.get_parent()
    assert services.permissions_for_user(editor).can_add_subpage()
    assert not services.permissions_for_user(editor).can_publish_subpage()
    assert not city_form.permissions_for_user(editor).can_edit()
    assert not city_form.permissions_for_user(editor).can_unpublish()
    seeded = services.get_children().exclude(pk=city_form.pk)
    assert seeded.exists()
    assert not any(page.permissions_for_user(editor).can_edit() for page in seeded)


def test_a_form_asking_for_identity_numbers_needs_the_consent_and_a_county_of_its_city(client, home):
    client.force_login(make_city_staff("泉州市", "市级编辑"))
    services = home.get_children().get(slug="services")
    url = reverse("wagtailadmin_pages:add", args=["built_forms", "builtformpage", services.pk])
    quanzhou = County.objects.get(name="晋江市").city
    response = client.post(url, page_post(quanzhou, "", [("姓名", "singleline"), ("身份证", "id_number")]))
    assert response.status_code == 200
    assert "须包含“个人信息使用同意”字段" in response.content.decode()
    assert not BuiltFormPage.objects.filter(slug="jinjiang-fair-2").exists()
