"""Running a site search: every registered model, merged by relevance, with snippets.

Each registered model is searched through Wagtail's search backend (which applies
``search.analysis``); results are merged by score, then filtered by kind and city.  When no
result contains every word, the search is repeated with any word ("partial" results).
"""

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache as shared_cache
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.index import SearchField

from portal import content_version
from portal.regions import City

from .analysis import DICTIONARY, normalise, query_terms
from .backends import IndexQuery, scored_pks
from .facets import NO_CITY, city_word, entry_for_model
from .registry import KIND_LABELS, REGISTRY, Searchable, kind_weight

MAX_QUERY_LENGTH = 100
# Results ranked for one search on the database backends (20 pages of 10); the counts cover every match.
MAX_RANKED = 200
# Results fetched per model on a search cluster before merging.
MAX_RESULTS_PER_MODEL = 300
SNIPPET_LENGTH = 90
SEARCHABLE_TEXT_SECONDS = 24 * 60 * 60
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
    details: list = field(default_factory=list)  # [{"text", "url"}] from the object's search_details(terms)

    @property
    def kind_label(self):
        return KIND_LABELS[self.kind]


@dataclass(frozen=True)
class Match:
    """A result before its object is loaded: which entry, which object, how good."""

    entry: Searchable
    pk: object
    score: float


class Hits(Sequence):
    """The merged results, best first; only the objects of the results looked at (a page's) are loaded."""

    def __init__(self, matches):
        self.matches = matches
        self.loaded = {}

    def __len__(self):
        return len(self.matches)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            match = self.matches[index]
            self.load([match])
            return self.loaded[match]
        wanted = self.matches[index]
        self.load(wanted)
        # An object deleted since the search is left out rather than shown broken.
        return [self.loaded[match] for match in wanted if self.loaded[match] is not None]

    def __iter__(self):
        return iter(self[:])

    def __eq__(self, other):
        return isinstance(other, (list, Hits)) and list(self) == list(other)

    __hash__ = None

    def load(self, matches):
        """Build the Hits of these matches: one query per model among them, each with what its results show.

        (One query joining every page type's table was slower than several simple ones.)
        """
        missing = [match for match in matches if match not in self.loaded]
        objects = {}
        for entry in dict.fromkeys(match.entry for match in missing):
            found = entry.objects([match.pk for match in missing if match.entry is entry])
            objects.update({(entry, pk): obj for pk, obj in found.items()})
        for match in missing:
            obj = objects.get((match.entry, match.pk))
            self.loaded[match] = hit_for(match, obj) if obj is not None else None  # None: deleted since the search


def hit_for(match, obj):
    entry = match.entry
    return Hit(obj, entry.kind, match.score, str(getattr(obj, "title", obj)), entry.url(obj), entry.city_of(obj), "")


@dataclass
class SearchOutcome:
    hits: Sequence
    partial: bool  # True when no result had every word and these have some of them
    terms: list
    kind_counts: dict = field(default_factory=dict)  # results per kind, before the kind filter
    total: int = 0  # every result, also those past the ranked ones that can be paged through


def clean_query(raw):
    return " ".join((raw or "").split())[:MAX_QUERY_LENGTH]


def run_search(raw_query, kind=None, city_slug=None):
    query = clean_query(raw_query)
    terms = query_terms(query)
    if not terms:
        return SearchOutcome(Hits([]), False, [])
    city_id = City.objects.filter(slug=city_slug).values_list("pk", flat=True).first() if city_slug else None
    search = search_index if hasattr(get_search_backend(), "ranked_matches") else search_each_model
    found, kind_counts = search(terms, "and", kind, city_id)
    partial = False
    if not kind_counts and len(terms) > 1:
        (found, kind_counts), partial = search(partial_terms(terms), "or", kind, city_id), True
    total = kind_counts.get(kind, 0) if kind else sum(kind_counts.values())
    return SearchOutcome(Hits(found), partial, highlight_terms(query, terms), kind_counts, total)


def partial_terms(terms):
    """The words a partial search looks for: single characters are left out when longer words remain.

    A misspelt 零工市埸 leaves 零工 市 埸, and 市 alone is in nearly everything.
    """
    return [term for term in terms if len(term) > 1] or terms


def search_index(terms, operator, kind, city_id):
    """The database backends: every kind in one ranked query over the index, each kind's count from the index.

    The index answers the kind and city filters and counts by itself (the city as facet words, ``search.facets``;
    the kind as the backend finds cheapest), never joining the matches to the objects' tables; only the ranked
    results are checked against them (still live, public, not withdrawn), and a count loses those found hidden
    among them.
    """
    backend = get_search_backend()
    query = IndexQuery(tuple(terms), operator)
    if city_id is not None:
        query = query.narrowed(city_word(city_id), NO_CITY)
    kinds = list(KIND_LABELS)
    counts = backend.count_by_kind(query, kinds)
    if not any(counts.values()):
        return [], {}
    wanted = [kind] if kind else kinds
    found, hidden = shown_matches(weighed_ranking(backend, query, wanted))
    kind_counts = {key: counts[key] - hidden[key] for key in kinds if counts[key] - hidden[key] > 0}
    return found, kind_counts


def weighed_ranking(backend, query, kinds):
    """The best ``MAX_RANKED`` index rows of these kinds, each score multiplied by its kind's weight, best first.

    The kinds with a weight are also ranked on their own (a second, narrower query), so that an entry its weight
    lifts among the best is there even when its plain score left it out of the first query's best.
    """
    rows = backend.ranked_matches(query.of_kinds(*kinds), MAX_RANKED)
    weighed_kinds = [kind for kind in kinds if kind_weight(kind) != 1]
    if weighed_kinds and len(weighed_kinds) < len(kinds):
        rows += backend.ranked_matches(query.of_kinds(*weighed_kinds), MAX_RANKED)
    scores = {}
    for content_type_id, object_id, score in rows:
        scores[content_type_id, object_id] = score * kind_weight(kind_of_content_type(content_type_id))
    best = sorted(scores.items(), key=lambda item: item[1], reverse=True)[:MAX_RANKED]
    return [(content_type_id, object_id, score) for (content_type_id, object_id), score in best]


def kind_of_content_type(content_type_id):
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    entry = entry_for_model(model) if model is not None else None
    return entry.kind if entry is not None else None


def shown_matches(rows):
    """The Matches of ranked index rows whose objects a visitor may see, and how many of each kind were not.

    Pages must be live and public (one query for every page type); an entry that narrows further (markets not
    withdrawn, clauses of live policies, documents outside closed collections) checks its own. The city needs no
    check: the index's facet words answered it.
    """
    candidates = defaultdict(dict)
    for content_type_id, object_id, score in rows:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        entry = entry_for_model(model) if model is not None else None
        if entry is not None:
            candidates[entry][model._meta.pk.to_python(object_id)] = score
    page_pks = [pk for entry, scores in candidates.items() if entry.is_page for pk in scores]
    live = set(Page.objects.live().public().filter(pk__in=page_pks).values_list("pk", flat=True)) if page_pks else set()
    found, hidden = [], Counter()
    for entry, scores in candidates.items():
        shown = entry.narrowed_pks([pk for pk in scores if pk in live] if entry.is_page else list(scores))
        found += [Match(entry, pk, score) for pk, score in scores.items() if pk in shown]
        hidden[entry.kind] += len(scores) - len(shown)
    found.sort(key=lambda match: match.score, reverse=True)
    return found, hidden


def search_each_model(terms, operator, kind, city_id):
    """A search cluster (Elasticsearch, OpenSearch): each registered model searched, the results merged."""
    found = [match for entry in REGISTRY.values() for match in _ranked(entry, " ".join(terms), operator)]
    found.sort(key=lambda match: match.score, reverse=True)
    if city_id:
        found = in_city(found, city_id)
    counts = Counter(match.entry.kind for match in found)
    kind_counts = {key: counts[key] for key in KIND_LABELS if counts[key]}
    return ([match for match in found if match.entry.kind == kind] if kind else found), kind_counts


def _ranked(entry, query, operator):
    """The entry's best matches, best first (a larger score is better)."""
    backend = get_search_backend()
    results = backend.search(query, entry.own_queryset(), operator=operator).annotate_score("_score")
    direction = getattr(backend, "score_direction", 1)
    weight = kind_weight(entry.kind)
    return [
        Match(entry, pk, weight * direction * (score or 0)) for pk, score in scored_pks(results[:MAX_RESULTS_PER_MODEL])
    ]


def in_city(matches, city_id):
    """The matches in that city or in none (shown under every city)."""
    city_ids = {}
    for entry in dict.fromkeys(match.entry for match in matches):
        city_ids[entry] = entry.city_ids([match.pk for match in matches if match.entry is entry])
    return [match for match in matches if city_ids[match.entry].get(match.pk) in (None, city_id)]


def highlight_terms(query, terms):
    """Words to mark in snippets: the query itself and its words, longest first."""
    words = {query, *terms} - {""}
    words = {word for word in words if len(word) > 1 or not word.isascii()}
    return sorted(words, key=len, reverse=True)


def searchable_text(obj):
    """The plain text of an object's indexed fields other than its title (a page's kept until the site changes).

    Reading a policy page's clauses and blocks takes milliseconds; a broad search shows the same pages often.
    """
    if not isinstance(obj, Page):
        return read_searchable_text(obj)
    key = f"search-text:{content_version.current()}:{obj.pk}:{get_language()}"
    text = shared_cache.get(key)
    if text is None:
        text = read_searchable_text(obj)
        shared_cache.set(key, text, SEARCHABLE_TEXT_SECONDS)
    return text


def read_searchable_text(obj):
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


def details(obj, terms):
    """The lines a result adds under its snippet, if its model offers any (see registry)."""
    offered = getattr(obj, "search_details", None)
    return offered(terms) if offered else []


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
