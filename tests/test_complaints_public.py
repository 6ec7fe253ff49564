"""The public side: submitting a complaint or feedback, abuse protection, uploads, progress, rating, survey."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from forms.complaints.models import Complaint, ComplaintAttachment, SurveyResponse
from policies.models import PolicyClause

from .complaints_factories import (
    COMPLAINT_URL,
    FEEDBACK_URL,
    PROGRESS_URL,
    SURVEY_URL,
    complaint_post,
    executable_upload,
    make_complaint,
    pdf_bytes,
    photo_upload,
)
from .markets_factories import make_market
from .policies_factories import NINGDE_PLAN, QUANZHOU_PLAN
from .utils import make_county_staff

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def test_complaint_form_shows_categories_counties_and_time_limits(client, home):
    html = client.get(COMPLAINT_URL).content.decode()
    for category in ("黑中介", "虚假招聘信息", "就业歧视", "拖欠工资", "收费服务", "服务态度", "其他"):
        assert f">{category}</option>" in html
    assert ">晋江市</option>" in html and "验证码" in html
    assert "1 个工作日内受理，15 个工作日内办结" in html
    assert "参照12345热线规范取值" in html  # the time limits are marked as an interpretation


def cited_after(html, claim):
    """The first citation in brackets after ``claim`` on the page."""
    return re.search(re.escape(claim) + r"[^（<]*（([^）]+)）", html).group(1)


def test_the_complaint_page_credits_each_duty_to_the_clause_that_states_it(client, home):
    """宁德附件1第20条: “全面落实首问责任、限时办结、一次性告知等制度”; no clause of Quanzhou's names them.
    泉州附件1第23条: “公开投诉受理方式和渠道，及时处理投诉”."""
    html = client.get(COMPLAINT_URL).content.decode()
    assert cited_after(html, "首问") == "宁德市实施方案附件1第20条"
    assert "首问责任、限时办结、一次性告知" in html  # the seed's words
    assert "首问责任、限时办结、一次性告知" in PolicyClause.objects.get(page__slug=NINGDE_PLAN, number=20).text
    assert not PolicyClause.objects.filter(page__slug=QUANZHOU_PLAN, text__contains="首问").exists()
    assert cited_after(html, "及时处理投诉") == "泉州市实施方案附件1第23条"
    assert "及时处理投诉" in PolicyClause.objects.get(page__slug=QUANZHOU_PLAN, number=23).text


def test_complaint_with_photo_is_stored_and_gives_receipt_and_code(client, home, django_capture_on_commit_callbacks):
    staff = make_county_staff("晋江市")
    staff.email = "jj@example.gov.cn"
    staff.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(COMPLAINT_URL, complaint_post(attachment_1=photo_upload()), follow=True)
    html = response.content.decode()
    case = Complaint.objects.get()
    assert case.receipt_no in html and "查询码" in html
    assert f'href="/feedback/progress/?receipt_no={case.receipt_no}"' in html
    assert case.handling_county.name == "晋江市" and case.status == Complaint.Status.NEW
    attachment = ComplaintAttachment.objects.get(case=case)
    assert attachment.content_type == "image/png" and attachment.original_name == "photo.png"
    assert not attachment.file.name.endswith("photo.png")  # stored under a random name
    assert [m.to for m in mail.outbox] == [["jj@example.gov.cn"]]
    assert case.receipt_no in mail.outbox[0].subject
    assert "张三" not in mail.outbox[0].body and "13812345678" not in mail.outbox[0].body


def test_contact_details_are_encrypted_at_rest(client, home):
    from django.db import connection

    client.post(COMPLAINT_URL, complaint_post())
    with connection.cursor() as cursor:
        cursor.execute("SELECT contact_name, contact_phone, contact_email FROM forms_complaint")
        raw = cursor.fetchone()
    assert all(value and value.startswith("gAAAA") for value in raw)
    assert "13812345678" not in "".join(raw)
    assert Complaint.objects.get().contact_phone == "13812345678"


def test_missing_fields_get_chinese_messages_next_to_them_and_keep_what_was_typed(client, home):
    data = complaint_post(category="", description="", contact_phone="")
    response = client.post(COMPLAINT_URL, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "请选择投诉类别。" in html and "请写明事情经过。" in html
    assert "请填写联系电话，或勾选“匿名提交”。" in html
    assert 'value="张三"' in html and 'value="zhangsan@example.com"' in html
    assert not Complaint.objects.exists()


def test_wrong_captcha_is_refused_with_a_message(client, home, monkeypatch):
    from captcha.models import CaptchaStore

    monkeypatch.setattr("captcha.conf.settings.CAPTCHA_TEST_MODE", False)
    key = CaptchaStore.generate_key()
    answer = CaptchaStore.objects.get(hashkey=key).response
    response = client.post(COMPLAINT_URL, complaint_post(captcha_0=key, captcha_1=answer + "X"))
    html = response.content.decode()
    assert response.status_code == 400 and "验证码不正确，请重新输入。" in html
    assert "包工头拖欠三天工钱" in html
    assert not Complaint.objects.exists()


def test_renamed_executable_is_refused_as_a_photo(client, home):
    response = client.post(COMPLAINT_URL, complaint_post(attachment_1=executable_upload()))
    html = response.content.decode()
    assert "只能上传照片（JPG、PNG）或 PDF 文件" in html
    assert not Complaint.objects.exists()


def test_oversized_file_is_refused_with_its_size(client, home):
    big = SimpleUploadedFile("big.png", b"\x89PNG" + b"0" * (6 * 1024 * 1024), content_type="image/png")
    html = client.post(COMPLAINT_URL, complaint_post(attachment_1=big)).content.decode()
    assert "文件太大（6.0 MB），每个文件不能超过 5 MB。" in html
    assert not Complaint.objects.exists()


def test_pdf_is_accepted_and_a_fake_pdf_is_not(client, home):
    fake = SimpleUploadedFile("a.pdf", b"%PDF-1.4 not really", content_type="application/pdf")
    assert "只能上传照片" in client.post(COMPLAINT_URL, complaint_post(attachment_1=fake)).content.decode()
    real = SimpleUploadedFile("b.pdf", pdf_bytes(), content_type="application/pdf")
    client.post(COMPLAINT_URL, complaint_post(attachment_1=real))
    assert ComplaintAttachment.objects.get().content_type == "application/pdf"


def test_honeypot_filled_by_a_bot_stores_nothing(client, home):
    response = client.post(COMPLAINT_URL, complaint_post(website="http://spam.example"))
    assert response.status_code == 400
    assert not Complaint.objects.exists()


def test_resent_form_is_stored_once(client, home):
    data = complaint_post()
    first = client.post(COMPLAINT_URL, data)
    second = client.post(COMPLAINT_URL, data)
    assert first.status_code == second.status_code == 302
    assert Complaint.objects.count() == 1


@override_settings(RATE_LIMITS={"submit": "2/h"})
def test_too_many_submissions_from_one_address_are_refused_and_kept(client, home):
    for _ in range(2):
        assert client.post(COMPLAINT_URL, complaint_post()).status_code == 302
    response = client.post(COMPLAINT_URL, complaint_post(description="第三次"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "提交过于频繁" in html and "第三次" in html
    assert Complaint.objects.count() == 2


def test_anonymous_complaint_needs_no_contact_and_stores_none(client, home):
    client.post(COMPLAINT_URL, complaint_post(anonymous="on", contact_name="", contact_phone="13812345678"))
    case = Complaint.objects.get()
    assert case.anonymous and not case.contact_phone and not case.contact_name


def test_market_must_be_in_the_chosen_county(client, home):
    market = make_market("丰泽区", facility_type="station")
    html = client.post(COMPLAINT_URL, complaint_post(market=market.pk)).content.decode()
    assert "所选零工市场（驿站）不在所选县（市、区）" in html
    client.post(COMPLAINT_URL, complaint_post("丰泽区", market=market.pk))
    assert Complaint.objects.get().market == market


def test_feedback_needs_no_category_and_gets_its_own_prefix(client, home):
    data = complaint_post(description="希望延长开放时间", happened_on="")
    del data["category"]
    client.post(FEEDBACK_URL, data)
    case = Complaint.objects.get()
    assert case.kind == Complaint.Kind.FEEDBACK and case.receipt_no.startswith("JY") and case.category is None


def test_progress_shows_status_and_public_reply_and_nothing_personal(client, home):
    case, code = make_complaint(status=Complaint.Status.REPLIED, public_reply="已责令用工方支付工资。")
    html = client.post(PROGRESS_URL, {"receipt_no": case.receipt_no, "query_code": code}).content.decode()
    assert "已答复" in html and "已责令用工方支付工资。" in html
    assert "李四" not in html and "13900001111" not in html and "拖欠工资" in html  # category, not description
    assert "lisi@example.com" not in html


def test_wrong_code_and_unknown_receipt_get_the_same_message_and_are_limited(client, home):
    case, code = make_complaint()
    wrong = client.post(PROGRESS_URL, {"receipt_no": case.receipt_no, "query_code": "00000000"})
    unknown = client.post(PROGRESS_URL, {"receipt_no": "TS20260101-000000", "query_code": code})
    message = "没有找到与这组受理编号和查询码对应的记录"
    assert wrong.status_code == unknown.status_code == 404
    assert message in wrong.content.decode() and message in unknown.content.decode()
    for _ in range(10):
        client.post(PROGRESS_URL, {"receipt_no": case.receipt_no, "query_code": "11111111"})
    blocked = client.post(PROGRESS_URL, {"receipt_no": case.receipt_no, "query_code": code})
    assert blocked.status_code == 429 and "查询失败次数过多" in blocked.content.decode()


def test_closed_case_can_be_rated_once(client, home):
    case, code = make_complaint(status=Complaint.Status.CLOSED, public_reply="已解决")
    html = client.post(PROGRESS_URL, {"receipt_no": case.receipt_no, "query_code": code}).content.decode()
    assert "基本满意" in html
    rate = {"action": "rate", "receipt_no": case.receipt_no, "query_code": code, "rating": "basically"}
    html = client.post(PROGRESS_URL, rate).content.decode()
    assert "您已评价：基本满意" in html
    client.post(PROGRESS_URL, {**rate, "rating": "dissatisfied"})
    case.refresh_from_db()
    assert case.rating == "basically"
    assert case.events.filter(action="rated").count() == 1


def test_open_case_offers_no_rating(client, home):
    case, code = make_complaint(status=Complaint.Status.IN_PROGRESS)
    client.post(
        PROGRESS_URL, {"action": "rate", "receipt_no": case.receipt_no, "query_code": code, "rating": "satisfied"}
    )
    case.refresh_from_db()
    assert case.rating == ""


def test_survey_records_three_scores_per_market(client, home):
    market = make_market()
    html = client.get(SURVEY_URL).content.decode()
    assert "服务环境" in html and "服务过程" in html and "服务结果" in html
    data = {
        "market": market.pk,
        "respondent": "worker",
        "environment": "5",
        "process": "4",
        "result": "3",
        "comment": "饮水方便",
        "captcha_0": "x",
        "captcha_1": "PASSED",
    }
    missing = client.post(SURVEY_URL, {**data, "process": ""})
    assert missing.status_code == 400 and "请为“服务过程”打分。" in missing.content.decode()
    assert "感谢您参加满意度调查" in client.post(SURVEY_URL, data).content.decode()
    response = SurveyResponse.objects.get()
    assert (response.market, response.environment, response.process, response.result) == (market, 5, 4, 3)
