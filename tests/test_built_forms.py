"""Forms the bureau builds itself (forms/built/): the public page, its checks, places, closing and receipt."""

import datetime

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection

from forms.built.models import BuiltFormPage, BuiltFormSubmission, BuiltFormUpload
from search.registry import REGISTRY

from .built_forms_factories import BAD_ID, MOBILE, VALID_ID, answers, make_form, names
from .complaints_factories import executable_upload
from .utils import SUITE_NOW

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def test_an_editor_defined_form_renders_its_fields_with_labels_and_help(client, home):
    page = make_form()
    html = client.get(page.url).content.decode()
    for label, name in names(page).items():
        assert f'for="id_{name}"' in html or f'id="field-{name}"' in html
        assert label in html
    assert 'type="tel"' in html and 'type="date"' in html and 'type="file"' in html
    assert ">晋江市</option>" in html and ">蕉城区</option>" not in html  # the page's city's counties only
    assert "收集目的：组织招聘会报名和签到。" in html  # the consent's purpose
    mobile = names(page)["手机号码"]
    assert f'aria-describedby="id_{mobile}_helptext"' in html
    assert 'enctype="multipart/form-data"' in html and "验证码" in html
    assert "保存 180 天后自动删除" in html


def test_a_valid_signup_is_stored_with_a_receipt_and_the_owners_are_told(client, home):
    page = make_form()
    response = client.post(page.url, answers(page), follow=True)
    submission = BuiltFormSubmission.objects.get()
    html = response.content.decode()
    assert response.status_code == 200 and submission.receipt_no in html and "提交成功" in html
    assert submission.receipt_no.startswith(f"BM{SUITE_NOW:%Y%m%d}-")
    assert submission.county.name == "晋江市"
    rows = {label: value for label, value, _kind in submission.rows(masked=False)}
    assert rows["姓名"] == "王小明" and rows["居民身份证号码"] == VALID_ID and rows["求职意向"] == "普工、搬运"
    assert [message.to for message in mail.outbox] == [["owner@example.gov.cn"]]
    message = mail.outbox[0]
    assert submission.receipt_no in message.subject
    assert "王小明" not in message.body and VALID_ID not in message.body and MOBILE not in message.body


def test_a_bad_identity_number_is_named_next_to_its_field_and_nothing_else_is_lost(client, home):
    page = make_form()
    field = names(page)["居民身份证号码"]
    response = client.post(page.url, answers(page, 居民身份证号码=BAD_ID, 姓名="李四"))
    html = response.content.decode()
    assert response.status_code == 400
    assert BuiltFormSubmission.objects.count() == 0
    assert f'<ul class="errorlist" id="id_{field}_error"><li>身份证号码最后一位校验码不正确' in html
    assert f'href="#id_{field}"' in html  # the summary links to the field
    assert 'value="李四"' in html and f'value="{MOBILE}"' in html and 'value="2026-12-05"' in html
    assert f'value="{BAD_ID}"' in html  # what was typed, to correct it


def test_a_bad_mobile_and_a_missing_consent_are_told_in_chinese(client, home):
    page = make_form()
    data = answers(page, 手机号码="1381234567")
    del data[names(page)["我同意按上述目的使用我的个人信息"]]
    html = client.post(page.url, data).content.decode()
    assert "联系电话格式不正确" in html or "手机号码应为" in html
    assert "请阅读个人信息使用说明，勾选同意后再提交。" in html


def test_the_fourth_signup_on_a_three_place_form_is_told_places_are_full(client, home):
    page = make_form(capacity=3)
    for _n in range(3):
        assert client.post(page.url, answers(page)).status_code == 302
    assert "剩余 0 名" in client.get(page.url).content.decode()
    response = client.post(page.url, answers(page))
    assert response.status_code == 409 and "名额已满" in response.content.decode()
    assert BuiltFormSubmission.objects.filter(page=page).count() == 3
    assert "名额已满，表单已停止接受提交。" in mail.outbox[2].body


def test_the_last_place_is_counted_after_the_pages_row_is_locked(client, home):
    """Read the page FOR UPDATE (on SQLite the IMMEDIATE transaction holds the write lock), count, then insert: two
    people can never both take the last place."""
    page = make_form(capacity=1)
    captured = []
    with connection.execute_wrapper(lambda execute, sql, *args: captured.append(sql) or execute(sql, *args)):
        client.post(page.url, answers(page))
    insert = next(
        n for n, sql in enumerate(captured) if sql.startswith('INSERT INTO "built_forms_builtformsubmission"')
    )
    count = max(n for n, sql in enumerate(captured[:insert]) if sql.startswith("SELECT COUNT(*)"))
    lock = max(n for n, sql in enumerate(captured[:count]) if '"built_forms_builtformpage"."capacity"' in sql)
    assert lock < count < insert
    if connection.features.has_select_for_update:
        assert "FOR UPDATE" in captured[lock]


def test_after_the_closing_date_the_page_says_so_and_posts_are_refused(client, home, time_machine):
    page = make_form(closes_at=SUITE_NOW + datetime.timedelta(days=2))
    data = answers(page)
    time_machine.move_to(SUITE_NOW + datetime.timedelta(days=3))
    shown = client.get(page.url).content.decode()
    assert "报名已截止" in shown and 'name="token"' not in shown
    response = client.post(page.url, data)
    assert response.status_code == 403 and "报名已截止" in response.content.decode()
    assert BuiltFormSubmission.objects.count() == 0


def test_a_double_submission_with_one_token_stores_one(client, home):
    page = make_form()
    data = answers(page)
    first = client.post(page.url, data)
    second = client.post(page.url, data)
    assert first.status_code == second.status_code == 302
    assert BuiltFormSubmission.objects.count() == 1
    assert len(mail.outbox) == 1
    receipt = BuiltFormSubmission.objects.get().receipt_no
    assert receipt in client.get(second["Location"]).content.decode()


def test_the_honeypot_and_a_wrong_captcha_refuse_the_post_keeping_the_answers(client, home):
    page = make_form()
    assert client.post(page.url, answers(page, 姓名="赵六") | {"website": "http://spam"}).status_code == 400
    response = client.post(page.url, answers(page, 姓名="赵六") | {"captcha_1": "WRONG"})
    assert response.status_code == 400 and "验证码不正确" in response.content.decode()
    assert 'value="赵六"' in response.content.decode()
    assert BuiltFormSubmission.objects.count() == 0


def test_posts_past_the_rate_limit_are_refused(client, home, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "built_form": "2/h"}
    page = make_form()
    for _n in range(2):
        assert client.post(page.url, answers(page)).status_code == 302
    response = client.post(page.url, answers(page, 姓名="钱七"))
    assert response.status_code == 429 and 'value="钱七"' in response.content.decode()
    assert BuiltFormSubmission.objects.count() == 2


def test_identity_numbers_are_stored_encrypted(client, home):
    page = make_form()
    client.post(page.url, answers(page))
    with connection.cursor() as cursor:
        cursor.execute("SELECT answers_document FROM built_forms_builtformsubmission")
        (raw,) = cursor.fetchone()
    assert VALID_ID not in raw and MOBILE not in raw and "王小明" not in raw
    assert VALID_ID in BuiltFormSubmission.objects.get().answers_document


def test_an_uploaded_photo_is_checked_and_stored_privately(client, home, settings):
    page = make_form()
    client.post(page.url, answers(page, with_photo=True))
    upload = BuiltFormUpload.objects.get()
    assert upload.content_type == "image/png" and upload.original_name == "photo.png"
    assert upload.file.storage.location == settings.PRIVATE_MEDIA_ROOT
    assert not upload.file.name.endswith("photo.png")


def test_a_file_that_is_not_a_photo_or_pdf_is_refused_by_its_content(client, home):
    page = make_form()
    data = answers(page)
    data[names(page)["证书照片"]] = executable_upload()
    response = client.post(page.url, data)
    assert response.status_code == 400 and "只能上传照片" in response.content.decode()


def test_the_form_page_and_its_closed_state_never_come_from_the_page_cache(client, home, time_machine):
    page = make_form(capacity=1, closes_at=SUITE_NOW + datetime.timedelta(days=1))
    for _attempt in range(2):
        response = client.get(page.url)
        assert response.status_code == 200 and "X-Page-Cache" not in response
        assert "private" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]
    time_machine.move_to(SUITE_NOW + datetime.timedelta(days=2))
    for _attempt in range(2):
        response = client.get(page.url)  # no form, no CSRF token: still not shared
        assert "报名已截止" in response.content.decode() and "X-Page-Cache" not in response


def test_the_seed_publishes_a_job_fair_and_a_training_signup_under_services(home):
    pages = BuiltFormPage.objects.live().order_by("title")
    titles = [page.title for page in pages]
    assert "宁德市零工专场招聘会求职报名" in titles and "泉州市零工人员职业技能培训报名" in titles
    for page in pages:
        assert page.get_parent().specific.__class__.__name__ == "ServiceIndexPage"
        types = set(page.form_fields.values_list("field_type", flat=True))
        assert {"mobile", "id_number", "county", "consent"} <= types
    assert BuiltFormPage.parent_page_types == ["forms.ServiceIndexPage"] and BuiltFormPage.subpage_types == []


def test_a_seeded_form_renders_and_takes_a_signup(client, home):
    page = BuiltFormPage.objects.get(slug="ningde-gig-job-fair-signup")
    assert "零工专场招聘会" in client.get(page.url).content.decode()
    data = answers(page)
    data[names(page)["我已阅读并同意按上述目的使用我的个人信息"]] = "on"
    data[names(page)["求职意向"]] = ["普工"]
    assert client.post(page.url, data).status_code == 302


def test_the_page_type_is_searched_as_a_service():
    assert REGISTRY["built_forms.builtformpage"].kind == "service"
