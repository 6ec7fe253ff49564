"""Running a site search: every registered model, merged by relevance, with snippets.

Each registered model is searched through Wagtail's search backend (which applies
``search.analysis``); results are merged by score, then filtered by kind and city.  When no
result contains every word, the search is repeated with any word ("partial" results).
"""

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from django.utils.html import conditional_escape, format_html
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.index import SearchField

from .analysis import DICTIONARY, normalise, query_terms
from .registry import KIND_LABELS, REGISTRY, entry_for

MAX_QUERY_LENGTH = 100
# Results fetched per model before merging; deeper pages of a very broad query are cut here.
MAX_RESULTS_PER_MODEL = 300
SNIPPET_LENGTH = 90
EXAMPLE_QUERIES = ["零工市场", "零工驿站", "运维补助", "星级认定", "泥水工", "宁人社规〔2024〕3号"]


@dataclass
class Hit:
    obj: object
    kind: str
    score: float
    title: str
    url: str
    city: object
    snippet: str

    @property
    def kind_label(self):
        return KIND_LABELS[self.kind]


@dataclass
class SearchOutcome:
    hits: list
    partial: bool  # True when no result had every word and these have some of them
    terms: list
    kind_counts: dict = field(default_factory=dict)  # results per kind, before the kind filter


def clean_query(raw):
    return " ".join((raw or "").split())[:MAX_QUERY_LENGTH]


def _scored(entry, query, operator):
    backend = get_search_backend()
    results = backend.search(query, entry.queryset(), operator=operator).annotate_score("_score")
    direction = getattr(backend, "score_direction", 1)
    return [(obj, direction * (obj._score or 0)) for obj in results[:MAX_RESULTS_PER_MODEL]]


def _search_all(query, operator):
    found = []
    for entry in REGISTRY.values():
        for obj, score in _scored(entry, query, operator):
            if isinstance(obj, Page):
                obj = obj.specific
            if entry_for(obj) is entry:  # a subclass registered on its own is found there
                found.append((obj, entry, score))
    found.sort(key=lambda item: item[2], reverse=True)
    return found


def run_search(raw_query, kind=None, city_slug=None):
    query = clean_query(raw_query)
    terms = query_terms(query)
    if not terms:
        return SearchOutcome([], False, [])
    found, partial = _search_all(query, "and"), False
    if not found and len(terms) > 1:
        found, partial = _search_all(query, "or"), True
    hits = []
    for obj, entry, score in found:
        city = entry.city(obj)
        if city_slug and city is not None and city.slug != city_slug:
            continue
        hits.append(Hit(obj, entry.kind, score, str(getattr(obj, "title", obj)), entry.url(obj), city, ""))
    counts = Counter(hit.kind for hit in hits)
    kind_counts = {key: counts[key] for key in KIND_LABELS if counts[key]}
    if kind:
        hits = [hit for hit in hits if hit.kind == kind]
    return SearchOutcome(hits, partial, highlight_terms(query, terms), kind_counts)


def highlight_terms(query, terms):
    """Words to mark in snippets: the query itself and its words, longest first."""
    words = {query, *terms} - {""}
    words = {word for word in words if len(word) > 1 or not word.isascii()}
    return sorted(words, key=len, reverse=True)


def searchable_text(obj):
    """The plain text of an object's indexed fields other than its title."""
    texts = []
    for search_field in obj.get_search_fields():
        if isinstance(search_field, SearchField) and search_field.field_name != "title":
            texts.extend(flatten(search_field.get_value(obj)))
    return " ".join(normalise_for_display(text) for text in texts if text)


def flatten(value):
    """Strings of a search field value (rich text gives a list of strings)."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [text for item in value for text in flatten(item)]
    if isinstance(value, dict):
        return flatten(list(value.values()))
    return [str(value)]


def normalise_for_display(text):
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


def snippet(obj, terms, length=SNIPPET_LENGTH):
    """A piece of the object's text around the first matched word, with matches in <mark>."""
    text = searchable_text(obj)
    if not text:
        return ""
    lowered = normalise(text)
    positions = [lowered.find(term) for term in terms if term and lowered.find(term) >= 0]
    start = max(0, min(positions) - length // 3) if positions else 0
    marked = mark_terms(text[start : start + length], terms)
    return format_html("{}{}{}", "…" if start else "", marked, "…" if start + length < len(text) else "")


def mark_terms(text, terms):
    """HTML-escaped text with every occurrence of a term wrapped in <mark>."""
    if not terms:
        return conditional_escape(text)
    pattern = re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)
    pieces, position = [], 0
    for match in pattern.finditer(text):
        pieces.append(format_html("{}<mark>{}</mark>", text[position : match.start()], match.group()))
        position = match.end()
    pieces.append(conditional_escape(text[position:]))
    return format_html("{}" * len(pieces), *pieces)


@cache
def dictionary_words():
    lines = DICTIONARY.read_text(encoding="utf-8").splitlines()
    return [line.split()[0] for line in lines if line.strip()]


def did_you_mean(raw_query, limit=3):
    """Close words from the domain dictionary and page titles, for a query that found nothing."""
    query = clean_query(raw_query)
    if not query:
        return []
    titles = list(Page.objects.live().public().filter(depth__gt=2).values_list("title", flat=True)[:500])
    candidates = [word for word in dict.fromkeys(dictionary_words() + titles) if word != query]
    close = difflib.get_close_matches(query, candidates, n=limit, cutoff=0.5)
    if len(close) < limit:
        shared = [word for word in candidates if word not in close and set(query) & set(word) and len(word) <= 8]
        shared.sort(key=lambda word: -len(set(query) & set(word)))
        close += shared[: limit - len(close)]
    return close


def suggestions(raw_query, limit=8):
    """Titles completing what has been typed so far, for the search box's list."""
    query = clean_query(raw_query)
    if not query_terms(query):
        return []
    backend = get_search_backend()
    found = []
    for entry in REGISTRY.values():
        if not entry.is_page:
            continue
        for page in backend.autocomplete(query, entry.queryset())[:limit]:
            found.append({"title": page.title, "url": page.get_url(), "kind": str(KIND_LABELS[entry.kind])})
    words = [word for word in dictionary_words() if word.startswith(query) and word != query]
    found += [{"title": word, "url": "", "kind": ""} for word in words[:3]]
    return found[:limit]
