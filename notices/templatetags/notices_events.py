"""{% upcoming_events %}: the next few events for the home page, or a market's own (``market=page``);
{% events_signing_up_with page %}: the upcoming events whose sign-up is this form, for the form's page to link back."""

from django import template

from .. import event_pages

register = template.Library()

HOME_COUNT = 3
MARKET_COUNT = 5


def events_section(context):
    """The events section: among the navigation's sections when it is in the menu (no query), else looked up."""
    for section in context.get("nav_sections") or ():
        if section.specific_class is event_pages.EventIndexPage:
            return section
    return event_pages.EventIndexPage.objects.live().first()


@register.simple_tag(takes_context=True)
def upcoming_events(context, market=None):
    """{"events": [...], "index": the events section or None}: one query (two when the section is not in the menu)."""
    events = event_pages.upcoming_events()
    if market:  # "" when the including template has no market
        events = events.filter(market=market)
    return {"events": list(events[: MARKET_COUNT if market else HOME_COUNT]), "index": events_section(context)}


@register.simple_tag
def events_signing_up_with(form_page):
    """The upcoming events whose 在线报名 is ``form_page`` (one query)."""
    return list(event_pages.upcoming_events().filter(signup_form=form_page))
