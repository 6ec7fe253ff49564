"""{% upcoming_events %}: the next few events for the home page, or a market's own (``market=page``)."""

from django import template

from .. import event_pages

register = template.Library()

HOME_COUNT = 3
MARKET_COUNT = 5


@register.simple_tag
def upcoming_events(market=None):
    """{"events": [...], "index": the events section or None}: two queries."""
    events = event_pages.upcoming_events()
    if market:  # "" when the including template has no market
        events = events.filter(market=market)
    return {
        "events": list(events[: MARKET_COUNT if market else HOME_COUNT]),
        "index": event_pages.EventIndexPage.objects.live().first(),
    }
