"""Issue 18: no English on the zh-Hans public site — a walk over every public page type reads its visible text and
the attributes a screen reader speaks (placeholder, aria-label, title, alt, button values)."""

import re
from html.parser import HTMLParser

import pytest

from .utils import public_page_urls

pytestmark = pytest.mark.django_db

# Words that are names, not English prose: the language switcher's own name and file formats and standards.
# WCAG's Chinese name is 《Web内容无障碍指南》, and Cookie is what Chinese sites call one.
ALLOWED = {"English", "DOCX", "PDF", "CSV", "Excel", "xlsx", "Word", "RSS", "iCalendar", "WCAG", "Web", "Cookie"}
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


def english_words(html):
    reader = ReadText()
    reader.feed(html)
    return set(ENGLISH_WORD.findall(" ".join(reader.parts))) - ALLOWED


def test_no_public_page_speaks_english_in_chinese(client, home):
    found = {url: english_words(client.get(url).content.decode()) for url in public_page_urls().values()}
    assert {url: words for url, words in found.items() if words} == {}


def test_the_walk_would_catch_english():
    assert english_words('<p>共 3 份</p><input placeholder="Search all pages…">') == {"Search", "all", "pages"}
