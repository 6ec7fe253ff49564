"""In Chromium: a complaint with a photo from a phone, tracked, handled by the county in the admin, rated."""

import pytest
from django.core.cache import cache

from forms.complaints.models import Complaint

from .complaints_factories import png_bytes
from .utils import admin_login, make_county_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


def fill_complaint(
    page, tmp_path, *, photo_bytes=None, photo_name="wage.png", description="包工头拖欠三天工钱共900元。"
):
    page.select_option("#id_category", label="拖欠工资")
    page.select_option("#id_county", label="晋江市")
    page.fill("#id_happened_on", "2026-11-20")
    page.fill("#id_description", description)
    if photo_bytes is not None:
        photo = tmp_path / photo_name
        photo.write_bytes(photo_bytes)
        page.set_input_files("#id_attachment_1", str(photo))
    page.fill("#id_contact_name", "张三")
    page.fill("#id_contact_phone", "13812345678")
    page.fill("#id_captcha_1", "PASSED")


def track(page, live_server, receipt, code):
    page.goto(live_server.url + "/feedback/progress/")
    page.fill("#id_receipt_no", receipt)
    page.fill("#id_query_code", code)
    page.get_by_role("button", name="查询").click()


def test_complaint_submitted_tracked_handled_by_county_and_rated(
    live_server, home, browser, phone_page, screenshot_dir, tmp_path
):
    handler = make_county_staff("晋江市")
    outsider = make_county_staff("丰泽区")

    phone_page.goto(live_server.url + "/feedback/complaint/")
    phone_page.screenshot(path=screenshot_dir / "complaint-form-phone.png", full_page=True)
    fill_complaint(phone_page, tmp_path, photo_bytes=png_bytes((400, 300)))
    phone_page.get_by_role("button", name="提交").click()
    phone_page.wait_for_selector("#receipt-no")
    receipt = phone_page.inner_text("#receipt-no")
    code = phone_page.inner_text("#query-code")
    phone_page.screenshot(path=screenshot_dir / "complaint-receipt-phone.png", full_page=True)
    case = Complaint.objects.get(receipt_no=receipt)
    assert case.attachments.count() == 1

    track(phone_page, live_server, receipt, code)
    assert phone_page.inner_text("#case-status") == "待受理"
    assert "13812345678" not in phone_page.content()

    admin = admin_login(browser, live_server, handler)
    admin.goto(live_server.url + "/admin/forms/complaint/")
    admin.screenshot(path=screenshot_dir / "complaint-admin-list.png", full_page=True)
    assert "138****5678" in admin.content() and "13812345678" not in admin.content()
    admin.get_by_role("link", name=receipt).click()
    admin.wait_for_url(f"**/inspect/{case.pk}/")
    admin.wait_for_load_state("load")  # the photo is loaded: nothing shifts under the clicks below
    assert "13812345678" not in admin.inner_text("#contact-full")
    admin.locator("#reveal-contact").click()
    admin.wait_for_load_state()
    assert "张三 13812345678" in admin.inner_text("#contact-full")
    assert admin.locator(".attachments img").count() == 1
    for action in ("accept", "start"):
        admin.locator(f"#action-{action} summary").click()
        admin.locator(f"#action-{action} button[type=submit]").click()
        admin.wait_for_load_state()
    admin.locator("#action-reply summary").click()
    admin.select_option("#id_reply-template", label="已协调解决")
    assert "经我局协调" in admin.input_value("#id_reply-reply")
    admin.locator("#action-reply button[type=submit]").click()
    admin.wait_for_load_state()
    admin.locator("#action-close summary").click()
    admin.locator("#action-close button[type=submit]").click()
    admin.wait_for_load_state()
    assert admin.inner_text("#case-status") == "已办结"
    assert admin.locator("#case-history tbody tr").count() >= 6
    admin.screenshot(path=screenshot_dir / "complaint-admin-case.png", full_page=True)
    admin.context.close()

    track(phone_page, live_server, receipt, code)
    assert phone_page.inner_text("#case-status") == "已办结"
    assert "经我局协调" in phone_page.inner_text("#public-reply")
    phone_page.get_by_label("满意", exact=True).check()
    phone_page.get_by_role("button", name="提交评价").click()
    assert "您已评价：满意" in phone_page.inner_text("#rating-done")
    phone_page.screenshot(path=screenshot_dir / "complaint-rated-phone.png", full_page=True)
    assert Complaint.objects.get(pk=case.pk).rating == "satisfied"

    other = admin_login(browser, live_server, outsider)
    other.goto(live_server.url + "/admin/forms/complaint/")
    assert receipt not in other.content()
    response = other.goto(live_server.url + f"/admin/forms/complaint/inspect/{case.pk}/")
    assert response.status == 404
    other.context.close()


def test_bad_input_gets_messages_next_to_fields_and_keeps_what_was_typed(
    live_server, home, phone_page, screenshot_dir, tmp_path
):
    phone_page.goto(live_server.url + "/feedback/complaint/")
    fill_complaint(phone_page, tmp_path, photo_bytes=b"MZ\x90\x00" + b"\x00" * 500, photo_name="photo.jpg")
    phone_page.fill("#id_contact_phone", "")
    phone_page.select_option("#id_category", value="")
    phone_page.get_by_role("button", name="提交").click()
    phone_page.wait_for_selector("#form-errors")
    phone_page.screenshot(path=screenshot_dir / "complaint-errors-phone.png", full_page=True)
    assert "请选择投诉类别。" in phone_page.inner_text("#field-category")
    assert "只能上传照片" in phone_page.inner_text("#field-attachment_1")
    assert "请填写联系电话" in phone_page.inner_text("#field-contact_phone")
    assert phone_page.input_value("#id_description") == "包工头拖欠三天工钱共900元。"
    assert phone_page.input_value("#id_contact_name") == "张三"
    assert phone_page.input_value("#id_happened_on") == "2026-11-20"
    assert phone_page.locator(".held-file").count() == 0  # a refused file is not kept
    assert not Complaint.objects.exists()


def test_the_market_list_narrows_to_the_chosen_county(live_server, home, phone_page):
    phone_page.goto(live_server.url + "/feedback/complaint/")
    everywhere = phone_page.locator("#id_market option").count()
    phone_page.select_option("#id_county", label="晋江市")
    markets = phone_page.locator("#id_market option").all_inner_texts()
    assert markets[0] == "不涉及 / 不清楚" and len(markets) > 1
    assert all(text.startswith("晋江市 · ") for text in markets[1:]) and len(markets) < everywhere
    phone_page.select_option("#id_market", index=1)
    phone_page.select_option("#id_county", label="鲤城区")  # another county: the chosen market no longer fits
    assert phone_page.input_value("#id_market") == ""
    assert all(text.startswith("鲤城区 · ") for text in phone_page.locator("#id_market option").all_inner_texts()[1:])


def test_a_wrong_captcha_keeps_every_field_and_the_photo(live_server, home, phone_page, screenshot_dir, tmp_path):
    phone_page.goto(live_server.url + "/feedback/complaint/")
    fill_complaint(phone_page, tmp_path, photo_bytes=png_bytes())
    phone_page.fill("#id_captcha_1", "WRONG")
    phone_page.get_by_role("button", name="提交").click()
    phone_page.wait_for_selector("#form-errors")
    phone_page.screenshot(path=screenshot_dir / "complaint-wrong-captcha-phone.png", full_page=True)
    assert "验证码不正确，请重新输入。" in phone_page.inner_text("#field-captcha")
    assert "已保留您上次选择的文件：wage.png" in phone_page.inner_text("#field-attachment_1")
    assert phone_page.input_value("#id_description") == "包工头拖欠三天工钱共900元。"
    assert phone_page.input_value("#id_contact_phone") == "13812345678"
    assert phone_page.locator("#id_county option:checked").inner_text() == "晋江市"
    phone_page.fill("#id_captcha_1", "PASSED")
    phone_page.get_by_role("button", name="提交").click()
    phone_page.wait_for_selector("#receipt-no")
    case = Complaint.objects.get()
    assert [attachment.original_name for attachment in case.attachments.all()] == ["wage.png"]
