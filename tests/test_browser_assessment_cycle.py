"""The whole annual assessment in Chromium at phone size, as issue 15 asks: the bureau opens the year's round; an
operator whose market was recognised in March enters the roster online and by an .xlsx with one bad row (named,
nothing lost), fixes it, fills the self-assessment with evidence and submits; a market recognised in September is
told why it does not take part; two experts of the county score it; the county publishes the 公示, the public
objects and the county answers; when the period has ended, the market's page names its star and the operator sees
the award. Another operator and another county's staff find none of it."""

import datetime
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from forms.assessments.models import Assessment, AssessmentRound, ResultPublicity
from forms.assessments.roster_files import HEADER_ROW, template_xlsx
from forms.cases.links import case_list_url, case_page_url
from policies.models import AssessmentCriterion

from .assessments_factories import make_operator_market, resident_id
from .complaints_factories import pdf_bytes
from .conftest import PHONE
from .utils import PASSWORD, SUITE_TODAY, admin_login, make_city_staff, make_county_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
YEAR = SUITE_TODAY.year
DAY = datetime.timedelta(days=1)


def phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="zh-CN")
    return context.new_page()


def staff_page(browser, live_server, user):
    return admin_login(browser, live_server, user, viewport=PHONE)


def operator_page(browser, live_server, username):
    page = phone(browser)
    page.goto(live_server.url + "/operators/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/operators/")
    return page


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def roster_upload(tmp_path, market, rows):
    workbook = openpyxl.load_workbook(io.BytesIO(template_xlsx(market.title, market.address, "quanzhou")))
    sheet = workbook.active
    for offset, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            sheet.cell(row=HEADER_ROW + offset, column=column, value=value)
    path = tmp_path / "roster.xlsx"
    workbook.save(path)
    return str(path)


def roster_row(n, phone_number):
    return [
        n,
        f"务工人员{n}",
        resident_id(n),
        "泉州市丰泽区东海街道",
        phone_number,
        "泉州市示范建筑劳务有限公司",
        f"{YEAR}-06-0{n}",
    ]


def open_the_round(browser, live_server):
    page = staff_page(browser, live_server, make_city_staff("泉州市", "市级管理员"))
    page.goto(live_server.url + f"/admin/snippets/assessments/assessmentround/add/?city=quanzhou&year={YEAR}")
    assert page.locator("#id_scoring_due").input_value() == f"{YEAR}-11-30"
    page.fill("#id_opens_on", f"{SUITE_TODAY - 10 * DAY:%Y-%m-%d}")
    page.fill("#id_closes_on", f"{SUITE_TODAY + 5 * DAY:%Y-%m-%d}")
    # Wagtail's date picker stays open over the button after typing a date, as it does for a person, who taps
    # elsewhere first; the button is pressed directly.
    page.get_by_role("button", name="保存", exact=True).evaluate("button => button.click()")
    page.wait_for_url("**/assessmentround/")
    return AssessmentRound.objects.get(city__slug="quanzhou", year=YEAR)


def operator_files_and_submits(page, live_server, market, tmp_path, screenshot_dir):
    page.get_by_role("button", name="开始填写考核材料").first.click()
    page.wait_for_url("**/edit/")
    page.get_by_role("link", name="填写或上传花名册").click()
    page.wait_for_url("**/roster/")
    cells = dict(
        zip(
            ("row_number", "name", "id_number", "residence", "phone", "employer", "placed_on"),
            roster_row(1, "13800001111"),
            strict=True,
        )
    )
    for key, value in cells.items():
        page.locator(f"#row-1-{key}").fill(str(value))
    page.get_by_role("button", name="加入花名册").click()
    page.wait_for_selector("table.roster")

    page.set_input_files(
        "#id_roster", roster_upload(tmp_path, market, [roster_row(2, "13800002222"), roster_row(3, "1380000")])
    )
    page.get_by_role("button", name="上传花名册").click()
    alert = page.get_by_role("alert").inner_text()
    assert f"第{HEADER_ROW + 2}行“联系电话”" in alert
    assert "已填报 1 人" in page.content()  # the row entered online is still there
    # The fixed file holds the whole roster (an upload replaces the rows entered before).
    fixed = [roster_row(1, "13800001111"), roster_row(2, "13800002222"), roster_row(3, "13800003333")]
    page.set_input_files("#id_roster", roster_upload(tmp_path, market, fixed))
    page.get_by_role("button", name="上传花名册").click()
    page.wait_for_selector("text=已填报 3 人")
    assert fits_the_screen(page)

    receipt_no = Assessment.objects.get(market=market).receipt_no
    page.goto(live_server.url + reverse("assessments:edit", kwargs={"receipt_no": receipt_no}))
    for number, most in full_points(market).items():
        page.locator(f"#id_points_{number}").fill(str(most))
    page.fill("#id_evidence_9", "推荐成功就业花名册3人，见附件。")
    report = tmp_path / "工作运营方案落实情况报告.pdf"
    report.write_bytes(pdf_bytes())
    page.locator("#id_files_9").set_input_files(str(report))
    page.locator("#id_report").set_input_files(str(report))
    page.get_by_role("button", name="提交考核材料").click()
    page.wait_for_selector("#assessment-status")
    assert page.locator("#assessment-status").inner_text() == "待考核"
    page.screenshot(path=str(screenshot_dir / "assessment-cycle-submitted-phone.png"), full_page=True)


def full_points(market):
    """{item: 基本分值} of Quanzhou's 附件5 (they add up to 100)."""
    criteria = AssessmentCriterion.objects.filter(city=market.county.city).order_by("number")
    return {criterion.number: criterion.max_points for criterion in criteria}


def expert_scores(browser, live_server, expert, assessment, points_lost, complete=False):
    page = staff_page(browser, live_server, expert)
    page.goto(live_server.url + case_page_url(assessment))
    for number, most in full_points(assessment.market).items():
        page.locator(f"[name='score-points_{number}']").fill(str(max(most - points_lost, 0)))
    page.get_by_role("button", name="保存我的评分").click()
    page.wait_for_selector("text=已保存我的评分")
    if complete:
        page.locator("#action-complete summary").click()
        page.get_by_role("button", name="确认完成考核").click()
        page.wait_for_selector("#assessed-total")
    return page


def test_the_annual_assessment_from_the_round_to_the_star_on_the_market_page(
    live_server, home, browser, screenshot_dir, tmp_path, time_machine
):
    _user, _profile, market = make_operator_market("operator", recognized_on=datetime.date(YEAR, 3, 16))
    make_operator_market("operator2", recognized_on=datetime.date(YEAR, 9, 1))
    open_the_round(browser, live_server)

    late = operator_page(browser, live_server, "operator2")
    assert "未满6个月" in late.locator(".not-eligible").first.inner_text()

    operator = operator_page(browser, live_server, "operator")
    operator_files_and_submits(operator, live_server, market, tmp_path, screenshot_dir)
    assessment = Assessment.objects.get(market=market)
    assert assessment.placements.count() == 3

    expert_scores(browser, live_server, make_county_staff("丰泽区", username="expert1"), assessment, 1)
    county = expert_scores(browser, live_server, make_county_staff("丰泽区", username="expert2"), assessment, 0, True)
    assessment.refresh_from_db()
    # Every item loses 1 point with one expert and none with the other: 0.5 less on each of the 16 items.
    assert assessment.self_total == 100 and assessment.assessed_total == 92
    assert assessment.stars == 5

    county.goto(live_server.url + reverse("assessments_publish"))
    assert market.title in county.locator("#publish-rows").inner_text()
    county.get_by_role("button", name="发布公示").click()
    county.wait_for_url("**/notices/**")
    published = ResultPublicity.objects.get()
    notice_url = county.url

    public = phone(browser)
    public.goto(notice_url)
    assert "考核总分92.0分，五星级" in public.content()
    assert fits_the_screen(public)
    public.get_by_role("link", name="提出异议").click()
    public.select_option("#id_assessment", str(assessment.pk))
    public.fill("#id_reason", "花名册中有人并未通过该市场就业。")
    public.fill("#id_contact_name", "林志明")
    public.fill("#id_contact_phone", "13905951234")
    public.fill("#id_captcha_1", "PASSED")
    public.get_by_role("button", name="提交异议").click()
    receipt = public.locator("#receipt-no").inner_text()
    code = public.locator("#query-code").inner_text()
    public.screenshot(path=str(screenshot_dir / "assessment-objection-done-phone.png"), full_page=True)

    objection = assessment.objections.get()
    assert objection.receipt_no == receipt
    county.goto(live_server.url + case_page_url(objection))
    county.locator("#action-dismiss summary").click()
    county.fill("[name='dismiss-answer']", "经核实，花名册所列人员均经该市场推荐就业。")
    county.get_by_role("button", name="确认异议不成立").click()
    county.wait_for_selector("text=已异议不成立")

    public.goto(live_server.url + reverse("assessment_results:objection_progress"))
    public.fill("#id_receipt_no", receipt)
    public.fill("#id_query_code", code)
    public.get_by_role("button", name="查询").click()
    assert "均经该市场推荐就业" in public.locator("#objection-answer").inner_text()

    time_machine.move_to(datetime.datetime.combine(published.ends_on + DAY, datetime.time(9)))
    call_command("finalise_assessment_results", stdout=io.StringIO())
    public.goto(live_server.url + market.url)
    assert f"泉州市{YEAR}年度五星级零工市场" in public.content()
    public.screenshot(path=str(screenshot_dir / "assessment-star-market-phone.png"), full_page=True)
    operator.goto(live_server.url + "/operators/")
    assert "结果确定" in operator.content() and "绩效补助10万元待拨付" in operator.content()
    operator.get_by_role("link", name=assessment.receipt_no).click()
    operator.get_by_role("button", name="申请绩效补助").click()
    operator.wait_for_url("**/applications/**/edit/")
    assert "经公示的考核总分" in operator.content() and "92" in operator.content()
    assert fits_the_screen(operator)

    # Neither another operator nor another county's staff find it, by list or by URL.
    detail_url = live_server.url + reverse("assessments:detail", kwargs={"receipt_no": assessment.receipt_no})
    assert late.goto(detail_url).status == 404
    late.goto(live_server.url + "/operators/")
    assert assessment.receipt_no not in late.content()
    outsider = staff_page(browser, live_server, make_county_staff("晋江市", username="jinjiang"))
    assert outsider.goto(live_server.url + case_page_url(assessment)).status == 404
    assert outsider.goto(live_server.url + case_page_url(objection)).status == 404
    outsider.goto(live_server.url + case_list_url(Assessment))
    assert assessment.receipt_no not in outsider.content()
