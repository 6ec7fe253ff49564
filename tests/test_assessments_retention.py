"""The placement rosters' personal data are erased once the period the bureau sets (an interpretation, default three
years after the round's 县级考核完成时限) has passed, by the daily erase_expired_personal_data command."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from forms.assessments import retention
from forms.assessments.models import AssessmentEvent, PlacementRow
from forms.assessments.workflow import start_assessment, submit
from portal.retention import PersonalDataRetention, years_after

from .assessments_factories import (
    add_placements,
    fill_self_assessment,
    make_operator_market,
    make_round,
    make_submitted_assessment,
    resident_id,
)
from .utils import SHANGHAI, SUITE_TODAY, make_city_staff, make_county_staff

pytestmark = pytest.mark.django_db
YEAR = SUITE_TODAY.year
DUE = datetime.date(YEAR, 11, 30)  # Quanzhou's 县级考核完成时限 (实施方案 二（二）), as make_round proposes it
LAST_DAY = datetime.date(YEAR + 3, 11, 30)  # three years on: the rows are still kept that day
A = AssessmentEvent.Action


def morning_of(day):
    return datetime.datetime(day.year, day.month, day.day, 2, 30, tzinfo=SHANGHAI)


def erase():
    out = io.StringIO()
    call_command("erase_expired_personal_data", stdout=out)
    return out.getvalue()


def raw_rows(assessment):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, id_number, phone, residence, employer, person_digest FROM assessments_placementrow"
            " WHERE assessment_id = %s ORDER BY row_number",
            [assessment.pk],
        )
        return cursor.fetchall()


@pytest.fixture
def assessment(home):
    return make_submitted_assessment(placements=3)


def test_the_rows_are_kept_until_the_last_day_of_the_period(assessment, time_machine):
    assert assessment.round.scoring_due == DUE and retention.kept_until(assessment.round) == LAST_DAY
    time_machine.move_to(morning_of(LAST_DAY), tick=False)
    assert retention.erase_expired_rosters() == 0
    assert PlacementRow.objects.filter(assessment=assessment).first().id_number == resident_id(0)
    assert not assessment.events.filter(action=A.ERASED).exists()


def test_the_day_after_the_numbers_names_and_residence_are_erased_and_it_is_recorded(assessment, time_machine):
    time_machine.move_to(morning_of(LAST_DAY + datetime.timedelta(days=1)), tick=False)
    assert retention.erase_expired_rosters() == 1
    assert raw_rows(assessment) == [
        ("务****", None, None, "", "泉州市示范建筑劳务有限公司", ""),
        ("务****", None, None, "", "泉州市示范建筑劳务有限公司", ""),
        ("务****", None, None, "", "泉州市示范建筑劳务有限公司", ""),
    ]
    rows = list(PlacementRow.objects.filter(assessment=assessment))
    assert [(row.row_number, row.placed_on) for row in rows] == [(n, datetime.date(YEAR, 6, 1)) for n in (1, 2, 3)]
    event = assessment.events.get(action=A.ERASED)
    assert event.actor is None and event.who == "系统" and event.get_action_display() == "删除个人信息"
    assert event.note == "保存期限届满，已删除花名册人员的身份证号码、联系电话、现居住地和姓名（只保留第一个字）。"
    assert event.from_status == event.to_status == "submitted"
    assert retention.erase_expired_rosters() == 0  # the next day's run finds nothing left to do
    assert assessment.events.filter(action=A.ERASED).count() == 1


def test_a_round_whose_period_runs_on_is_left_alone(assessment, time_machine):
    ningde = make_round("ningde", scoring_due=datetime.date(YEAR + 1, 1, 15))
    user, profile, market = make_operator_market(
        "operator2", county_name="蕉城区", recognized_on=datetime.date(YEAR - 1, 6, 1)
    )
    later = start_assessment(ningde, profile, market, user)
    add_placements(later, 2)
    fill_self_assessment(later)
    submit(later, user)
    time_machine.move_to(morning_of(datetime.date(YEAR + 3, 12, 15)), tick=False)
    assert retention.erase_expired_rosters() == 1
    assert raw_rows(assessment)[0][1] is None
    assert PlacementRow.objects.filter(assessment=later).first().id_number == resident_id(0)


def test_the_command_says_how_many_rosters_it_erased(assessment, time_machine):
    time_machine.move_to(morning_of(LAST_DAY + datetime.timedelta(days=1)), tick=False)
    assert erase().splitlines() == [
        "已删除联系方式：投诉建议 0 件，征求意见 0 条",
        "已删除花名册个人信息：年度考核 1 份",
        "已删除联系方式：公示异议 0 件",
        "已删除超过保存期限的自建表单提交：0 份",
        "已删除未再提交的表单暂存文件：0 个",
    ]
    assert erase().splitlines()[1] == "已删除花名册个人信息：年度考核 0 份"


def test_the_bureau_sets_the_period_in_years(assessment, time_machine):
    setting = PersonalDataRetention.load()
    setting.roster_years = 1
    setting.save()
    time_machine.move_to(morning_of(datetime.date(YEAR + 1, 12, 1)), tick=False)
    assert retention.erase_expired_rosters() == 1


def test_the_last_day_of_a_period_from_29_february_is_28_february():
    assert years_after(datetime.date(2028, 2, 29), 3) == datetime.date(2031, 2, 28)
    assert years_after(datetime.date(2028, 2, 29), 4) == datetime.date(2032, 2, 29)


# --- The pages on erased rows ---------------------------------------------------------------------------------


def erased(assessment, time_machine):
    time_machine.move_to(morning_of(LAST_DAY + datetime.timedelta(days=1)), tick=False)
    assert retention.erase_expired_rosters() >= 1


def test_the_operator_s_roster_page_and_downloads_work_on_erased_rows(client, assessment, time_machine):
    erased(assessment, time_machine)
    client.force_login(assessment.operator.user)
    response = client.get(reverse("assessments:roster", args=[assessment.receipt_no]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<td>1</td><td>务****</td><td></td><td></td><td></td><td>泉州市示范建筑劳务有限公司</td>" in html
    assert f"保存期限已于{LAST_DAY.year}年11月30日届满" in html and "None" not in html
    xlsx = client.get(reverse("assessments:roster_export", args=[assessment.receipt_no, "xlsx"]))
    assert xlsx.status_code == 200
    rows = [row for row in load_workbook(io.BytesIO(xlsx.getvalue())).active.iter_rows(values_only=True)]
    assert any(row[:3] == (1, "务****", None) for row in rows)
    docx = client.get(reverse("assessments:roster_export", args=[assessment.receipt_no, "docx"]))
    assert docx.status_code == 200
    table = Document(io.BytesIO(docx.getvalue())).tables[0]
    assert [cell.text for cell in table.rows[1].cells][:5] == ["1", "务****", "", "", ""]


def test_the_county_s_case_page_and_reveal_work_on_erased_rows_and_flag_no_one(client, assessment, time_machine):
    user, profile, market = make_operator_market("operator2")
    other = start_assessment(assessment.round, profile, market, user)
    add_placements(other, 3)  # the same three people, the same month: flagged while the numbers are kept
    fill_self_assessment(other)
    submit(other, user)
    client.force_login(make_county_staff("丰泽区"))
    case_url = reverse("assessments_assessment_modeladmin_inspect", args=[assessment.pk])
    assert client.get(case_url).content.decode().count("同月重复推荐") == 3
    erased(assessment, time_machine)
    client.force_login(make_county_staff("丰泽区", username="later-handler"))
    html = client.get(case_url).content.decode()
    assert "同月重复推荐" not in html and "务****" in html and "删除个人信息" in html
    response = client.post(case_url, {"action": "reveal"})
    assert response.status_code == 200
    assert "None" not in response.content.decode().split('id="roster"')[-1]


# --- Where the period is shown --------------------------------------------------------------------------------


def test_the_roster_page_shows_the_period_from_the_round_as_an_interpretation(client, assessment):
    assert PersonalDataRetention.load().roster_years == 3
    client.force_login(assessment.operator.user)
    html = client.get(reverse("assessments:roster", args=[assessment.receipt_no])).content.decode()
    assert (
        f"仅县级审核人员可查看完整号码；考核结束（{YEAR}年11月30日）后保存3年，期满删除。"
        ' <span class="badge warn">解读</span> 两份政策均未规定个人信息的保存期限'
    ) in html


def test_city_administrators_see_the_default_of_three_years_in_the_setting(client, home):
    client.force_login(make_city_staff("泉州市", role_label="市级管理员"))
    url = reverse("wagtailsettings:edit", args=["portal", "personaldataretention", PersonalDataRetention.load().pk])
    html = client.get(url).content.decode()
    assert "推荐成功就业花名册保存年数" in html and 'name="roster_years" value="3"' in html
