"""PostgreSQL's posting list (search/migrations/0003): every index entry's words with their weights, kept by triggers.

The search counts and ranks from it alone, so it must follow every write to the index, whoever makes it.
"""

import pytest
from django.db import connection
from wagtail.search.backends import get_search_backend

from policies.models import PolicyPage
from search.backends import IndexQuery
from search.registry import KIND_LABELS

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the posting list is PostgreSQL's alone"),
]

NINGDE_PLAN = "宁德市零工市场规范化建设实施方案"


def rows(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def entry_id(page):
    return rows(
        "SELECT id FROM wagtailsearch_indexentry WHERE object_id = %s AND content_type_id = %s",
        [str(page.pk), page.content_type_id],
    )[0][0]


def postings(entry):
    return dict(rows("SELECT term, weight FROM search_indexposting WHERE entry_id = %s", [entry]))


def test_each_word_of_an_entry_has_its_rank_in_the_entry_as_weight(home):
    entry = entry_id(PolicyPage.objects.get(title=NINGDE_PLAN))
    words = postings(entry)
    expected = rows(
        "SELECT ts_rank(title, to_tsquery('simple', %s)) * title_norm + ts_rank(body, to_tsquery('simple', %s)) "
        "FROM wagtailsearch_indexentry WHERE id = %s",
        ["规范化", "规范化", entry],
    )[0][0]
    assert words["规范化"] == pytest.approx(expected, rel=1e-5) and expected > 0
    assert words["zzkindpolicy"] == 0  # facet words are matched, never weighed


def test_an_edit_replaces_the_entrys_words_and_a_deletion_removes_them(home):
    policy = PolicyPage.objects.get(title=NINGDE_PLAN)
    policy.title = "宁德市零工市场规范化建设实施方案（鲟鱼修订）"
    policy.save_revision().publish()
    entry = entry_id(policy)
    assert "鲟鱼" in postings(entry)

    policy.title = NINGDE_PLAN
    policy.save_revision().publish()
    assert "鲟鱼" not in postings(entry) and "规范化" in postings(entry)

    get_search_backend().delete(policy)
    assert postings(entry) == {}


def test_emptying_the_index_empties_the_posting_list(home):
    assert rows("SELECT count(*) FROM search_indexposting")[0][0] > 0
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE wagtailsearch_indexentry")  # as a test database's flush does
    assert rows("SELECT count(*) FROM search_indexposting")[0][0] == 0


def test_counts_and_ranking_agree_with_the_index_entries(home):
    backend = get_search_backend()
    query = IndexQuery(("零工市场",), "and")
    counts = backend.count_by_kind(query, list(KIND_LABELS))
    matching = rows(
        "SELECT count(*) FROM wagtailsearch_indexentry WHERE title @@ plainto_tsquery('simple', %s) "
        "OR body @@ plainto_tsquery('simple', %s) OR autocomplete @@ plainto_tsquery('simple', %s)",
        ["零工市场"] * 3,
    )[0][0]
    assert 0 < sum(counts.values()) <= matching
    ranked = backend.ranked_matches(query.of_kinds(*KIND_LABELS), 5)
    scores = [score for _, _, score in ranked]
    assert scores == sorted(scores, reverse=True) and len(ranked) == 5


def test_a_word_without_lexemes_matches_nothing_and_any_word_of_a_partial_search_does(home):
    backend = get_search_backend()
    assert backend.ranked_matches(IndexQuery(("零工市场", "〔〕"), "and"), 10) == []
    either = backend.ranked_matches(IndexQuery(("鲟鱼鲟鱼", "规范化"), "or"), 10)
    both = backend.ranked_matches(IndexQuery(("规范化",), "and"), 10)
    assert either and either == both
