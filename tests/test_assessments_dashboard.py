"""The dashboard's 年度考核待办 panel: the user's counties' assessments awaiting the county, the deadline marked."""

import datetime

import pytest

from forms.assessments.dashboard import deadline_state

from .assessments_factories import make_round, start_in_county, submit_in_county
from .utils import SHANGHAI, SUITE_TODAY, make_county_staff, make_user

pytestmark = pytest.mark.django_db
YEAR = SUITE_TODAY.year


@pytest.fixture
def round_(home):
    """Quanzhou's round, due 30 November (a week after the suite's day): one pending in 丰泽区, two in 晋江市, and a
    draft in 丰泽区 (the operator's, not the county's)."""
    round_ = make_round()
    submit_in_county(round_, 1, "丰泽区")
    submit_in_county(round_, 2, "晋江市")
    submit_in_county(round_, 3, "晋江市")
    start_in_county(round_, 4, "丰泽区")
    return round_


def panel(client, user):
    client.force_login(user)
    html = client.get("/admin/").content.decode()
    start = html.index('id="assessments-pending"')
    return html[start : html.index("</section>", start)]


def test_a_county_user_sees_their_county_s_count_and_not_another_county_s(client, round_):
    html = panel(client, make_county_staff("丰泽区"))
    assert (
        '<a href="/admin/assessments/assessment/?status=submitted" id="assessments-pending-all">待考核 1 件</a>' in html
    )
    assert f'<a href="/admin/assessments/assessment/?status=submitted&amp;round={round_.pk}">{round_}：1 件</a>' in html
    assert f"县级考核完成时限 {YEAR}年11月30日" in html and '<strong class="due-soon">即将到期</strong>' in html
    html = panel(client, make_county_staff("晋江市"))
    assert "待考核 2 件" in html and f"{round_}：2 件" in html


def test_city_staff_see_every_county_of_their_city(client, round_):
    assert "待考核 3 件" in panel(client, make_user("qz", groups=["泉州市市级管理员"]))


def test_past_the_deadline_it_says_overdue(client, round_, time_machine):
    time_machine.move_to(datetime.datetime(YEAR, 12, 1, 9, 0, tzinfo=SHANGHAI), tick=False)
    html = panel(client, make_county_staff("丰泽区"))
    assert '<strong class="overdue">逾期</strong>' in html and '<strong class="due-soon">' not in html


def test_nothing_pending_says_so(client, home):
    html = panel(client, make_county_staff("丰泽区"))
    assert "没有待考核的材料。" in html and "待考核 " not in html
    assert "/static/assessments/figures.css" in client.get("/admin/").content.decode()  # the panel's media


def test_staff_without_the_assessment_permission_have_no_panel(client, round_):
    client.force_login(make_county_staff("丰泽区", "县级编辑"))
    assert 'id="assessments-pending"' not in client.get("/admin/").content.decode()


def test_the_deadline_is_due_soon_within_seven_days_and_overdue_after_it():
    today = datetime.date(2026, 11, 23)
    assert deadline_state(datetime.date(2026, 11, 22), today) == "overdue"
    assert deadline_state(today, today) == "due_soon"
    assert deadline_state(datetime.date(2026, 11, 30), today) == "due_soon"
    assert deadline_state(datetime.date(2026, 12, 1), today) == ""
