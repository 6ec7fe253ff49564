"""Operators apply online: drafts, checks that explain themselves, uploads, submission, 我的办理 and the .docx."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from docx import Document

from forms.applications import catalogue, review
from forms.applications.models import Application, ApplicationEvent
from forms.cases.uploads import private_storage
from portal.regions import County

from .operators_factories import (
    JINJIANG_1965_RESIDENT_ID,
    VALID_RESIDENT_ID,
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
    assert not Application.objects.exists()


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


def test_a_performance_subsidy_is_computed_from_the_self_assessed_score(home):
    user, profile = make_operator()
    application = make_application(
        profile,
        "subsidy",
        subsidy_type="performance",
        market_type="station",
        self_assessed_score=92,
        months_in_operation=12,
        amount=3,
        with_materials=True,
    )
    review.submit(application, user)
    assert application.computed_amount_yuan == 30000 and not application.amount_differs


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
    assert not private_storage.exists(stored)


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
    assert not Application.objects.exists()
