"""考核统计: the figures per county and year, the page scoped to the user, the .xlsx export."""

import io
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from forms.assessments import statistics
from forms.assessments.models import Assessment
from forms.assessments.statistics_views import chosen_year
from forms.assessments.workflow import ASSESSMENTS

from .assessments_factories import make_round, points_totalling, start_in_county, submit_in_county
from .utils import SUITE_TODAY, make_county_staff, make_user

pytestmark = pytest.mark.django_db

URL = reverse("assessments_statistics")
YEAR = SUITE_TODAY.year
S = Assessment.Status


# --- Building a small known set, through the workflow ---------------------------------------------------------


def scored(round_, serial, county_name, self_total, assessed_total):
    assessment = submit_in_county(round_, serial, county_name, self_total)
    expert = make_county_staff(county_name, username=f"expert{serial}")
    points = points_totalling(assessment, assessed_total)
    data = {f"score-points_{number}": str(value) for number, value in points.items()}
    assert ASSESSMENTS.perform(assessment, expert, "score", data)[0]
    assert ASSESSMENTS.perform(assessment, expert, "complete", {"complete-note": ""})[0]
    assessment.refresh_from_db()
    return assessment


@pytest.fixture
def known_set(home):
    """丰泽区: a five-star (100 → 95) and a three-star (90 → 75); 晋江市: an unqualified one (70 → 60), one awaiting
    the county (80) and a draft."""
    round_ = make_round()
    five = scored(round_, 1, "丰泽区", 100, 95)
    three = scored(round_, 2, "丰泽区", 90, 75)
    unqualified = scored(round_, 3, "晋江市", 70, 60)
    submit_in_county(round_, 4, "晋江市", 80)
    start_in_county(round_, 5, "晋江市")
    assert (five.stars, five.subsidy_yuan) == (5, 100000)
    assert (three.stars, three.subsidy_yuan) == (3, 50000)
    assert (unqualified.stars, unqualified.subsidy_yuan) == (None, 0)
    return round_


FENGZE = statistics.Figures(
    YEAR, "泉州市", "丰泽区", 2, 2, 1, 0, 1, 0, 150000, Decimal("95.0"), Decimal("85.0"), Decimal("10.0"), 1
)
JINJIANG = statistics.Figures(
    YEAR, "泉州市", "晋江市", 2, 1, 0, 0, 0, 1, 0, Decimal("75.0"), Decimal("60.0"), Decimal("10.0"), 1
)


def test_the_figures_of_a_known_set_per_county_and_in_total(known_set):
    rows, totals = statistics.assessment_statistics(Assessment.objects.all())
    assert rows == [FENGZE, JINJIANG]
    # Averages of the assessments, not of the rows: self (100+90+70+80)/4, assessed (95+75+60)/3, gap (5+15+10)/3.
    assert totals == statistics.Figures(
        None, "合计", "", 4, 3, 1, 0, 1, 1, 150000, Decimal("85.0"), Decimal("76.7"), Decimal("10.0"), 2
    )


# --- The pure functions ---------------------------------------------------------------------------------------


def assessment(self_total=None, assessed_total=None, stars=None, subsidy_yuan=None, status=S.SCORED):
    return SimpleNamespace(
        status=status, self_total=self_total, assessed_total=assessed_total, stars=stars, subsidy_yuan=subsidy_yuan
    )


def test_unqualified_means_scored_without_a_star_or_a_subsidy():
    assert statistics.is_unqualified(assessment(Decimal(70), Decimal(60), None, 0))
    assert statistics.is_unqualified(assessment(Decimal(70), Decimal(60), None, None))
    assert not statistics.is_unqualified(assessment(Decimal(90), Decimal(85), None, 20000))  # a station paid by score
    assert not statistics.is_unqualified(assessment(Decimal(70), None, status=S.SUBMITTED))  # not scored yet


def test_a_large_difference_starts_at_the_portal_s_threshold_either_way():
    assert statistics.LARGE_DIFFERENCE_POINTS == Decimal(10)
    assert statistics.differs_widely(assessment(Decimal(90), Decimal(80)))
    assert statistics.differs_widely(assessment(Decimal(70), Decimal("80.5")))
    assert not statistics.differs_widely(assessment(Decimal(90), Decimal("80.5")))
    assert not statistics.differs_widely(assessment(Decimal(90)))
    assert statistics.difference(assessment(Decimal(70), Decimal("80.5"))) == Decimal("-10.5")


def test_averages_leave_out_what_is_missing_and_round_to_one_place():
    assert statistics.average([Decimal(100), None, Decimal(90), Decimal(70)]) == Decimal("86.7")
    assert statistics.average([Decimal("82.25"), Decimal("82.3")]) == Decimal("82.3")
    assert statistics.average([None]) is None


def test_the_year_shown_is_the_one_asked_for_when_it_has_a_round_else_the_latest():
    assert chosen_year("2025", [2026, 2025]) == 2025
    assert chosen_year("", [2026, 2025]) == 2026
    assert chosen_year("2019", [2026, 2025]) == 2026
    assert chosen_year("x", []) is None


# --- The page -------------------------------------------------------------------------------------------------


def table_rows(html):
    start = html.index('id="assessment-statistics"')
    table = html[start : html.index("</table>", start)]
    return [row.split("</tr>")[0] for row in table.split("<tr")[2:]]


def test_city_staff_see_every_county_of_the_city_with_the_subsidy_in_yuan(client, known_set):
    client.force_login(make_user("qz", groups=["泉州市市级管理员"]))
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<option value="{YEAR}" selected>{YEAR}年度</option>' in html
    fengze, jinjiang, totals = table_rows(html)
    assert "<td>丰泽区</td><td>2</td><td>2</td><td>1</td><td>0</td><td>1</td><td>0</td><td>15万元</td>" in fengze
    assert "<td>95.0</td><td>85.0</td><td>10.0</td><td>1</td>" in fengze
    assert "<td>晋江市</td>" in jinjiang and "<td>0元</td>" in jinjiang
    assert '<th scope="row" colspan="3">合计</th><td>4</td><td>3</td>' in totals and "<td>76.7</td>" in totals


def test_county_staff_see_only_their_county_s_row(client, known_set):
    client.force_login(make_county_staff("晋江市"))
    html = client.get(URL).content.decode()
    jinjiang, totals = table_rows(html)
    assert "<td>晋江市</td><td>2</td><td>1</td>" in jinjiang
    assert "丰泽区" not in html and "15万元" not in html
    assert '<th scope="row" colspan="3">合计</th><td>2</td><td>1</td>' in totals


def test_an_earlier_year_is_chosen_with_the_selector(client, known_set):
    make_round(year=YEAR - 1)
    client.force_login(make_county_staff("晋江市"))
    html = client.get(URL, {"year": YEAR - 1}).content.decode()
    assert f'<option value="{YEAR - 1}" selected>' in html and f'<option value="{YEAR}">' in html
    assert "本年度您可查看的范围内还没有提交的考核材料。" in html and "<td>晋江市</td>" not in html


def test_the_export_reads_back_with_its_header_and_rows(client, known_set):
    client.force_login(make_user("qz", groups=["泉州市市级管理员"]))
    response = client.get(URL, {"year": YEAR, "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == f'attachment; filename="assessment-statistics-{YEAR}.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == f"{YEAR}年度考核统计"
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == [
        "考核年度",
        "设区市",
        "县（市、区）",
        "参加考核",
        "已考核",
        "五星级",
        "四星级",
        "三星级",
        "考核不合格",
        "绩效补助合计（元）",
        "平均自评总分",
        "平均考核总分",
        "平均差值（自评−考核）",
        "自评与考核相差10分及以上",
    ]
    assert rows[1] == [YEAR, "泉州市", "丰泽区", 2, 2, 1, 0, 1, 0, 150000, 95, 85, 10, 1]
    assert rows[3][:4] == [None, "合计", None, 4] and rows[3][11] == pytest.approx(76.7)
    assert len(rows) == 4


def test_anonymous_visitors_are_sent_to_the_admin_login(client, home):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/login/?next={URL}"


def test_staff_without_the_assessment_permission_are_refused_and_see_no_menu_item(client, home):
    client.force_login(make_county_staff("晋江市", "县级编辑"))
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert '"name": "assessment-statistics"' not in client.get("/admin/").content.decode()
    client.force_login(make_county_staff("晋江市"))
    assert '"name": "assessment-statistics"' in client.get("/admin/").content.decode()
