"""The merged results as a user pages through them: one order, counts that add up, the city filter, snippets."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType

from policies.models import PolicyPage
from search.backends import IndexQuery
from search.engine import partial_terms, run_search, weighed_ranking
from search.facets import city_word, facet_words, kind_word
from search.models import DocumentText

from .markets_factories import make_market

pytestmark = pytest.mark.django_db


def search_page(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def result_titles(html):
    return re.findall(r'<h2 class="search-result__title"><a href="[^"]*">([^<]*)</a>', html)


def test_pages_follow_one_best_first_order_across_kinds(client, home):
    outcome = run_search("零工市场")
    titles = [hit.title for hit in outcome.hits]
    scores = [hit.score for hit in outcome.hits]
    assert scores == sorted(scores, reverse=True)
    assert len({hit.kind for hit in outcome.hits}) > 2  # policies, markets, notices… merged in one list
    first, second = (
        result_titles(search_page(client, q="零工市场")),
        result_titles(search_page(client, q="零工市场", page=2)),
    )
    assert first == titles[:10] and second == titles[10:20]


def test_kind_counts_add_up_to_the_results_and_name_what_the_kind_filter_shows(client, home):
    outcome = run_search("晋江")
    assert sum(outcome.kind_counts.values()) == len(outcome.hits)
    for kind, count in outcome.kind_counts.items():
        only = run_search("晋江", kind=kind)
        assert len(only.hits) == count
        assert {hit.kind for hit in only.hits} == {kind}
        assert only.kind_counts == outcome.kind_counts  # the chips keep every kind's count


def test_the_city_filter_keeps_that_city_and_results_for_both_cities(home):
    everything = run_search("零工市场")
    ningde = run_search("零工市场", city_slug="ningde")
    assert {hit.city.slug for hit in ningde.hits if hit.city} == {"ningde"}
    assert any(hit.city is None for hit in ningde.hits)  # e.g. the 零工市场 section, shown under every city
    expected = [hit.title for hit in everything.hits if hit.city is None or hit.city.slug == "ningde"]
    assert [hit.title for hit in ningde.hits] == expected
    assert sum(ningde.kind_counts.values()) == len(ningde.hits) < len(everything.hits)


def test_a_market_shows_its_city_and_a_snippet_with_the_words_marked(client, home):
    make_market("晋江市", name="晋江市鲟鱼街道零工驿站", facility_type="station", address="晋江市鲟鱼路8号")
    html = search_page(client, q="鲟鱼")
    assert "晋江市鲟鱼街道零工驿站" in result_titles(html)
    assert '<span class="badge">泉州市</span>' in html
    assert "<mark>鲟鱼</mark>路8号" in html


def test_partial_results_come_only_when_no_result_has_every_word(home):
    partial = run_search("泥水工 鲟鱼")
    assert partial.partial and partial.hits
    whole_word = run_search("泥水工")
    assert whole_word.partial is False
    assert {hit.url for hit in partial.hits} == {hit.url for hit in whole_word.hits}  # what has 泥水工


def test_the_index_carries_each_entrys_kind_and_city_so_filters_and_counts_need_no_join(home):
    market = make_market("福鼎市", name="福鼎市鲟鱼街道零工驿站", facility_type="station")
    assert facet_words(market) == f"{kind_word('market')} {city_word(market.county.city_id)}"
    outcome = run_search("鲟鱼")
    assert outcome.kind_counts == {"market": 1} and outcome.total == 1
    assert run_search("鲟鱼", city_slug="ningde").total == 1
    assert run_search("鲟鱼", city_slug="quanzhou").total == 0
    assert run_search("鲟鱼", kind="notice").hits == []


def test_a_hidden_match_is_neither_listed_nor_counted(home):
    make_market("福鼎市", name="福鼎市鲟鱼街道零工驿站", facility_type="station")
    make_market("福鼎市", name="福鼎市鲟鱼社区零工驿站", facility_type="station", publish=False)
    outcome = run_search("鲟鱼")
    assert [hit.title for hit in outcome.hits] == ["福鼎市鲟鱼街道零工驿站"]
    assert outcome.kind_counts == {"market": 1} and outcome.total == 1


def test_a_partial_search_leaves_out_single_characters_when_longer_words_remain():
    assert partial_terms(["零工", "市", "埸"]) == ["零工"]  # 零工市埸, misspelt: 市 alone is in nearly everything
    assert partial_terms(["泥水工", "鲟鱼"]) == ["泥水工", "鲟鱼"]
    assert partial_terms(["市", "埸"]) == ["市", "埸"]


class RankingBackend:
    """A database backend's ranking as rows given in advance: the first query's, then the weighed kinds' own."""

    def __init__(self, everything, policies):
        self.answers, self.asked = [everything, policies], []

    def ranked_matches(self, query, limit):
        self.asked.append(query.kinds)
        return self.answers[len(self.asked) - 1]


def content_type_id(model):
    return ContentType.objects.get_for_model(model).pk


def test_a_policy_matching_about_as_well_as_a_form_comes_before_it(home):
    policy, form = content_type_id(PolicyPage), content_type_id(DocumentText)
    # The policy's plain score left it out of the first query's best; its own kind's ranking brings it back.
    backend = RankingBackend(everything=[(form, "1", 9.0), (form, "2", 8.0)], policies=[(policy, "7", 7.0)])
    ranked = weighed_ranking(backend, IndexQuery(("一次性运维补助",)), ["policy", "document"])
    assert ranked == [(policy, "7", 10.5), (form, "1", 9.0), (form, "2", 8.0)]
    assert backend.asked == [("policy", "document"), ("policy",)]


def test_a_search_of_one_kind_asks_the_index_once(home):
    backend = RankingBackend(everything=[], policies=[])
    assert weighed_ranking(backend, IndexQuery(("泥水工",)), ["notice"]) == []
    assert backend.asked == [("notice",)]
