"""End to end in Chromium: an operator applies for recognition on a phone, the county returns it, the operator
corrects and resubmits, the county approves, and the market appears in the directory once the bureau publishes it.
Another operator and another county's reviewer cannot see the application."""

import pytest

from forms.applications.models import Application
from markets.models import MarketPage

from .operators_factories import (
    VALID_RESIDENT_ID,
    VALID_USCC,
    VALID_USCC_2,
    make_application,
    make_operator,
    pdf_bytes,
)
from .test_browser_complaints import admin_login
from .test_browser_operators import fill_registration
from .utils import make_county_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MARKET_NAME = "鲤城区启航零工市场"


def fill_recognition_form(page):
    page.get_by_label("申请认定的零工市场（驿站）名称").fill(MARKET_NAME)
    page.get_by_role("radio", name="零工市场").check()
    page.get_by_label("地址", exact=True).fill("泉州市鲤城区开元街道中山南路88号")
    page.get_by_label("负责人姓名").fill("林美华")
    page.get_by_label("身份证号码").fill(VALID_RESIDENT_ID)
    page.get_by_label("零工市场（驿站）建筑面积（平方米）").fill("150")
    page.get_by_label("累计投资总额（万元）").fill("35.5")
    page.get_by_label("提供岗位数").fill("320")
    page.get_by_label("推荐就业人数").fill("140")
    page.get_by_role("radio", name="是", exact=True).check()


def upload_every_material(page, tmp_path):
    pdf = tmp_path / "材料.pdf"
    pdf.write_bytes(pdf_bytes())
    inputs = page.locator("#materials input[type=file]")
    for index in range(inputs.count()):
        inputs.nth(index).set_input_files(str(pdf))


def open_case(admin, live_server, application):
    return admin.goto(live_server.url + f"/admin/applications/application/inspect/{application.pk}/")


def test_operator_applies_is_returned_resubmits_and_is_approved(
    live_server, home, browser, phone_page, screenshot_dir, tmp_path
):
    page = phone_page
    page.goto(live_server.url + "/operators/register/")
    fill_registration(page, VALID_USCC_2)
    page.get_by_role("button", name="注册").click()
    page.wait_for_url("**/operators/")

    page.get_by_role("link", name="在线填写泉州市零工市场（驿站）认定申请表").click()
    fill_recognition_form(page)
    page.get_by_role("button", name="保存草稿").click()
    area_error = page.locator(".field.has-error", has=page.locator("#id_floor_area"))
    assert "低于零工市场最低要求200平方米" in area_error.inner_text()
    assert page.get_by_label("负责人姓名").input_value() == "林美华"
    page.screenshot(path=screenshot_dir / "applications-area-error-phone.png", full_page=True)

    page.get_by_label("零工市场（驿站）建筑面积（平方米）").fill("260")
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_url("**/edit/")
    assert "已保存草稿" in page.locator(".messages").inner_text()
    receipt_no = page.locator("#receipt-no").inner_text()

    upload_every_material(page, tmp_path)
    page.get_by_label("本单位已阅读并作出上述承诺").check()
    page.screenshot(path=screenshot_dir / "applications-form-phone.png", full_page=True)
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_url(f"**/operators/applications/{receipt_no}/")
    assert page.locator("#application-status").inner_text() == "待审核"
    assert "3505**********123X" in page.content() and VALID_RESIDENT_ID not in page.content()
    application = Application.objects.get(receipt_no=receipt_no)
    assert application.documents.count() == 5

    reviewer = make_county_staff("鲤城区")
    admin = admin_login(browser, live_server, reviewer)
    admin.goto(live_server.url + "/admin/applications/application/?form_kind__exact=recognition")
    admin.get_by_role("link", name=receipt_no).click()
    assert VALID_RESIDENT_ID not in admin.content()
    admin.get_by_text("退回修改", exact=True).click()
    admin.get_by_label("需要修改的内容").fill("请补充提供岗位的明细，并核对推荐就业人数。")
    admin.get_by_role("button", name="确认退回修改").click()
    assert admin.locator("#case-status").inner_text() == "退回修改"

    page.goto(live_server.url + "/operators/")
    assert "退回修改" in page.locator("table.applications").inner_text()
    page.get_by_role("link", name="按意见修改").click()
    assert "请补充提供岗位的明细" in page.locator("#bureau-comment").inner_text()
    page.get_by_label("推荐就业人数").fill("150")
    page.get_by_label("本单位已阅读并作出上述承诺").check()
    page.get_by_role("button", name="重新提交").click()
    page.wait_for_url(f"**/operators/applications/{receipt_no}/")
    assert page.locator("#application-status").inner_text() == "待审核"

    open_case(admin, live_server, application)
    assert "150" in admin.locator("#application-form").inner_text()
    admin.get_by_role("button", name="查看完整号码").click()
    assert VALID_RESIDENT_ID in admin.locator("#application-form").inner_text()
    admin.get_by_text("审核通过", exact=True).click()
    admin.get_by_role("button", name="确认审核通过").click()
    assert admin.locator("#case-status").inner_text() == "已通过"
    admin.screenshot(path=screenshot_dir / "applications-admin-approved.png", full_page=True)
    assert "查看完整号码" in admin.locator("#case-history").inner_text()

    page.goto(live_server.url + f"/operators/applications/{receipt_no}/")
    assert page.locator("#application-status").inner_text() == "已通过"
    page.screenshot(path=screenshot_dir / "applications-approved-phone.png", full_page=True)

    market = MarketPage.objects.get(title=MARKET_NAME)
    directory_url = live_server.url + market.get_parent().url
    page.goto(directory_url)
    assert MARKET_NAME not in page.content()  # a draft until the bureau publishes it
    market.get_latest_revision().publish()
    page.goto(directory_url)
    assert page.get_by_role("link", name=MARKET_NAME).is_visible()


def test_another_operator_and_another_county_cannot_see_the_application(live_server, home, browser):
    _owner, profile = make_operator("owner", county_name="鲤城区", uscc=VALID_USCC)
    application = make_application(profile, status="submitted", with_materials=True, market_name=MARKET_NAME)
    make_operator("other", county_name="鲤城区", uscc=VALID_USCC_2, organisation_name="另一家单位")
    context = browser.new_context(locale="zh-CN")
    other = context.new_page()
    other.goto(live_server.url + "/operators/login/")
    other.get_by_label("用户名").fill("other")
    other.get_by_label("密码").fill("correct horse battery staple")
    other.get_by_role("button", name="登录").click()
    other.wait_for_url("**/operators/")
    assert application.receipt_no not in other.content()
    response = other.goto(live_server.url + f"/operators/applications/{application.receipt_no}/")
    assert response.status == 404
    context.close()

    outsider = admin_login(browser, live_server, make_county_staff("丰泽区"))
    outsider.goto(live_server.url + "/admin/applications/application/")
    assert application.receipt_no not in outsider.content()
    assert open_case(outsider, live_server, application).status == 404
