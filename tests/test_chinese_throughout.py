"""Issue 18: no English on the zh-Hans public site — a walk over every public page type reads its visible text and
the attributes a screen reader speaks (placeholder, aria-label, title, alt, button values)."""

import re
from html.parser import HTMLParser

import pytest

from forms.built.models import BuiltFormPage
from markets.models import MarketPage
from notices.models import EventPage, NoticePage
from policies.models import PolicyPage
from wages.models import WageGuidePage

pytestmark = pytest.mark.django_db

# Words that are names, not English prose: the language switcher's own name and file formats and standards.
ALLOWED = {"English", "DOCX", "PDF", "CSV", "Excel", "xlsx", "RSS", "iCalendar"}
SPOKEN_ATTRIBUTES = {"placeholder", "aria-label", "title", "alt"}
ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z'’]{2,}")


class ReadText(HTMLParser):
    """The text a visitor sees or hears: data outside script and style, and the spoken attributes."""

    def __init__(self):
        super().__init__()
        self.parts, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in ("script", "style")
        attributes = dict(attrs)
        self.parts += [value for name, value in attrs if name in SPOKEN_ATTRIBUTES and value]
        if tag == "input" and attributes.get("type") in ("submit", "button") and attributes.get("value"):
            self.parts.append(attributes["value"])

    def handle_endtag(self, tag):
        self.hidden -= tag in ("script", "style")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def public_urls():
    market = MarketPage.objects.live().first()
    return [
        "/",
        "/policies/",
        PolicyPage.objects.live().first().url,
        "/library/",
        "/markets/",
        market.get_parent().url,
        market.url,
        "/wage-guide/",
        WageGuidePage.objects.live().first().url,
        "/notices/",
        NoticePage.objects.live().first().url,
        "/events/",
        EventPage.objects.live().first().url,
        "/search/?q=零工",
        "/feedback/",
        "/feedback/complaint/",
        "/services/",
        BuiltFormPage.objects.live().first().url,
        "/operators/login/",
        "/operators/register/",
        "/assessment/calculator/",
        "/assessment/criteria/quanzhou/",
        "/no-such-page/",
    ]


def english_words(html):
    reader = ReadText()
    reader.feed(html)
    return set(ENGLISH_WORD.findall(" ".join(reader.parts))) - ALLOWED


def test_no_public_page_speaks_english_in_chinese(client, home):
    found = {url: english_words(client.get(url).content.decode()) for url in public_urls()}
    assert {url: words for url, words in found.items() if words} == {}


def test_the_walk_would_catch_english():
    assert english_words('<p>共 3 份</p><input placeholder="Search all pages…">') == {"Search", "all", "pages"}
