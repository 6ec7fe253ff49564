"""Indexing: immediate on publish, rebuilt by update_index, shared by the API and every backend."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.rich_text import RichText
from wagtail.search.backends import get_search_backend

from markets.models import MarketIndexPage
from policies.models import PolicyPage
from search.engine import run_search

pytestmark = pytest.mark.django_db

NINGDE_PLAN = "宁德市零工市场规范化建设实施方案"


def titles(query, **filters):
    """Titles of the results containing every word of the query (not the partial fallback)."""
    outcome = run_search(query, **filters)
    return [] if outcome.partial else [hit.title for hit in outcome.hits]


def test_the_configured_backend_is_the_analyzed_one_for_this_database(home):
    expected = {"postgresql": "ChinesePostgresSearchBackend", "sqlite": "ChineseSQLiteSearchBackend"}
    assert type(get_search_backend()).__name__ == expected[connection.vendor]


def add_paragraph(policy, text):
    policy.body.append(("paragraph", RichText(f"<p>{text}</p>")))


def test_a_published_edit_is_searchable_at_once_and_the_old_text_is_gone(home):
    policy = PolicyPage.objects.get(title=NINGDE_PLAN)
    assert NINGDE_PLAN not in titles("鲟鱼养殖补贴")
    add_paragraph(policy, "对鲟鱼养殖补贴另行规定。")
    policy.title = "宁德市零工市场规范化建设实施方案（修订）"
    policy.save_revision().publish()

    assert "宁德市零工市场规范化建设实施方案（修订）" in titles("鲟鱼养殖补贴")
    assert "宁德市零工市场规范化建设实施方案（修订）" in titles("修订")


def test_a_draft_is_not_searchable_until_published(home):
    policy = PolicyPage.objects.get(title=NINGDE_PLAN)
    add_paragraph(policy, "蟋蟀鉴赏。")
    revision = policy.save_revision()  # a draft: the live page is unchanged
    assert NINGDE_PLAN not in titles("蟋蟀")
    revision.publish()
    assert NINGDE_PLAN in titles("蟋蟀")


def test_an_unpublished_page_disappears_from_results(home):
    policy = PolicyPage.objects.get(title=NINGDE_PLAN)
    policy.unpublish()
    assert NINGDE_PLAN not in titles("宁人社规")


def test_update_index_rebuilds_everything(home):
    get_search_backend().reset_indexes()
    assert titles("宁人社规") == []
    assert titles("晋江") == []

    call_command("update_index", stdout=io.StringIO())

    assert NINGDE_PLAN in titles("宁人社规")
    assert "晋江市" in titles("晋江")


def test_api_v2_search_uses_the_same_analysis(client, home):
    response = client.get("/api/v2/pages/", {"search": "规范化建设", "type": "policies.PolicyPage"})
    assert response.status_code == 200
    assert NINGDE_PLAN in [item["title"] for item in response.json()["items"]]

    response = client.get("/api/v2/pages/", {"search": "宁人社规〔2024〕3号"})
    assert NINGDE_PLAN in [item["title"] for item in response.json()["items"]][:3]

    response = client.get("/api/v2/pages/", {"search": "晋江"})
    assert "晋江市" in [item["title"] for item in response.json()["items"]]


def test_cluster_documents_carry_the_same_analyzed_text(home):
    from modelsearch.backends.elasticsearchbase import ElasticsearchBaseMapping

    from search.backends.cluster import SEGMENTED_ANALYSIS, AnalyzedMappingMixin

    mapping_class = type("Mapping", (AnalyzedMappingMixin, ElasticsearchBaseMapping), {})
    document = mapping_class(PolicyPage).get_document(PolicyPage.objects.get(title=NINGDE_PLAN))
    title_tokens = document[mapping_class(PolicyPage).get_field_column_name(PolicyPage.search_fields[0])].split()
    assert {"宁德", "零工市场", "零工", "规范化建设"} <= set(title_tokens)
    assert "宁人社规2024年3号" in " ".join(str(value) for value in document.values())
    assert SEGMENTED_ANALYSIS["settings"]["analysis"]["analyzer"]["default"]["tokenizer"] == "whitespace"


def test_a_section_page_is_found_by_its_title(home):
    section = MarketIndexPage.objects.get()
    assert section.title in titles("零工市场", kind="market")
