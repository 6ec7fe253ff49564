"""On a phone, an operator registers, logs in, sees 我的办理 and downloads the blank recognition form."""

import io

import pytest
from docx import Document

from portal.regions import County

from .operators_factories import VALID_USCC_2

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Gig-market 2026!"


def fill_registration(page, uscc):
    page.get_by_label("单位名称").fill("泉州市鲤城区启航人力资源有限公司")
    page.get_by_label("统一社会信用代码").fill(uscc)
    page.get_by_label("法人代表或负责人").fill("王志强")
    page.get_by_label("登记地址").fill("泉州市鲤城区中山中路100号")
    page.get_by_label("联系电话").fill("13905951234")
    page.get_by_label("所属县（市、区）").select_option(str(County.objects.get(name="鲤城区").pk))
    page.get_by_label("用户名").fill("qihang")
    page.get_by_label("电子邮箱").fill("qihang@example.com")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_label("验证码").fill("PASSED")


def test_operator_registers_logs_in_and_downloads_the_blank_recognition_form(
    live_server, home, phone_page, screenshot_dir
):
    page = phone_page
    page.goto(live_server.url + "/operators/register/")
    fill_registration(page, VALID_USCC_2[:-1] + "A")
    page.get_by_role("button", name="注册").click()
    uscc_error = page.locator(".field.has-error", has=page.locator("#id_uscc"))
    assert "校验码不正确" in uscc_error.inner_text()
    assert page.get_by_label("单位名称").input_value() == "泉州市鲤城区启航人力资源有限公司"
    page.screenshot(path=screenshot_dir / "operators-register-error-phone.png", full_page=True)

    page.get_by_label("统一社会信用代码").fill(VALID_USCC_2)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_label("验证码").fill("PASSED")
    page.get_by_role("button", name="注册").click()
    page.wait_for_url("**/operators/")
    page.get_by_role("button", name="退出登录").click()
    page.wait_for_url("**/operators/login/")

    page.get_by_label("用户名").fill("qihang")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/operators/")
    assert page.get_by_role("heading", level=1).inner_text() == "我的办理"
    assert "泉州市鲤城区启航人力资源有限公司" in page.locator(".profile").inner_text()
    assert "暂无申请记录" in page.content()
    page.screenshot(path=screenshot_dir / "operators-my-services-phone.png", full_page=True)

    page.get_by_role("link", name="下载空白申请表格").click()
    page.wait_for_url("**/services/quanzhou-forms/")
    page.screenshot(path=screenshot_dir / "operators-form-downloads-phone.png", full_page=True)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="下载《泉州市零工市场（驿站）认定申请表》").click()
    download = download_info.value
    assert download.suggested_filename == "泉州市零工市场（驿站）认定申请表.docx"
    document = Document(io.BytesIO(open(download.path(), "rb").read()))
    assert any(p.text == "泉州市零工市场（驿站）认定申请表" for p in document.paragraphs)
    assert document.tables[0].cell(0, 0).text == "申请单位名称"
