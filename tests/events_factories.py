"""make_event: an event page under the events section, published like an editor would."""

import datetime

from notices.event_kinds import EventKind
from notices.models import EventIndexPage, EventPage
from portal.regions import County

from .utils import SHANGHAI, SUITE_NOW


def at(days, hour=9, minute=0):
    """A moment ``days`` after the suite's day, at ``hour``:``minute`` in Asia/Shanghai."""
    day = SUITE_NOW.date() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour, minute), SHANGHAI)


def make_event(
    title="测试零工专场招聘会",
    *,
    county="晋江市",
    kind=EventKind.JOB_FAIR,
    starts_at=None,
    ends_at=None,
    market=None,
    address="测试地址",
    **fields,
):
    county_row = market.county if market else County.objects.select_related("city").get(name=county)
    starts_at = starts_at or at(7)
    page = EventPage(
        title=title,
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at or starts_at + datetime.timedelta(hours=3),
        city=county_row.city,
        county=county_row,
        market=market,
        address="" if market else address,
        organiser="测试人社局",
        offers="<p>岗位对接</p>",
        **fields,
    )
    EventIndexPage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    return EventPage.objects.get(pk=page.pk)
