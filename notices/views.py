"""The events' iCalendar files: ``/events/calendar.ics`` (every upcoming event: subscribe to it) and
``/events/<id>.ics`` (加入日历: one event, downloaded). Wagtail serves page URLs only with a trailing slash, so these
are Django's URLs, not routes of the pages."""

from django.shortcuts import get_object_or_404

from .event_calendar import calendar, calendar_response
from .event_pages import EventIndexPage, EventPage, upcoming_events


def calendar_feed(request):
    index = EventIndexPage.objects.live().public().first()
    name = index.title if index is not None else "招聘培训活动"
    return calendar_response(calendar(upcoming_events(), request, name), "events.ics")


def event_calendar(request, pk):
    event = get_object_or_404(EventPage.objects.live().public().select_related("market"), pk=pk)
    return calendar_response(calendar([event], request, event.title), f"event-{event.pk}.ics", download=True)
