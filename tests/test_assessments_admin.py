"""The bureau's side of the annual assessment: the case list and page, experts scoring, the roster, the rounds."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from forms.assessments.models import Assessment, AssessmentEvent, AssessmentRound
from forms.assessments.participants import eligible_markets
from forms.assessments.workflow import start_assessment, submit
from portal.regions import City

from .assessments_factories import (
    add_placements,
    criterion_max,
    fill_self_assessment,
    make_operator_market,
    make_round,
    make_submitted_assessment,
    resident_id,
)
from .utils import SUITE_TODAY, make_city_staff, make_county_staff

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/assessments/assessment/"
ROUNDS_URL = reverse("wagtailsnippets_assessments_assessmentround:list")
ADD_ROUND_URL = reverse("wagtailsnippets_assessments_assessmentround:add")
YEAR = SUITE_TODAY.year


def case_url(assessment):
    return reverse("assessments_assessment_modeladmin_inspect", args=[assessment.pk])


def act(client, assessment, action, **fields):
    data = {"action": action, **{f"{action}-{name}": value for name, value in fields.items()}}
    return client.post(case_url(assessment), data)


def full_marks(assessment, **changes):
    """Every item at its 基本分值, but ``changes`` ({"points_1": "3"})."""
    fields = {f"points_{item.number}": str(criterion_max(assessment, item.number)) for item in assessment.items.all()}
    return fields | changes


@pytest.fixture
def assessment(home):
    return make_submitted_assessment()


@pytest.fixture
def fengze(client):
    user = make_county_staff("丰泽区")
    client.force_login(user)
    return user


# --- The case list and page ------------------------------------------------------------------------


def test_the_county_lists_and_opens_its_submitted_assessment(client, assessment, fengze):
    html = client.get(LIST_URL).content.decode()
    assert assessment.receipt_no in html and assessment.market.title in html and "待考核" in html
    html = client.get(case_url(assessment)).content.decode()
    assert assessment.receipt_no in html and "工作运营方案落实情况报告.pdf" in html
    assert "基本分值" in html and "自评分值" in html and "考核分值" in html


def test_another_county_neither_lists_nor_opens_it(client, assessment):
    client.force_login(make_county_staff("晋江市"))
    assert assessment.receipt_no not in client.get(LIST_URL).content.decode()
    assert client.get(case_url(assessment)).status_code == 404
    assert act(client, assessment, "score", **full_marks(assessment)).status_code == 404
    assert not assessment.expert_scores.exists()


def test_a_draft_is_not_the_bureau_s(client, home, fengze):
    round_ = make_round()
    user, profile, market = make_operator_market()
    draft = start_assessment(round_, profile, market, user)
    assert draft.receipt_no not in client.get(LIST_URL).content.decode()
    assert client.get(case_url(draft)).status_code == 404


def test_the_evidence_file_opens_only_for_those_who_may_open_the_case(client, assessment, fengze):
    report = assessment.evidence.get()
    url = reverse("assessments_evidence", args=[report.pk])
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Security-Policy"] == "sandbox"
    client.force_login(make_county_staff("晋江市"))
    assert client.get(url).status_code == 404


# --- Experts score, the county completes ----------------------------------------------------------


def test_two_experts_score_on_the_page_and_it_shows_both_the_average_and_the_large_difference(client, assessment):
    top = criterion_max(assessment, 1)
    first, second = make_county_staff("丰泽区", username="expert1"), make_county_staff("丰泽区", username="expert2")
    for expert, item_1 in ((first, top - 2), (second, top - 3)):
        client.force_login(expert)
        response = act(client, assessment, "score", **full_marks(assessment, points_1=str(item_1), comment_1="偏高"))
        assert response.status_code == 302, response.content.decode()
    html = client.get(case_url(assessment)).content.decode()
    assert "expert1" in html and "expert2" in html
    row = item_row(html, 1)
    assert str(top - 2) in row and str(top - 3) in row and str(top - Decimal("2.5")) in row
    assert "差异较大" in row and "large-difference" in row
    assert "差异较大" not in item_row(html, 2)
    assert html.count('class="difference-marker"') == 1
    assert "解读" in html and "平均数" in html  # the expert_trim rule value's note
    assert assessment.events.filter(action=AssessmentEvent.Action.EXPERT_SCORED).count() == 2


def item_row(html, number):
    start = html.index(f'id="item-{number}"')
    return html[start : html.index("</tr>", start)]


def test_a_score_above_the_item_s_points_is_refused_next_to_it_and_what_was_typed_stays(client, assessment, fengze):
    too_many = str(criterion_max(assessment, 3) + 1)
    response = act(client, assessment, "score", **full_marks(assessment, points_3=too_many, comment_3="待核"))
    assert response.status_code == 200
    row = item_row(response.content.decode(), 3)
    assert "不能超过该项基本分值" in row and f'value="{too_many}"' in row and 'value="待核"' in row
    assert not assessment.expert_scores.exists()


def test_completion_shows_the_star_and_the_subsidy(client, assessment, fengze):
    assert act(client, assessment, "score", **full_marks(assessment)).status_code == 302
    assert act(client, assessment, "complete", note="经专家组考核").status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SCORED and assessment.stars == 5
    html = client.get(case_url(assessment)).content.decode()
    assert "考核结果" in html and "五星级" in html and assessment.subsidy_text in html
    assert f"泉州市{YEAR}年度五星级零工市场" in html and "经专家组考核" in html
    assert 'id="action-score"' not in html  # nothing left to score
    html = client.get(LIST_URL).content.decode()
    assert "五星级" in html and "已考核" in html
    told = [m for m in mail.outbox if assessment.receipt_no in m.subject and "已考核" in m.subject]
    assert told and told[0].to == [assessment.operator.user.email]


# --- The roster -----------------------------------------------------------------------------------


def test_the_roster_is_masked_until_revealed_and_the_reveal_is_recorded(client, assessment, fengze):
    full_id = resident_id(0)
    html = client.get(case_url(assessment)).content.decode()
    assert "务**" in html and "138****0000" in html and f"{full_id[:4]}**" in html
    assert full_id not in html and "13800000000" not in html and "务工人员1<" not in html
    html = act(client, assessment, "reveal").content.decode()
    assert full_id in html and "13800000000" in html
    event = assessment.events.get(action=AssessmentEvent.Action.REVEALED)
    assert event.actor == fengze
    html = client.get(case_url(assessment)).content.decode()
    assert full_id not in html and "查看完整号码" in html and fengze.username in html


def test_a_person_another_market_placed_in_the_same_month_is_flagged(client, assessment, fengze):
    user, profile, market = make_operator_market("operator2")
    other = start_assessment(assessment.round, profile, market, user)
    add_placements(other, 1, placed_on=datetime.date(YEAR, 6, 20))  # the same person as row 1, in June too
    fill_self_assessment(other)
    submit(other, user)
    html = client.get(case_url(assessment)).content.decode()
    assert html.count("同月重复推荐") == 1 and other.market.title in html


# --- Rounds ---------------------------------------------------------------------------------------


def round_data(city, **changes):
    values = {
        "city": str(city.pk),
        "year": str(YEAR),
        "reference_date": f"{YEAR}-11-30",
        "period_start": f"{YEAR}-01-01",
        "period_end": f"{YEAR}-10-31",
        "opens_on": str(SUITE_TODAY - datetime.timedelta(days=3)),
        "closes_on": str(SUITE_TODAY + datetime.timedelta(days=7)),
        "scoring_due": f"{YEAR}-12-20",
        "scoring_due_basis": "实施方案 二（二）：每年11月30日前（本年度延至12月20日）",
    }
    return values | changes


@pytest.fixture
def quanzhou_admin(client, home):
    user = make_city_staff("泉州市", "市级管理员")
    client.force_login(user)
    return user


def quanzhou():
    return City.objects.get(slug="quanzhou")


def test_the_add_form_starts_from_the_proposed_dates(client, quanzhou_admin):
    html = client.get(ADD_ROUND_URL, {"city": "ningde", "year": YEAR}).content.decode()
    assert f'value="{YEAR}-11-30"' in html  # not Ningde's: the user's only city is Quanzhou
    assert "实施方案 二（二）" in html and "按政策建议的日期填写" in html


def test_ningde_s_proposal_is_marked_as_an_interpretation(client, home):
    client.force_login(make_city_staff("宁德市", "市级管理员"))
    html = client.get(ADD_ROUND_URL, {"year": YEAR}).content.decode()
    assert f'value="{YEAR}-12-31"' in html and "未规定考核时限" in html and "解读" in html


def test_bad_dates_are_refused_in_chinese_next_to_the_field_and_what_was_typed_stays(client, quanzhou_admin):
    data = round_data(quanzhou(), closes_on=str(SUITE_TODAY - datetime.timedelta(days=5)), scoring_due=f"{YEAR}-01-01")
    response = client.post(ADD_ROUND_URL, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["closes_on"] == ["报送截止日期不能早于报送开始日期。"]
    assert errors["scoring_due"] == ["县级考核完成时限不能早于运营单位报送截止日期。"]
    html = response.content.decode()
    assert "报送截止日期不能早于报送开始日期。" in html and data["scoring_due_basis"] in html
    assert f'value="{data["closes_on"]}"' in html
    assert not AssessmentRound.objects.exists()


def test_a_second_round_of_the_same_year_is_refused_with_a_message(client, quanzhou_admin):
    make_round(opens_on=SUITE_TODAY + datetime.timedelta(days=1))
    response = client.post(ADD_ROUND_URL, round_data(quanzhou()))
    assert response.status_code == 200
    assert response.context["form"].errors["year"] == [f"泉州市{YEAR}年度的考核已经建立，请在列表中打开修改。"]
    assert AssessmentRound.objects.count() == 1


def test_a_round_created_with_its_window_open_is_announced_to_eligible_operators(client, quanzhou_admin):
    _user, _profile, market = make_operator_market()
    make_operator_market("operator2", recognized_on=datetime.date(YEAR, 9, 1))  # too new to take part
    mail.outbox.clear()
    response = client.post(ADD_ROUND_URL, round_data(quanzhou()))
    assert response.status_code == 302
    round_ = AssessmentRound.objects.get()
    assert round_.announced_at is not None
    assert [message.to for message in mail.outbox] == [["operator@example.com"]]
    assert str(round_) in mail.outbox[0].subject and market.title in mail.outbox[0].body
    html = client.get(ROUNDS_URL).content.decode()
    assert str(round_) in html and "待考核" in html


def test_a_round_opening_later_is_not_announced_yet(client, quanzhou_admin):
    make_operator_market()
    mail.outbox.clear()
    later = round_data(quanzhou(), opens_on=str(SUITE_TODAY + datetime.timedelta(days=1)))
    assert client.post(ADD_ROUND_URL, later).status_code == 302
    assert AssessmentRound.objects.get().announced_at is None and mail.outbox == []


def test_the_round_list_counts_eligible_markets_and_assessments_by_status(client, assessment, quanzhou_admin):
    make_operator_market("operator2")
    html = client.get(ROUNDS_URL).content.decode()
    assert str(assessment.round) in html
    assert "待考核</a> 1" in html and "已考核</a> 0" in html
    assert f"round={assessment.round.pk}&amp;status=submitted" in html
    eligible = len(eligible_markets(assessment.round))  # the seeded directory's markets and the two operators'
    assert f"<td >\n    {eligible}\n</td>" in html


def test_ningde_cannot_see_or_create_quanzhou_s_rounds(client, home):
    round_ = make_round()
    client.force_login(make_city_staff("宁德市", "市级管理员"))
    assert str(round_) not in client.get(ROUNDS_URL).content.decode()
    edit = reverse("wagtailsnippets_assessments_assessmentround:edit", args=[round_.pk])
    assert client.get(edit).status_code == 404
    response = client.post(ADD_ROUND_URL, round_data(quanzhou(), year=str(YEAR + 1)))
    assert response.status_code == 200 and "city" in response.context["form"].errors
    assert not AssessmentRound.objects.filter(year=YEAR + 1).exists()


def test_county_staff_have_no_round_screens(client, home):
    make_round()
    client.force_login(make_county_staff("丰泽区"))
    response = client.get(ROUNDS_URL)
    assert response.status_code == 302 and response["Location"] == "/admin/"
