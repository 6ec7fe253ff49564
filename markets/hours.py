"""Opening hours: is a market open at a given moment (Asia/Shanghai)?"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_noop

SHANGHAI = ZoneInfo("Asia/Shanghai")
# Marked for translation only: the values stay Chinese (model choices); pages translate them when shown.
WEEKDAYS = [
    gettext_noop("周一"),
    gettext_noop("周二"),
    gettext_noop("周三"),
    gettext_noop("周四"),
    gettext_noop("周五"),
    gettext_noop("周六"),
    gettext_noop("周日"),
]
# Shown for a day without opening spans.
CLOSED = gettext_noop("休息")


@dataclass(frozen=True)
class Span:
    opens: time
    closes: time

    def contains(self, moment: time) -> bool:
        return self.opens <= moment < self.closes


def local_now(now=None):
    return (now or datetime.now(SHANGHAI)).astimezone(SHANGHAI)


def spans_on(day: date, weekly: dict, exceptions: dict):
    """The opening spans on ``day``: an exception for that date replaces the weekly hours.

    ``weekly`` maps a weekday (0 = Monday) to spans; ``exceptions`` maps a date to
    spans (an empty list means closed all day).
    """
    if day in exceptions:
        return exceptions[day]
    return weekly.get(day.weekday(), [])


def spans_text(spans):
    """ "08:30–12:00、14:30–17:30" (earliest first), or "" for a day without opening spans."""
    return "、".join(f"{span.opens:%H:%M}–{span.closes:%H:%M}" for span in sorted(spans, key=lambda span: span.opens))


def is_open(weekly: dict, exceptions: dict, now=None) -> bool:
    moment = local_now(now)
    return any(span.contains(moment.time()) for span in spans_on(moment.date(), weekly, exceptions))


def next_change(now: datetime, times_of_day) -> datetime:
    """The first moment after ``now`` at one of ``times_of_day`` (when some market opens or closes), or the next
    midnight if none comes sooner: until then no market's 现在开放 changes."""
    moment = local_now(now)
    midnight = datetime.combine(moment.date(), time(), SHANGHAI) + timedelta(days=1)
    later = [datetime.combine(moment.date(), t, SHANGHAI) for t in times_of_day if t > moment.time()]
    return min([*later, midnight])
