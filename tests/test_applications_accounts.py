"""Operators' accounts: registration, lockout, no admin access, encrypted and masked phones, form checks."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection
from docx import Document

from forms.applications.models import FormDownloadPage, OperatorProfile
from forms.cases import validators
from forms.cases.masking import mask_bank_account, mask_identity_number, mask_phone
from portal.regions import County

from .operators_factories import (
    JINJIANG_1965_RESIDENT_ID,
    VALID_RESIDENT_ID,
    VALID_USCC,
    VALID_USCC_2,
    make_operator,
    with_check_character,
)
from .utils import make_user

PASSWORD = "Gig-market 2026!"
REGISTER = "/operators/register/"
LOGIN = "/operators/login/"


def registration_data(**overrides):
    data = {
        "organisation_name": "泉州市鲤城区启航人力资源有限公司",
        "uscc": VALID_USCC_2,
        "legal_representative": "王志强",
        "registered_address": "泉州市鲤城区中山中路100号",
        "phone": "13905951234",
        "county": County.objects.get(name="鲤城区").pk,
        "username": "qihang",
        "email": "qihang@example.com",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "captcha_0": "test",
        "captcha_1": "PASSED",
    }
    data.update(overrides)
    return data


def field_block(html, name):
    """The .field block of one form field, so that an error can be asserted to sit next to its field."""
    match = re.search(rf'<div class="field[^"]*"[^>]*>\s*<label for="id_{name}">.*?</div>', html, re.S)
    assert match, name
    return match.group(0)


@pytest.mark.django_db
def test_registration_creates_an_operator_in_the_operator_group_without_admin_access(client, home):
    response = client.post(REGISTER, registration_data())
    assert response.status_code == 302 and response["Location"] == "/operators/"
    user = get_user_model().objects.get(username="qihang")
    assert list(user.groups.values_list("name", flat=True)) == ["运营单位"]
    assert not user.is_staff and not user.has_perm("wagtailadmin.access_admin")
    profile = user.operator_profile
    assert (profile.uscc, profile.county.name, profile.phone) == (VALID_USCC_2, "鲤城区", "13905951234")
    page = client.get("/operators/").content.decode()
    assert "泉州市鲤城区启航人力资源有限公司" in page and "13905951234" in page


@pytest.mark.django_db
def test_a_wrong_uscc_check_character_is_explained_next_to_the_field_and_nothing_is_lost(client, home):
    wrong_check = VALID_USCC_2[:-1] + ("A" if VALID_USCC_2[-1] != "A" else "B")
    response = client.post(REGISTER, registration_data(uscc=wrong_check))
    html = response.content.decode()
    assert response.status_code == 200
    assert "校验码不正确" in field_block(html, "uscc")
    assert "校验码不正确" not in field_block(html, "organisation_name")
    for kept in (
        "泉州市鲤城区启航人力资源有限公司",
        "王志强",
        "泉州市鲤城区中山中路100号",
        "13905951234",
        wrong_check,
        "qihang",
    ):
        assert f'value="{kept}"' in html, kept
    assert re.search(rf'<option value="{registration_data()["county"]}" selected>', html)
    assert not get_user_model().objects.filter(username="qihang").exists()
    assert "autofocus" not in html  # the page moves to its error summary, not to the seventh field


def test_the_registration_page_opens_at_its_start(client, home):
    assert "autofocus" not in client.get(REGISTER).content.decode()  # Django's own form focuses the user name


@pytest.mark.django_db
def test_a_malformed_uscc_gets_a_format_message_not_a_check_character_message(client, home):
    html = client.post(REGISTER, registration_data(uscc="91350503MA2YQK6LIT")).content.decode()
    assert "格式不正确" in field_block(html, "uscc") and "校验码" not in field_block(html, "uscc")
    html = client.post(REGISTER, registration_data(uscc="9135050")).content.decode()
    assert "应为18位" in field_block(html, "uscc")


@pytest.mark.django_db
def test_bad_phone_weak_password_wrong_captcha_and_a_taken_uscc_are_each_explained(client, home):
    make_operator(uscc=VALID_USCC)
    data = registration_data(uscc=VALID_USCC, phone="1234567", password1="12345678", password2="12345678")
    data["captcha_1"] = "wrong"
    html = client.post(REGISTER, data).content.decode()
    assert "该统一社会信用代码已注册" in field_block(html, "uscc")
    assert "联系电话格式不正确" in field_block(html, "phone")
    assert "这个密码太常见了" in field_block(html, "password2")  # Django's validators, in Chinese
    assert 'class="errorlist"' in field_block(html, "captcha_1")
    assert OperatorProfile.objects.count() == 1


def post_login(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


@pytest.mark.django_db
def test_five_failed_logins_lock_the_account_out_and_four_do_not(client, home):
    make_operator("locked-op")
    make_operator("other-op", uscc=VALID_USCC_2)
    for _attempt in range(4):
        response = post_login(client, "locked-op", "wrong password")
        assert response.status_code == 200 and "请输入一个正确的" in response.content.decode()
    assert post_login(client, "locked-op", "correct horse battery staple").status_code == 302  # not before the limit
    client.post("/operators/logout/")
    for _attempt in range(5):
        response = post_login(client, "locked-op", "wrong password")
    assert response.status_code == 429
    locked = post_login(client, "locked-op", "correct horse battery staple")
    assert locked.status_code == 429 and "登录已暂时锁定" in locked.content.decode()
    assert "30分钟后再试" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # The lock is by username and address: another operator at the same address still logs in.
    assert post_login(client, "other-op", "correct horse battery staple").status_code == 302


@pytest.mark.django_db
def test_the_wagtail_admin_login_still_works_and_is_guarded_too(client, home):
    get_user_model().objects.create_superuser("boss", password="correct horse battery staple")
    response = client.post("/admin/login/", {"username": "boss", "password": "correct horse battery staple"})
    assert response.status_code == 302 and client.get("/admin/").status_code == 200
    client.logout()
    for _attempt in range(5):
        response = client.post("/admin/login/", {"username": "boss", "password": "nope"})
    assert response.status_code == 429


@pytest.mark.django_db
def test_force_login_is_not_blocked_by_axes(client, home):
    user, _profile = make_operator()
    client.force_login(user)
    assert client.get("/operators/").status_code == 200


@pytest.mark.django_db
def test_an_operator_cannot_open_the_admin(client, home):
    client.post(REGISTER, registration_data())
    assert client.get("/operators/").status_code == 200  # logged in after registering
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert client.get("/admin/snippets/applications/operatorprofile/").status_code == 302


@pytest.mark.django_db
def test_my_services_requires_login_and_shows_the_profile_an_empty_list_and_next_steps(client, home):
    assert client.get("/operators/")["Location"].startswith("/operators/login/")
    user, _profile = make_operator()
    client.force_login(user)
    html = client.get("/operators/").content.decode()
    assert "我的办理" in html and "暂无申请记录" in html and "下一步怎么办" in html
    assert "13812345678" in html  # the operator's own profile page shows the full number
    assert "营业执照或统一社会信用代码证书" in html and "推荐成功就业花名册" in html
    assert 'href="/services/quanzhou-forms/"' in html


@pytest.mark.django_db
def test_the_phone_is_stored_encrypted_and_masked_in_the_bureau_s_list(client, home):
    _user, profile = make_operator(phone="13812345678")
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone FROM applications_operatorprofile WHERE id = %s", [profile.pk])
        stored = cursor.fetchone()[0]
    assert "13812345678" not in stored and stored.startswith("gAAAA")
    assert profile.masked_phone == "138****5678"
    admin = make_user("city-admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    listing = client.get("/admin/snippets/applications/operatorprofile/").content.decode()
    assert "138****5678" in listing and "13812345678" not in listing
    edit = client.get(f"/admin/snippets/applications/operatorprofile/edit/{profile.pk}/").content.decode()
    assert "13812345678" not in edit


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (VALID_RESIDENT_ID[:-1] + "1", "校验码不正确"),
        ("35050219900101123", "应为18位"),
        ("3505021990010112AX", "前17位应为数字"),
        ("35050219900101123A", "最后一位为数字或X"),
        (with_check_character("35050219901301123"), "出生日期不存在"),
    ],
)
def test_identity_numbers_are_checked_with_gb_11643_and_explained(value, message):
    with pytest.raises(ValidationError) as error:
        validators.validate_resident_id(value)
    assert message in error.value.messages[0]


def test_someone_born_before_their_countys_code_existed_is_accepted():
    """晋江's code 350582 dates from 1992; a 晋江 resident born in 1965 still carries it."""
    assert with_check_character(JINJIANG_1965_RESIDENT_ID[:17]) == JINJIANG_1965_RESIDENT_ID
    assert validators.validate_resident_id(JINJIANG_1965_RESIDENT_ID) == JINJIANG_1965_RESIDENT_ID


def test_the_same_number_born_in_1995_is_accepted():
    number = with_check_character("35058219950505123")
    assert number == "350582199505051237"
    assert validators.validate_resident_id(number) == number


def test_a_region_code_outside_fujian_is_accepted():
    number = with_check_character("11010119800101123")  # 北京市东城区: people move
    assert validators.validate_resident_id(number) == number


def test_a_wrong_check_character_on_an_old_number_is_refused():
    with pytest.raises(ValidationError) as error:
        validators.validate_resident_id(JINJIANG_1965_RESIDENT_ID[:-1] + "4")
    assert error.value.messages == ["身份证号码最后一位校验码不正确（按GB 11643计算），请逐位核对。"]


def test_february_30th_is_not_a_birth_date():
    with pytest.raises(ValidationError) as error:
        validators.validate_resident_id(with_check_character("35058219650230123"))
    assert error.value.messages == ["身份证号码第7至14位的出生日期不存在（如2月30日），请逐位核对。"]


# Half past midnight in Shanghai is still the day before in UTC: "today" must be Shanghai's.
SHANGHAI_JUST_AFTER_MIDNIGHT = datetime.datetime(2026, 11, 23, 0, 30, tzinfo=ZoneInfo("Asia/Shanghai"))


@time_machine.travel(SHANGHAI_JUST_AFTER_MIDNIGHT, tick=False)
def test_a_birth_date_after_today_is_refused():
    tomorrow = SHANGHAI_JUST_AFTER_MIDNIGHT.date() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        validators.validate_resident_id(with_check_character(f"350582{tomorrow:%Y%m%d}123"))
    assert error.value.messages == ["身份证号码第7至14位的出生日期晚于今天，请逐位核对。"]


@time_machine.travel(SHANGHAI_JUST_AFTER_MIDNIGHT, tick=False)
def test_a_birth_date_of_today_in_shanghai_is_accepted():
    today = SHANGHAI_JUST_AFTER_MIDNIGHT.date()
    number = with_check_character(f"350582{today:%Y%m%d}123")
    assert validators.validate_resident_id(number) == number


def test_valid_numbers_pass_and_are_normalised():
    assert validators.validate_resident_id(VALID_RESIDENT_ID.lower()) == VALID_RESIDENT_ID
    assert validators.validate_uscc(VALID_USCC) == VALID_USCC
    assert validators.validate_bank_account("6222 0214 0800 1234 567") == "6222021408001234567"
    assert validators.validate_phone("0595-22345678") == "0595-22345678"
    assert validators.validate_phone("13812345678") == "13812345678"


@pytest.mark.parametrize("value", ["12345", "1408-0110-09A0-0123", "1" * 31])
def test_bank_accounts_must_be_10_to_30_digits(value):
    with pytest.raises(ValidationError, match="10至30位数字"):
        validators.validate_bank_account(value)


@pytest.mark.parametrize("value", ["1381234567", "23812345678", "595-2234567", "phone"])
def test_phones_must_be_mobile_or_landline_with_area_code(value):
    with pytest.raises(ValidationError, match="联系电话格式不正确"):
        validators.validate_phone(value)


def test_masks_keep_only_the_ends():
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("0595-22345678") == "0595-****5678"
    assert mask_identity_number("350502199001011234") == "3505**********1234"
    assert mask_bank_account("1408011009000123456") == "1408***********3456"


@pytest.mark.django_db
def test_each_city_has_a_download_page_under_services_serving_its_blank_forms(client, home):
    pages = {page.city.slug: page for page in FormDownloadPage.objects.live()}
    assert set(pages) == {"quanzhou", "ningde"}
    assert pages["quanzhou"].url == "/services/quanzhou-forms/"
    html = client.get("/services/ningde-forms/").content.decode()
    assert "宁德市零工市场(驿站)认定申请表" in html and "解读" in html
    response = client.get("/services/quanzhou-forms/recognition/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert "attachment" in response["Content-Disposition"]
    document = Document(ContentFile(b"".join(response.streaming_content)))
    assert any(p.text == "泉州市零工市场（驿站）认定申请表" for p in document.paragraphs)
    assert client.get("/services/quanzhou-forms/roster/").status_code == 404


@pytest.mark.django_db
def test_password_reset_sends_a_chinese_email_with_a_working_link(client, home):
    make_operator("reset-op")
    response = client.post("/operators/password/reset/", {"email": "reset-op@example.com"})
    assert response.status_code == 302
    [message] = mail.outbox
    assert "重设密码" in message.subject
    link = re.search(r"http://\S+/operators/password/reset/\S+/", message.body).group(0)
    confirm = client.get(link.split("testserver", 1)[1], follow=True)
    assert "设置新密码" in confirm.content.decode()


@pytest.mark.django_db
def test_an_operator_changes_the_password_in_chinese_pages(client, home):
    user, _profile = make_operator("change-op")
    client.force_login(user)
    page = client.get("/operators/password/change/").content.decode()
    assert "修改密码" in page and "旧密码" in page
    wrong = client.post(
        "/operators/password/change/",
        {"old_password": "not it", "new_password1": PASSWORD, "new_password2": PASSWORD},
    ).content.decode()
    assert "你的旧密码不正确" in field_block(wrong, "old_password")
    response = client.post(
        "/operators/password/change/",
        {"old_password": "correct horse battery staple", "new_password1": PASSWORD, "new_password2": PASSWORD},
    )
    assert response["Location"] == "/operators/password/change/done/"
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
