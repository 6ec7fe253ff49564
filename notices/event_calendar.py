"""iCalendar (RFC 5545) files of events: the feed of upcoming events and one event's download (加入日历).

Times are written with TZID=Asia/Shanghai and the VTIMEZONE they refer to; each event's UID is its page's id at the
portal's host, so a calendar that subscribed to the feed updates the event in place when it changes.
"""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import normalize_newlines
from icalendar import Calendar, Event, vGeo

PRODID = "-//泉州·宁德零工市场服务平台//招聘活动//ZH"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def event_uid(event):
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
    return f"event-{event.pk}@{host}"


def plain_text(html):
    for tag in ("</p>", "</li>", "<br>", "<br/>"):
        html = html.replace(tag, tag + "\n")
    text = normalize_newlines(strip_tags(html))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def vevent(event, url):
    item = Event()
    item.add("uid", event_uid(event))
    item.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    item.add("dtstart", timezone.localtime(event.starts_at))
    item.add("dtend", timezone.localtime(event.ends_at))
    item.add("summary", f"【{event.get_kind_display()}】{event.title}")
    item.add("location", event.place_text())
    description = [f"主办单位：{event.organiser}", plain_text(event.offers), url]
    item.add("description", "\n".join(part for part in description if part))
    item.add("url", url)
    item.add("categories", [event.get_kind_display()])
    coordinates = event.coordinates()
    if coordinates is not None:
        item.add("geo", vGeo(coordinates))
    if event.last_published_at:
        item.add("last-modified", event.last_published_at.astimezone(datetime.UTC))
    return item


def calendar(events, request, name):
    """A VCALENDAR of ``events`` (EventPages), their URLs absolute for ``request``."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    for event in events:
        cal.add_component(vevent(event, request.build_absolute_uri(event.get_url(request))))
    cal.add_missing_timezones()
    return cal


def calendar_response(cal, filename, download=False):
    response = HttpResponse(cal.to_ical(), content_type=CONTENT_TYPE)
    if download:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
