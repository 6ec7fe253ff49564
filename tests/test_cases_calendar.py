"""The State Council's holidays as the bureau enters them (法定节假日安排): the working days they
give, the admin where city administrators enter them, the dashboard's December warning and the
case page's note when time limits were counted Monday to Friday."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from forms.cases import working_days
from forms.cases.official_calendar import day_problem
from forms.cases.working_days import (
    add_working_days,
    calendar_source,
    is_working_day,
    unknown_years,
    working_days_between,
    year_to_enter,
)
from forms.complaints.models import Complaint, OfficialCalendarDay, OfficialCalendarYear

from .complaints_factories import HOLIDAY, MAKE_UP_DAY, make_complaint, make_official_calendar
from .utils import make_city_staff, make_county_staff

pytestmark = pytest.mark.django_db

D = datetime.date
SHANGHAI = ZoneInfo("Asia/Shanghai")
DECEMBER_1 = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=SHANGHAI)
NOVEMBER_30 = datetime.datetime(2026, 11, 30, 10, 0, tzinfo=SHANGHAI)
ADD_URL = reverse("wagtailsnippets_forms_officialcalendaryear:add")
LIST_URL = reverse("wagtailsnippets_forms_officialcalendaryear:list")

# An arrangement for 2027 as a notice might give it (Friday 1 January; 春节 Monday to Friday
# 8–12 February, with Saturday 20 February worked instead).
ARRANGEMENT_2027 = [
    (D(2027, 1, 1), HOLIDAY, "元旦"),
    *[(D(2027, 2, day), HOLIDAY, "春节") for day in range(8, 13)],
    (D(2027, 2, 20), MAKE_UP_DAY, "春节"),
]


@pytest.fixture(autouse=True)
def seeded(home):
    """The seeded groups, counties and pages, put back if a transactional test before this one flushed them."""
    return home


@pytest.fixture(autouse=True)
def calendar_as_released(monkeypatch, time_machine):
    """1 December 2026, and chinesecalendar as it stood when it knew 2004–2026, whichever version
    is installed (conftest.py empties the cache of the bureau's entries around every test)."""
    time_machine.move_to(DECEMBER_1, tick=False)
    monkeypatch.setattr(working_days, "package_knows_year", lambda year: 2004 <= year <= 2026)


def case_url(case):
    return reverse("forms_complaint_modeladmin_inspect", args=[case.pk])


def calendar_form(year, days, **fields):
    """The admin's form for a year with its inline days."""
    data = {
        "year": str(year),
        "notice_title": fields.get("notice_title", ""),
        "notice_number": fields.get("notice_number", ""),
        "notice_date": fields.get("notice_date", ""),
        "days-TOTAL_FORMS": str(len(days)),
        "days-INITIAL_FORMS": "0",
        "days-MIN_NUM_FORMS": "1",
        "days-MAX_NUM_FORMS": "1000",
    }
    for index, (day, kind, name) in enumerate(days):
        data.update(
            {
                f"days-{index}-id": "",
                f"days-{index}-date": day.isoformat(),
                f"days-{index}-kind": kind,
                f"days-{index}-name": name,
                f"days-{index}-DELETE": "",
            }
        )
    return data


# --- the rules ---


def test_a_day_on_the_wrong_kind_of_day_or_outside_the_year_is_named_with_the_reason():
    assert day_problem(2027, D(2027, 2, 8), HOLIDAY) == ""
    assert day_problem(2027, D(2027, 2, 20), MAKE_UP_DAY) == ""
    assert (
        day_problem(2027, D(2027, 2, 6), HOLIDAY)
        == "2027年2月6日是星期六，本来就休息：只需录入落在周一至周五的放假日。"
    )
    assert (
        day_problem(2027, D(2027, 2, 10), MAKE_UP_DAY)
        == "2027年2月10日是星期三，本来就上班：调休上班日应是周六或周日，请核对日期。"
    )
    assert day_problem(2027, D(2028, 1, 3), HOLIDAY) == "2028年1月3日不在2027年内，请核对日期。"


def test_a_year_the_bureau_entered_counts_its_holidays_and_make_up_days():
    make_official_calendar(2027, ARRANGEMENT_2027)
    assert calendar_source(2027) == working_days.BUREAU
    # received Thursday 31 December: Friday 1 January is 元旦, so the next working day is Monday
    assert add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 4)
    assert add_working_days(D(2027, 2, 5), 1) == D(2027, 2, 15)
    assert is_working_day(D(2027, 2, 20))  # Saturday, worked instead
    assert not is_working_day(D(2027, 2, 21))  # an ordinary Sunday
    # 15–19 February, Saturday the 20th and Monday the 22nd
    assert working_days_between(D(2027, 2, 5), D(2027, 2, 22)) == 7
    assert unknown_years(D(2026, 12, 15), D(2027, 1, 20)) == []


def test_a_year_the_bureau_entered_replaces_the_package_for_that_year():
    # the package has 1–7 October 2026 off; the bureau's entry has only the 1st and 2nd
    make_official_calendar(2026, [(D(2026, 10, 1), HOLIDAY, "国庆节"), (D(2026, 10, 2), HOLIDAY, "国庆节")])
    assert calendar_source(2026) == working_days.BUREAU
    assert not is_working_day(D(2026, 10, 1))
    assert is_working_day(D(2026, 10, 6))
    assert add_working_days(D(2026, 9, 30), 1) == D(2026, 10, 5)


def test_a_year_neither_knows_counts_monday_to_friday_and_says_so():
    assert calendar_source(2026) == working_days.PACKAGE
    assert calendar_source(2027) == working_days.UNKNOWN
    assert add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 1)
    assert unknown_years(D(2026, 12, 1), D(2026, 12, 22)) == []
    assert unknown_years(D(2026, 12, 15), D(2027, 1, 20)) == [2027]
    assert unknown_years(D(2026, 12, 31), D(2028, 1, 5)) == [2027, 2028]


def test_the_bureaus_entries_are_read_once_per_year_and_again_after_a_change(django_assert_num_queries):
    make_official_calendar(2027, ARRANGEMENT_2027)
    with django_assert_num_queries(1):
        assert add_working_days(D(2027, 2, 5), 10) == D(2027, 2, 25)
        assert working_days_between(D(2027, 1, 1), D(2027, 2, 26)) == 36
    with django_assert_num_queries(0):
        assert not is_working_day(D(2027, 2, 12))
    OfficialCalendarDay.objects.get(date=D(2027, 2, 12)).delete()
    assert is_working_day(D(2027, 2, 12))
    OfficialCalendarYear.objects.get(year=2027).delete()
    assert calendar_source(2027) == working_days.UNKNOWN


def test_a_change_made_in_another_worker_is_seen_once_the_cache_expires(monkeypatch):
    make_official_calendar(2027, ARRANGEMENT_2027)
    clock = [1000.0]
    monkeypatch.setattr(working_days, "monotonic", lambda: clock[0])
    assert not is_working_day(D(2027, 1, 1))
    # an update() sends no signal, as a save in another gunicorn worker does not reach this one
    OfficialCalendarDay.objects.filter(date=D(2027, 1, 1)).update(date=D(2027, 1, 4))
    clock[0] += working_days.CACHE_SECONDS - 1
    assert not is_working_day(D(2027, 1, 1))
    clock[0] += 2
    assert is_working_day(D(2027, 1, 1))
    assert not is_working_day(D(2027, 1, 4))


# --- the admin ---


def test_city_administrators_enter_a_year_in_the_admin(client):
    client.force_login(make_city_staff("宁德市", "市级管理员"))
    data = calendar_form(
        2027,
        ARRANGEMENT_2027,
        notice_title="国务院办公厅关于2027年部分节假日安排的通知",
        notice_number="国办发明电〔2026〕7号",
        notice_date="2026-11-12",
    )
    response = client.post(ADD_URL, data)
    assert response.status_code == 302
    calendar = OfficialCalendarYear.objects.get(year=2027)
    assert calendar.notice_number == "国办发明电〔2026〕7号"
    assert calendar.notice_date == D(2026, 11, 12)
    assert [(day.date, day.kind, day.name) for day in calendar.days.all()] == ARRANGEMENT_2027
    assert add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 4)
    listing = client.get(LIST_URL).content.decode()
    assert "国务院办公厅关于2027年部分节假日安排的通知" in listing


def test_a_wrong_day_is_an_error_on_its_date_and_nothing_is_saved(client):
    client.force_login(make_city_staff("泉州市", "市级管理员"))
    days = [(D(2027, 2, 6), HOLIDAY, "春节"), (D(2027, 2, 10), MAKE_UP_DAY, "春节"), (D(2028, 1, 3), HOLIDAY, "元旦")]
    response = client.post(ADD_URL, calendar_form(2027, days))
    assert response.status_code == 200
    forms = response.context["form"].formsets["days"].forms
    assert [form.errors for form in forms] == [
        {"date": ["2027年2月6日是星期六，本来就休息：只需录入落在周一至周五的放假日。"]},
        {"date": ["2027年2月10日是星期三，本来就上班：调休上班日应是周六或周日，请核对日期。"]},
        {"date": ["2028年1月3日不在2027年内，请核对日期。"]},
    ]
    assert "2027年2月6日是星期六，本来就休息" in response.content.decode()
    assert not OfficialCalendarYear.objects.exists()


def test_only_city_administrators_may_enter_the_holidays(client):
    codenames = {f"{action}_officialcalendaryear" for action in ("view", "add", "change", "delete")}

    def granted(group_name):
        permissions = Group.objects.get(name=group_name).permissions
        return set(permissions.filter(codename__in=codenames).values_list("codename", flat=True))

    for city in ("泉州市", "宁德市"):
        assert granted(f"{city}市级管理员") == codenames
        assert granted(f"{city}市级编辑") == set()
    assert granted("晋江市县级办案人员") == set()
    menu_link = f'"url": "{LIST_URL}"'
    client.force_login(make_city_staff("泉州市", "市级管理员"))
    assert menu_link in client.get(reverse("wagtailadmin_home")).content.decode()
    assert client.get(ADD_URL).status_code == 200
    client.force_login(make_county_staff("晋江市"))
    assert menu_link not in client.get(reverse("wagtailadmin_home")).content.decode()
    response = client.get(ADD_URL)
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


# --- the dashboard, from December ---


def december_warning(year):
    return (
        f"{year}年法定节假日尚未录入：请在“投诉建议 → 法定节假日安排”录入国务院公布的放假安排，"
        f"否则{year}年的办理时限将按周一至周五计算。"
    )


def test_next_year_is_asked_for_from_december_while_neither_the_bureau_nor_the_package_knows_it(monkeypatch):
    assert year_to_enter(D(2026, 11, 30)) is None
    assert year_to_enter(D(2026, 12, 1)) == 2027
    make_official_calendar(2027, ARRANGEMENT_2027)
    assert year_to_enter(D(2026, 12, 31)) is None
    monkeypatch.setattr(working_days, "package_knows_year", lambda year: 2004 <= year <= 2028)
    assert year_to_enter(D(2027, 12, 1)) is None


def test_in_december_the_dashboard_asks_for_next_years_holidays_until_they_are_entered(client):
    next_year = timezone.localdate().year + 1
    client.force_login(make_city_staff("泉州市", "市级管理员"))
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert december_warning(next_year) in dashboard
    assert f'href="{ADD_URL}"' in dashboard
    make_official_calendar(next_year, [(D(next_year, 1, 1), HOLIDAY, "元旦")])
    assert "法定节假日尚未录入" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_warning_is_not_shown_before_december_nor_to_staff_who_cannot_enter_holidays(client, time_machine):
    time_machine.move_to(NOVEMBER_30, tick=False)
    client.force_login(make_city_staff("泉州市", "市级管理员"))
    assert "法定节假日尚未录入" not in client.get(reverse("wagtailadmin_home")).content.decode()
    time_machine.move_to(DECEMBER_1, tick=False)
    assert "法定节假日尚未录入" in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(make_county_staff("晋江市"))
    assert "法定节假日尚未录入" not in client.get(reverse("wagtailadmin_home")).content.decode()


# --- the case page ---


def test_the_case_page_says_when_time_limits_were_counted_monday_to_friday(client):
    client.force_login(make_county_staff("晋江市"))
    received = timezone.localdate()
    next_year = received.year + 1
    close_due = add_working_days(received, 15)
    assert close_due.year == received.year
    this_year_only, _ = make_complaint(
        "晋江市", submitted_at=timezone.now(), acknowledge_due=add_working_days(received, 1), close_due=close_due
    )
    # an approved extension takes the other case's deadline into next year
    extended, _ = make_complaint(
        "晋江市",
        status=Complaint.Status.IN_PROGRESS,
        submitted_at=timezone.now(),
        acknowledge_due=add_working_days(received, 1),
        close_due=add_working_days(close_due, 10),
        extension_state=Complaint.Extension.APPROVED,
        extension_days=10,
    )
    note = f"办理时限按周一至周五推算：{next_year}年法定节假日尚未公布，公布后请核对。"
    page = client.get(case_url(extended)).content.decode()
    assert f'<dd class="calendar-note" id="calendar-note"><strong class="deadline-soon">{note}</strong></dd>' in page
    assert "calendar-note" not in client.get(case_url(this_year_only)).content.decode()
    make_official_calendar(next_year, ARRANGEMENT_2027)
    assert "calendar-note" not in client.get(case_url(extended)).content.decode()
