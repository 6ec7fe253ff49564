"""Chinese working days (工作日): the one place that says whether a day is a working day.

For each year, in this order:

- a year the bureau has entered (法定节假日安排, ``forms.cases.official_calendar``) is Monday to
  Friday minus its holidays plus its make-up working days (调休上班); the package is
  not consulted for it;
- a year chinesecalendar knows (the State Council's notices up to the package's release)
  follows the package;
- any other year is *unknown*: Monday to Friday, and ``unknown_years`` says so, so that
  the case page can tell the handler the time limits are an estimate.

The bureau's entries for a year are read once and kept in this process for
``CACHE_SECONDS``; saving or deleting an entry empties the cache at once in the process
that saved it, and the other gunicorn workers pick the change up when theirs expires.
"""

import datetime
from functools import lru_cache
from time import monotonic

import chinese_calendar
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from .official_calendar import OfficialCalendarDay, OfficialCalendarYear

BUREAU = "bureau"
PACKAGE = "package"
UNKNOWN = "unknown"

CACHE_SECONDS = 60
WARN_FROM_MONTH = 12  # from December the dashboard asks for next year's arrangement

_bureau_years = {}  # year -> (monotonic time loaded, {date: is a working day} or None)


@lru_cache
def package_knows_year(year: int) -> bool:
    """Whether the installed chinesecalendar has the State Council's arrangement for ``year``."""
    try:
        chinese_calendar.is_workday(datetime.date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


def load_bureau_year(year: int):
    """The bureau's entries for ``year`` from the database: {date: True for 调休上班, False for 放假},
    or None if the bureau has not entered the year."""
    rows = OfficialCalendarYear.objects.filter(year=year).values_list("days__date", "days__kind")
    entered = False
    days = {}
    for day, kind in rows:
        entered = True
        if day is not None:
            days[day] = kind == OfficialCalendarDay.Kind.WORKDAY
    return days if entered else None


def bureau_days(year: int):
    """``load_bureau_year(year)``, read at most once per ``CACHE_SECONDS`` in this process."""
    cached = _bureau_years.get(year)
    if cached is not None and monotonic() - cached[0] < CACHE_SECONDS:
        return cached[1]
    days = load_bureau_year(year)
    _bureau_years[year] = (monotonic(), days)
    return days


def clear_cache():
    _bureau_years.clear()


def _entries_changed(**kwargs):
    # Now, and again once the change is committed (a read in between would cache what is
    # not committed yet; outside a transaction on_commit runs at once).
    clear_cache()
    transaction.on_commit(clear_cache)


for _model in (OfficialCalendarYear, OfficialCalendarDay):
    post_save.connect(_entries_changed, sender=_model, dispatch_uid=f"working_days_{_model.__name__}_saved")
    post_delete.connect(_entries_changed, sender=_model, dispatch_uid=f"working_days_{_model.__name__}_deleted")


def calendar_source(year: int) -> str:
    """BUREAU, PACKAGE or UNKNOWN: where ``year``'s working days come from."""
    if bureau_days(year) is not None:
        return BUREAU
    if package_knows_year(year):
        return PACKAGE
    return UNKNOWN


def is_known_year(year: int) -> bool:
    return calendar_source(year) != UNKNOWN


def is_working_day(day: datetime.date) -> bool:
    days = bureau_days(day.year)
    if days is not None:
        return days.get(day, day.weekday() < 5)
    if package_knows_year(day.year):
        return chinese_calendar.is_workday(day)
    return day.weekday() < 5


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date ``days`` working days after ``start`` (the day of receipt does not count)."""
    day = start
    remaining = days
    while remaining > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after ``start`` up to and including ``end`` (negative if ``end`` is earlier)."""
    if end < start:
        return -working_days_between(end, start)
    count = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def unknown_years(start: datetime.date, end: datetime.date) -> list[int]:
    """The unknown years of the days after ``start`` up to ``end``, i.e. the years in which
    a time limit counted from ``start`` to ``end`` was counted Monday to Friday."""
    first = start + datetime.timedelta(days=1)
    return [year for year in range(first.year, end.year + 1) if not is_known_year(year)]


def year_to_enter(today: datetime.date):
    """Next year, if it is December and next year is unknown (the dashboard's warning); else None."""
    if today.month < WARN_FROM_MONTH or is_known_year(today.year + 1):
        return None
    return today.year + 1
