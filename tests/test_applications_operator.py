"""Operators apply online: drafts, checks that explain themselves, uploads, submission, 我的办理 and the .docx."""

import io
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from docx import Document

from forms.applications import catalogue, review
from forms.applications.models import Application, ApplicationEvent
from forms.cases.uploads import private_storage
from portal.regions import County

from .markets_factories import make_market, remove_samples
from .operators_factories import (
    JINJIANG_1965_RESIDENT_ID,
    VALID_RESIDENT_ID,
    VALID_USCC,
    VALID_USCC_2,
    add_material,
    make_application,
    make_operator,
    pdf_bytes,
    recognition_values,
    subsidy_values,
)
from .test_applications_catalogue import compact, docx_text

pytestmark = pytest.mark.django_db

NEW_RECOGNITION = "/operators/applications/new/recognition/"
NEW_SUBSIDY = "/operators/applications/new/subsidy/"


def post_data(values, profile, intent="draft", **extra):
    data = {key: str(value) for key, value in values.items() if key != "county"}
    data.update(handling_county=profile.county.pk, intent=intent, **extra)
    return data


def upload(name="材料.pdf"):
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def field_errors(html, field_id):
    """The error text shown in the field's own block."""
    match = re.search(rf'<ul class="errorlist" id="{field_id}_error"[^>]*>(.*?)</ul>', html, re.S)
    return re.sub(r"<[^>]+>", "", match.group(1)) if match else ""


@pytest.fixture
def operator(home):
    user, profile = make_operator()
    return user, profile


@pytest.fixture
def logged_in(client, operator):
    client.force_login(operator[0])
    return client, operator[1]


def test_the_new_form_is_prefilled_with_the_organisation_and_asks_for_the_market(logged_in):
    client, _profile = logged_in
    html = client.get(NEW_RECOGNITION).content.decode()
    assert "泉州市零工市场（驿站）认定申请表" in html
    assert 'value="91350503MA2YQK6L6T"' in html and 'value="泉州市丰泽区示范人力资源服务有限公司"' in html
    assert "保存草稿后即可在此上传申报材料" in html


def test_wrong_check_characters_are_explained_next_to_the_field_and_nothing_is_lost(logged_in):
    client, profile = logged_in
    values = recognition_values(manager_id_number=VALID_RESIDENT_ID[:-1] + "1", uscc=VALID_USCC_2[:-1] + "A")
    html = client.post(NEW_RECOGNITION, post_data(values, profile)).content.decode()
    assert "校验码不正确（按GB 11643计算）" in field_errors(html, "id_manager_id_number")
    assert "校验码不正确（按GB 32100计算）" in field_errors(html, "id_uscc")
    assert 'value="丰泽区东海零工市场"' in html and 'value="林美华"' in html
    # A draft keeps every field filled in correctly, not the two wrong numbers, and says so.
    draft = Application.objects.get()
    assert draft.status == Application.Status.DRAFT and draft.market_name == "丰泽区东海零工市场"
    assert draft.uscc == "" and not draft.manager_id_number
    assert f"已保存草稿（受理编号 {draft.receipt_no}），但标红的栏目填写有误，这几栏未保存" in html
    assert f'action="/operators/applications/{draft.receipt_no}/edit/"' in html  # sent again, the same draft


def test_a_draft_with_an_error_keeps_the_earlier_value_of_that_field(logged_in):
    client, profile = logged_in
    application = make_application(profile)
    url = f"/operators/applications/{application.receipt_no}/edit/"
    client.post(url, post_data(recognition_values(), profile))
    earlier = Application.objects.get().uscc
    values = recognition_values(uscc=VALID_USCC_2[:-1] + "A", market_name="丰泽区城东零工市场")
    html = client.post(url, post_data(values, profile)).content.decode()
    assert "校验码不正确（按GB 32100计算）" in field_errors(html, "id_uscc")
    application.refresh_from_db()
    assert application.market_name == "丰泽区城东零工市场" and application.uscc == earlier


@pytest.mark.parametrize(
    ("county", "market_name", "title"),
    [
        ("丰泽区", "丰泽区东海零工市场", "泉州市零工市场（驿站）认定申请表"),
        ("蕉城区", "蕉城区城南零工市场", "宁德市零工市场(驿站)认定申请表"),
    ],
    ids=["quanzhou", "ningde"],
)
def test_a_manager_born_before_the_countys_code_existed_is_accepted(client, home, county, market_name, title):
    """The recognition forms ask for the manager's 身份证号码; 晋江 350582 (1992) with a 1965 birth date is real."""
    user, profile = make_operator(county_name=county)
    client.force_login(user)
    values = recognition_values(market_name=market_name, manager_id_number=JINJIANG_1965_RESIDENT_ID)
    response = client.post(NEW_RECOGNITION, post_data(values, profile))
    application = Application.objects.get()
    assert response.url == f"/operators/applications/{application.receipt_no}/edit/"
    assert application.spec.title == title
    assert application.manager_id_number == JINJIANG_1965_RESIDENT_ID


@pytest.mark.parametrize(
    ("city_county", "facility", "area", "minimum"),
    [
        (("丰泽区", "丰泽区东海零工市场"), "market", "150", "200"),
        (("蕉城区", "蕉城区城南零工市场"), "market", "50", "60"),
    ],
    ids=["quanzhou", "ningde"],
)
def test_an_area_below_the_city_minimum_names_the_clause(client, home, city_county, facility, area, minimum):
    county, market_name = city_county
    user, profile = make_operator(county_name=county)
    client.force_login(user)
    values = recognition_values(market_name=market_name, market_type=facility, floor_area=area)
    html = client.post(NEW_RECOGNITION, post_data(values, profile)).content.decode()
    message = field_errors(html, "id_floor_area")
    assert f"低于零工市场最低要求{minimum}平方米" in message and "附件1 第3条" in message


def test_a_market_name_out_of_the_standard_form_is_refused_with_the_form_to_use(logged_in):
    client, profile = logged_in
    html = client.post(NEW_RECOGNITION, post_data(recognition_values(market_name="东海人力市场"), profile))
    assert "名称应以所在县（市、区）“丰泽区”开头" in field_errors(html.content.decode(), "id_market_name")


def test_a_file_saved_with_a_draft_that_has_errors_is_not_held_to_be_sent_twice(logged_in):
    client, profile = logged_in
    application = make_application(profile)
    url = f"/operators/applications/{application.receipt_no}/edit/"
    values = recognition_values(uscc=VALID_USCC_2[:-1] + "A")
    html = client.post(url, post_data(values, profile, material_0=upload("营业执照.pdf"))).content.decode()
    assert "校验码不正确（按GB 32100计算）" in field_errors(html, "id_uscc")
    assert application.documents.get().original_name == "营业执照.pdf"  # stored with the draft at once
    assert "-held" not in html and "已保留您上次选择的文件" not in html  # so not offered to be sent again


def test_a_draft_gets_a_reference_number_and_can_be_incomplete(logged_in):
    client, profile = logged_in
    response = client.post(NEW_RECOGNITION, post_data({"market_name": "丰泽区东海零工市场"}, profile))
    application = Application.objects.get()
    assert re.fullmatch(r"RD\d{8}-\d{6}", application.receipt_no)
    assert application.status == Application.Status.DRAFT
    assert response.url == f"/operators/applications/{application.receipt_no}/edit/"
    assert application.receipt_no in client.get("/operators/").content.decode()


def test_submitting_needs_every_field_every_material_and_the_declaration(logged_in):
    client, profile = logged_in
    application = make_application(profile)
    url = f"/operators/applications/{application.receipt_no}/edit/"
    values = recognition_values(jobs_offered="")
    response = client.post(url, post_data(values, profile, "submit", material_0=upload("营业执照.pdf")))
    html = response.content.decode()
    assert "已保存为草稿，但还不能提交" in html
    assert "请填写“提供岗位数”" in field_errors(html, "id_jobs_offered")
    assert html.count("提交前请上传这份材料") == 4  # ② to ⑤; ① came with this request and was kept
    assert "提交前请勾选确认申请单位的承诺" in html
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT
    assert list(application.documents.values_list("material_number", "original_name")) == [("①", "营业执照.pdf")]


def test_a_complete_application_is_submitted_and_the_rules_engine_result_kept(logged_in):
    client, profile = logged_in
    application = make_application(profile, with_materials=True)
    url = f"/operators/applications/{application.receipt_no}/edit/"
    response = client.post(url, post_data(recognition_values(), profile, "submit", declaration_confirmed="on"))
    assert response.url == f"/operators/applications/{application.receipt_no}/"
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED and application.submitted_at
    assert "一次性运维补助：5万元" in application.rules_summary
    page = client.get(response.url).content.decode()
    assert "等待丰泽区人社部门审核" in page
    assert client.get(url).url == response.url  # a submitted application cannot be edited


def test_a_subsidy_amount_that_differs_from_the_rules_is_flagged_not_refused(logged_in):
    client, profile = logged_in
    application = make_application(profile, "subsidy", subsidy_type="one_time", with_materials=True)
    values = subsidy_values(amount="8", market_type="market", floor_area="260")
    url = f"/operators/applications/{application.receipt_no}/edit/"
    client.post(url, post_data(values, profile, "submit", declaration_confirmed="on"))
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    assert application.amount_differs and application.computed_amount_yuan == 50000
    assert "申请8万元，按规则测算5万元" in application.rules_summary and "相差3万元" in application.rules_summary


# --- the performance subsidy follows the assessed score (泉州方案二（二）“按照相应得分给予发放绩效补助”) -----------

ASSESSMENT_NO = "KH20261201-0001"
NO_ASSESSED_SCORE = (
    "绩效补助按经公示无异议的年度考核总分测算，本申请没有考核总分；请在“我的办理”中从已确定结果的年度考核发起申请。"
)


@pytest.fixture
def fengze_market(home):
    remove_samples()
    return make_market("丰泽区", name="丰泽区东海零工市场", address="丰泽区东海街道海星街88号")


def start_from_assessment(profile, market, score="92"):
    return review.start_performance_subsidy(
        profile,
        profile.user,
        market=market,
        assessed_score=Decimal(score),
        assessment_receipt_no=ASSESSMENT_NO,
        months_in_operation=12,
    )


def test_a_performance_subsidy_started_from_the_assessment_is_a_draft_made_once(operator, fengze_market):
    user, profile = operator
    application = start_from_assessment(profile, fengze_market)
    assert (application.status, application.form_kind, application.subsidy_type) == ("draft", "subsidy", "performance")
    assert (application.handling_county.name, application.market_type, application.market_name) == (
        "丰泽区",
        "market",
        "丰泽区东海零工市场",
    )
    assert application.market_page_id == fengze_market.pk
    assert application.market_address == "泉州市丰泽区东海街道海星街88号"
    assert (application.organisation_name, application.uscc) == ("泉州市丰泽区示范人力资源服务有限公司", VALID_USCC)
    assert (application.assessed_score, application.assessment_receipt_no) == (Decimal("92.0"), ASSESSMENT_NO)
    assert application.months_in_operation == 12
    assert re.fullmatch(r"BZ\d{8}-\d{6}", application.receipt_no)
    assert list(application.events.values_list("action", "actor")) == [("created", user.pk)]

    again = start_from_assessment(profile, fengze_market, score="95")
    assert again.pk == application.pk and profile.applications.count() == 1
    again.refresh_from_db()
    assert again.assessed_score == Decimal("92.0") and again.events.count() == 1


def test_the_amount_is_computed_from_the_assessed_score(operator, fengze_market):
    """泉州方案二（二）1: 得分达90分及以上的评为“五星零工市场”，每家一次性给予10万元补贴."""
    user, profile = operator
    application = start_from_assessment(profile, fengze_market)
    for field, value in subsidy_values(subsidy_type="performance", amount=Decimal("10")).items():
        setattr(application, field, value)
    application.save()
    for material in application.materials:
        add_material(application, material.number)
    review.submit(application, user)
    application.refresh_from_db()
    assert (application.computed_amount_yuan, application.amount_differs) == (100000, False)
    assert "申请10万元，按规则测算10万元" in application.rules_summary


def test_a_performance_subsidy_without_an_assessed_score_is_not_submitted(operator):
    user, profile = operator
    application = make_application(profile, "subsidy", subsidy_type="performance", months_in_operation=12)
    for material in application.materials:
        add_material(application, material.number)
    with pytest.raises(ValidationError) as refused:
        review.submit(application, user)
    assert refused.value.messages == [NO_ASSESSED_SCORE]
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT and application.submitted_at is None


def test_the_operator_is_told_next_to_the_subsidy_type_why_it_cannot_be_submitted(logged_in):
    client, profile = logged_in
    application = make_application(profile, "subsidy", subsidy_type="performance", with_materials=True)
    url = f"/operators/applications/{application.receipt_no}/edit/"
    values = subsidy_values(subsidy_type="performance", market_type="market", months_in_operation=12, amount="10")
    html = client.post(url, post_data(values, profile, "submit", declaration_confirmed="on")).content.decode()
    assert field_errors(html, "id_subsidy_type") == NO_ASSESSED_SCORE
    assert "已保存为草稿，但还不能提交" in html
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT


def test_the_performance_form_asks_for_no_score(logged_in):
    client, _profile = logged_in
    html = client.get(NEW_SUBSIDY).content.decode()
    assert 'name="months_in_operation"' in html
    assert "自评总分" not in html and 'name="assessed_score"' not in html


def test_a_draft_from_the_assessment_shows_its_score_and_keeps_its_market(client, operator, fengze_market):
    user, profile = operator
    application = start_from_assessment(profile, fengze_market)
    client.force_login(user)
    url = f"/operators/applications/{application.receipt_no}/edit/"
    html = client.get(url).content.decode()
    score = re.search(r'<input type="number" name="assessed_score" value="([^"]*)"[^>]*disabled', html)
    assert score.group(1) == "92.0"
    assert f"年度考核 {ASSESSMENT_NO} 经公示无异议的总分，绩效补助按此测算。" in html
    values = subsidy_values(
        subsidy_type="one_time", market_type="station", market_name="丰泽区城东街道零工驿站", months_in_operation=6
    )
    assert client.post(url, post_data(values, profile)).status_code == 302
    application.refresh_from_db()
    assert (application.subsidy_type, application.market_type, application.market_name) == (
        "performance",
        "market",
        "丰泽区东海零工市场",
    )
    assert (application.months_in_operation, application.assessed_score) == (6, Decimal("92.0"))
    detail = client.get(f"/operators/applications/{application.receipt_no}/").content.decode()
    assert re.search(r'<dd id="assessed-score">(.*?)</dd>', detail).group(1) == f"92.0（年度考核编号 {ASSESSMENT_NO}）"


def test_the_subsidy_type_decides_the_materials_and_cannot_change_once_materials_are_uploaded(logged_in):
    client, profile = logged_in
    application = make_application(profile, "subsidy", subsidy_type="performance")
    assert [m.number for m in application.materials] == ["①", "②", "③", "④"]
    assert "推荐成功就业花名册" in application.materials[1].label
    add_material(application, "②")
    url = f"/operators/applications/{application.receipt_no}/edit/"
    html = client.post(url, post_data(subsidy_values(subsidy_type="one_time"), profile)).content.decode()
    assert "不能改为其他补贴类型" in field_errors(html, "id_subsidy_type")


def test_a_returned_application_is_corrected_and_resubmitted(logged_in):
    client, profile = logged_in
    application = make_application(profile, with_materials=True, status="returned", bureau_comment="请补充场地照片")
    url = f"/operators/applications/{application.receipt_no}/edit/"
    form_page = client.get(url).content.decode()
    assert "请补充场地照片" in form_page and "重新提交" in form_page
    values = recognition_values(jobs_offered=400)
    client.post(url, post_data(values, profile, "submit", declaration_confirmed="on", material_4=upload("照片.pdf")))
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED and application.jobs_offered == 400
    assert application.events.filter(action=ApplicationEvent.Action.RESUBMITTED).exists()
    assert application.documents.filter(material_number="⑤").count() == 2


def test_numbers_are_encrypted_at_rest_and_masked_on_the_operator_s_page(logged_in):
    client, profile = logged_in
    application = make_application(profile, "subsidy", subsidy_type="one_time")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT manager_id_number, bank_account, phone FROM applications_application WHERE id = %s",
            [application.pk],
        )
        stored = " ".join(str(value) for value in cursor.fetchone())
    assert "1408011009000123456" not in stored and "13812345678" not in stored
    page = client.get(f"/operators/applications/{application.receipt_no}/").content.decode()
    assert "1408***********3456" in page and "1408011009000123456" not in page
    assert "138****5678" in page


def test_another_operator_cannot_see_the_application_by_list_or_url(client, home):
    _owner, owner_profile = make_operator()
    application = make_application(owner_profile, with_materials=True)
    other, _ = make_operator("other", uscc=VALID_USCC_2, organisation_name="另一家单位")
    client.force_login(other)
    assert application.receipt_no not in client.get("/operators/").content.decode()
    base = f"/operators/applications/{application.receipt_no}/"
    document = application.documents.first()
    for url in (base, base + "edit/", base + "form.docx", f"{base}materials/{document.pk}/"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"{base}materials/{document.pk}/delete/").status_code == 404
    assert application.documents.count() == 5


def test_the_operator_downloads_own_upload_and_can_delete_it_while_editable(logged_in):
    client, profile = logged_in
    application = make_application(profile)
    document = add_material(application, "①", "营业执照.pdf")
    base = f"/operators/applications/{application.receipt_no}/materials/{document.pk}/"
    response = client.get(base)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    client.post(base + "delete/")
    assert not application.documents.exists()


def test_my_services_lists_applications_with_status_and_the_next_step(logged_in):
    client, profile = logged_in
    returned = make_application(profile, status="returned")
    approved = make_application(profile, "subsidy", subsidy_type="one_time", status="approved")
    html = client.get("/operators/").content.decode()
    assert returned.receipt_no in html and approved.receipt_no in html
    assert "退回修改" in html and "按意见修改" in html and "已通过" in html
    assert "在线填写泉州市零工市场（驿站）认定申请表" in html


# --- field by field: every applicant cell of annexes 2 and 3 on the form and in the .docx ----------


def applicant_cells(spec):
    """(field label, part label or "", key) for every cell the applicant fills in."""
    cells = []
    for item in spec.fields:
        if item.parts:
            cells += [(item.label, part.label, part.key) for part in item.parts]
        elif item.filled_by_applicant:
            cells.append((item.label, "", item.key))
    return cells


def submitted(profile, form_kind, **values):
    application = make_application(profile, form_kind, with_materials=True, **values)
    review.submit(application, profile.user)
    return application


@pytest.mark.parametrize(
    ("spec", "new_url", "values"),
    [
        (catalogue.QUANZHOU_RECOGNITION, NEW_RECOGNITION, recognition_values()),
        (catalogue.QUANZHOU_SUBSIDY, NEW_SUBSIDY, subsidy_values()),
    ],
    ids=["annex-2", "annex-3"],
)
def test_every_field_of_the_seed_annex_is_on_the_form_and_in_the_filled_docx(logged_in, spec, new_url, values):
    client, profile = logged_in
    form_html = client.get(new_url).content.decode()
    extra = (
        {"subsidy_type": "one_time", "market_type": "market", "floor_area": 260}
        if spec is catalogue.QUANZHOU_SUBSIDY
        else {}
    )
    application = submitted(profile, spec.key, **extra)
    response = client.get(f"/operators/applications/{application.receipt_no}/form.docx")
    text = docx_text(Document(io.BytesIO(response.getvalue())))
    missing = []
    for label, part_label, key in applicant_cells(spec):
        if f">{label}" not in form_html:
            missing.append(f"form: {label}")
        if part_label and f">{part_label}" not in form_html:
            missing.append(f"form: {label} / {part_label}")
        if compact(label) not in text:
            missing.append(f"docx label: {label}")
        printed = values.get(key)
        if key in {"market_type", "uses_platform", "subsidy_type"}:
            printed = dict(spec.field(key).choices)[values[key]]
        if text.count(compact(str(printed))) < 2:  # 此表一式两份
            missing.append(f"docx value twice: {key}={printed}")
    assert missing == []


def test_a_ningde_operator_gets_ningde_s_form_flagged_as_an_interpretation(client, home):
    user, _profile = make_operator(county_name="蕉城区")
    client.force_login(user)
    html = client.get(NEW_RECOGNITION).content.decode()
    assert "宁德市零工市场(驿站)认定申请表" in html and "属于解读" in html
    assert "是否使用全市统一的零工市场线上服务平台" in html and "泉就业" not in html
    assert f'<option value="{County.objects.get(name="蕉城区").pk}" selected>' in html


def test_a_draft_can_be_deleted_but_not_a_submitted_application(logged_in):
    client, profile = logged_in
    draft = make_application(profile, with_materials=True)
    stored = draft.documents.first().file.name
    submitted_one = make_application(profile, status="submitted")
    client.post(f"/operators/applications/{draft.receipt_no}/delete/")
    client.post(f"/operators/applications/{submitted_one.receipt_no}/delete/")
    assert list(Application.objects.values_list("receipt_no", flat=True)) == [submitted_one.receipt_no]
    assert not private_storage().exists(stored)


def test_submitting_a_new_form_too_early_keeps_one_draft_and_posts_to_it_next_time(logged_in):
    client, profile = logged_in
    html = client.post(NEW_RECOGNITION, post_data(recognition_values(), profile, "submit")).content.decode()
    application = Application.objects.get()
    assert "已保存为草稿，但还不能提交" in html
    assert f'action="/operators/applications/{application.receipt_no}/edit/"' in html


def test_negative_amounts_are_refused_with_a_message_next_to_the_field(logged_in):
    client, profile = logged_in
    values = subsidy_values(amount="-5", subsidy_type="one_time", market_type="market", floor_area="260")
    html = client.post(NEW_SUBSIDY, post_data(values, profile)).content.decode()
    assert "大于或等于" in field_errors(html, "id_amount")
    draft = Application.objects.get()  # the rest is kept as a draft; the amount is not
    assert draft.status == Application.Status.DRAFT and draft.amount is None
