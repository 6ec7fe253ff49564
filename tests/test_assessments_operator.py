"""The operator's side of the annual assessment: 我的办理, the self-assessment page, submission, privacy."""

import datetime
import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from forms.assessments import roster_files
from forms.assessments.models import Assessment

from .assessments_factories import add_placements, make_operator_market, make_round, resident_id
from .complaints_factories import pdf_bytes
from .utils import SUITE_TODAY

pytestmark = pytest.mark.django_db
YEAR = SUITE_TODAY.year
PASSWORD = "correct horse battery staple"


def logged_in(client, user):
    client.force_login(user)
    return client


def started(client, round_, market):
    response = client.post(reverse("assessments:start", args=[round_.pk, market.pk]))
    assert response.status_code == 302
    return Assessment.objects.get(market=market)


def all_items(value="5", **overrides):
    data = {f"points_{n}": value for n in range(1, 17)}
    data.update({"honours-TOTAL_FORMS": "0", "honours-INITIAL_FORMS": "0"})
    data.update(overrides)
    return data


def test_my_services_lists_the_round_with_who_takes_part_and_why_not(client, home):
    make_round()
    user, _profile, march = make_operator_market(recognized_on=datetime.date(YEAR, 3, 16))
    september = make_operator_market("operator2", recognized_on=datetime.date(YEAR, 9, 1))[2]
    # The second market belongs to another operator: the first operator's page does not show it.
    page = logged_in(client, user).get(reverse("operators:home")).content.decode()
    assert f"泉州市{YEAR}年度零工市场（驿站）考核" in page
    assert march.title in page and "开始填写考核材料" in page
    assert september.title not in page


def test_a_market_recognised_in_september_is_told_why_it_does_not_take_part(client, home):
    make_round()
    user, _profile, market = make_operator_market(recognized_on=datetime.date(YEAR, 9, 1))
    page = logged_in(client, user).get(reverse("operators:home")).content.decode()
    assert market.title in page and "未满6个月" in page and "开始填写考核材料" not in page


def test_a_bad_score_is_named_next_to_its_field_and_the_rest_is_kept(client, home):
    round_ = make_round()
    user, _profile, market = make_operator_market()
    assessment = started(logged_in(client, user), round_, market)
    url = reverse("assessments:edit", args=[assessment.receipt_no])
    data = all_items(points_1="12", evidence_3="参加了春风行动招聘会", intent="draft")
    data["files_3"] = SimpleUploadedFile("招聘会照片.pdf", pdf_bytes(), "application/pdf")
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200 and "不能超过该项基本分值10" in page
    assert assessment.evidence.get().original_name == "招聘会照片.pdf"  # stored with the draft at once,
    assert "已保留您上次选择的文件" not in page  # so not offered to be sent, and stored, again
    assert 'value="12"' in page  # what was typed stays in the field
    item3 = assessment.items.get(number=3)
    assert item3.self_points == 5 and item3.evidence_text == "参加了春风行动招聘会"
    assert assessment.items.get(number=1).self_points is None


def test_the_operator_submits_and_follows_the_case(client, home):
    round_ = make_round()
    user, _profile, market = make_operator_market()
    assessment = started(logged_in(client, user), round_, market)
    add_placements(assessment, 30)
    url = reverse("assessments:edit", args=[assessment.receipt_no])
    report = ("报告.pdf", pdf_bytes(), "application/pdf")
    data = all_items(points_1="10", intent="submit")
    data["report"] = SimpleUploadedFile(*report)
    response = client.post(url, data)
    assert response.status_code == 302, re.findall(r"(?:errorlist|messages)[^\n]*", response.content.decode())
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SUBMITTED
    page = client.get(reverse("assessments:detail", args=[assessment.receipt_no])).content.decode()
    assert "待考核" in page


def test_another_operator_cannot_open_the_assessment(client, home):
    round_ = make_round()
    user, _profile, market = make_operator_market()
    assessment = started(logged_in(client, user), round_, market)
    other = make_operator_market("operator2")[0]
    client.force_login(other)
    for name in ("assessments:detail", "assessments:edit"):
        assert client.get(reverse(name, args=[assessment.receipt_no])).status_code == 404
    assert client.post(reverse("assessments:start", args=[round_.pk, market.pk])).status_code == 404


def test_items_the_rules_compute_are_prefilled_and_say_how(client, home):
    round_ = make_round()
    user, _profile, market = make_operator_market(staff_count=2)
    assessment = started(logged_in(client, user), round_, market)
    page = client.get(reverse("assessments:edit", args=[assessment.receipt_no])).content.decode()
    assert 'name="points_2" value="5.0"' in page
    assert "按规则计算：5分" in page


def roster_page(client, assessment):
    return reverse("assessments:roster", args=[assessment.receipt_no])


def test_roster_rows_entered_online_with_a_bad_cell_are_named_and_kept(client, home):
    round_ = make_round()
    user, _profile, market = make_operator_market()
    assessment = started(logged_in(client, user), round_, market)
    url = roster_page(client, assessment)
    good = {
        "row-1-row_number": "1",
        "row-1-name": "王小明",
        "row-1-id_number": resident_id(1),
        "row-1-residence": "泉州市丰泽区",
        "row-1-phone": "13800001111",
        "row-1-employer": "泉州市示范建筑劳务有限公司",
        "row-1-placed_on": f"{YEAR}-03-05",
    }
    bad = {**good, "row-1-phone": "1234"}
    response = client.post(url, {**bad, "intent": "add"})
    page = response.content.decode()
    assert response.status_code == 400 and "第1行“联系电话”" in page and 'value="王小明"' in page
    assert not assessment.placements.exists()
    assert client.post(url, {**good, "intent": "add"}).status_code == 302
    assert assessment.placements.count() == 1
    shown = client.get(url).content.decode()
    assert resident_id(1) not in shown and "13800001111" not in shown  # masked on the page

    # An upload with one bad row is refused whole, naming its row and column; the stored row stays.
    template = roster_files.template_xlsx(market.title, "", "quanzhou", round_.period_start, round_.period_end)
    workbook = openpyxl.load_workbook(io.BytesIO(template))
    sheet = workbook.active
    header = next(r for r in range(1, 10) if sheet.cell(r, 1).value == "序号")
    rows = [
        [1, "李四", resident_id(2), "泉州市丰泽区", "13800002222", "泉州市示范建筑劳务有限公司", f"{YEAR}-04-01"],
        [
            2,
            "赵五",
            resident_id(3)[:-1] + ("0" if resident_id(3)[-1] != "0" else "1"),
            "泉州市",
            "13800003333",
            "某公司",
            f"{YEAR}-04-02",
        ],
    ]
    for offset, values in enumerate(rows, start=1):
        for column, value in enumerate(values, start=1):
            sheet.cell(header + offset, column, value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("花名册.xlsx", buffer.getvalue())
    response = client.post(url, {"intent": "upload", "roster": upload})
    page = response.content.decode()
    assert response.status_code == 400 and f"第{header + 2}行“身份证号码”" in page and "校验码" in page
    assert assessment.placements.count() == 1
