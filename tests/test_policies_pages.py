"""Policy pages: metadata and status, numbered clauses with anchors, annexes, criteria linked both ways,
the filtered index and interpretation pages."""

import io
import re

import pytest
from django.core.management import call_command

from policies.models import AssessmentCriterion, PolicyAnnex, PolicyClause, RuleValue
from tests.policies_factories import NINGDE_PLAN, QUANZHOU_PLAN, make_interpretation, make_policy, seeded_policy

pytestmark = pytest.mark.django_db


def html_of(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_quanzhou_plan_has_its_standards_24_clauses_with_anchors(client, home):
    """QZ 附件1: 24 numbered clauses, each citable as #clause-N."""
    page = seeded_policy(QUANZHOU_PLAN)
    html = html_of(client, page.url)
    assert [int(n) for n in re.findall(r'id="clause-(\d+)"', html)] == list(range(1, 25))
    assert "零工市场服务场所面积应不少于200㎡" in html
    clause = page.clauses.get(number=21)
    assert clause.anchor == "clause-21"
    assert clause.get_absolute_url() == "/policies/quanzhou-standardisation-plan-2025/#clause-21"
    assert "零工市场需配备2人及以上工作人员" in clause.text


def test_ningde_plan_has_its_standards_22_clauses_and_metadata(client, home):
    """ND 附件1: 22 numbered clauses; 宁人社规〔2024〕3号, issued 2024-03-13, valid until 2026-12-31."""
    page = seeded_policy(NINGDE_PLAN)
    html = html_of(client, page.url)
    assert [int(n) for n in re.findall(r'id="clause-(\d+)"', html)] == list(range(1, 23))
    for text in ("宁人社规〔2024〕3号", "宁德市人力资源和社会保障局、宁德市财政局", "2024年3月13日", "2026年12月31日"):
        assert text in html
    assert "即将失效（2026年12月31日失效）" in html
    assert "零工市场服务场所面积应不少于60㎡" in page.clauses.get(number=3).text


def test_plan_text_is_sectioned_with_anchors(client, home):
    """The plan's own text keeps its numbered sections; the subsidy section is linkable (ND 二（四） → #part-2-4)."""
    html = html_of(client, seeded_policy(NINGDE_PLAN).url)
    assert re.search(r'<h3 class="doc-section" id="part-2-4">\(四\)规范零工市场运行模式</h3>', html)
    assert 'href="#part-1"' in html  # table of contents


def test_quanzhou_page_shows_consultation_status_and_no_document_number(client, home):
    html = html_of(client, seeded_policy(QUANZHOU_PLAN).url)
    assert 'data-status="consultation"' in html and "征求意见中" in html
    assert "文号" not in html


def test_quanzhou_annexes_2_to_5_are_items_with_word_downloads(client, home):
    """QZ 附件2–5: recognition form, subsidy form, placement roster and the assessment form, each downloadable."""
    page = seeded_policy(QUANZHOU_PLAN)
    annexes = {annex.label: annex for annex in page.annexes.all()}
    assert set(annexes) == {"附件1", "附件2", "附件3", "附件4", "附件5"}
    for label in ("附件2", "附件3", "附件4", "附件5"):
        document = annexes[label].document
        assert document is not None and document.file.name.endswith(".docx")
    from docx import Document as WordDocument

    with annexes["附件5"].document.file.open("rb") as handle:
        table = WordDocument(handle).tables[0]
    assert len(table.rows) == 1 + 16 + 1  # header, 16 items, 合计
    assert "统一社会信用代码" in annexes["附件2"].description
    html = html_of(client, page.url)
    assert html.count("下载（DOCX）") == 4


def test_ningde_annex_list_without_invented_contents(client, home):
    """ND: annexes 2–3 of the plan and 1–4 of the standard are named only. The standard's 附件1 and 2 offer the
    application forms' interpretation (the one the form download page offers), said to be one; the others no file."""
    page = seeded_policy(NINGDE_PLAN)
    titles = list(page.annexes.values_list("title", flat=True))
    assert "宁德市零工市场(驿站)工作考核表" in titles and "宁德市零工市场(驿站)建设任务指导表" in titles
    assert len(titles) == 7
    with_files = page.annexes.exclude(label="附件1").filter(document__isnull=False)
    assert sorted(with_files.values_list("label", flat=True)) == ["标准附件1", "标准附件2"]
    assert all(annex.document.title.endswith("（参照拟定）") for annex in with_files)
    assert client.get(page.url).content.decode().count("本表栏目参照泉州市附件2、附件3拟定，属于解读") == 2


def test_quanzhou_criteria_add_up_to_100_and_link_to_clauses_annex5(home):
    """QZ 附件5: 16 items, 100 points; item 1 ↔ clause 3 (minimum area), item 2 ↔ clause 21 (staff)."""
    criteria = AssessmentCriterion.objects.filter(city__slug="quanzhou")
    assert criteria.count() == 16
    assert sum(criterion.max_points for criterion in criteria) == 100
    assert criteria.get(number=9).max_points == 15 and criteria.get(number=15).max_points == 10
    assert 3 in criteria.get(number=1).clauses.values_list("number", flat=True)
    assert list(criteria.get(number=2).clauses.values_list("number", flat=True)) == [21, 22]


def test_ningde_takes_quanzhous_sixteen_items_as_an_interpretation_tied_to_its_own_clauses(client, home):
    """Ningde 实施方案 附件4 (工作考核表) is named, not given: Quanzhou's items and points, marked 解读."""
    criteria = AssessmentCriterion.objects.filter(city__slug="ningde")
    assert criteria.count() == 16 and sum(criterion.max_points for criterion in criteria) == 100
    assert all(criterion.is_interpretation and "附件4" in criterion.interpretation_note for criterion in criteria)
    area = criteria.get(number=1).clauses
    assert set(area.values_list("page__city__slug", flat=True)) == {"ningde"} and 3 in area.values_list(
        "number", flat=True
    )
    assert not criteria.filter(rule_text__contains="泉就业").exists()
    html = html_of(client, "/assessment/criteria/ningde/")
    assert html.count('href="/assessment/criteria/ningde/') == 16 and 'id="criteria-interpretation"' in html


def test_clause_lists_its_criteria_and_criterion_shows_clause_text(client, home):
    """Both ways: QZ 附件1 第21条 lists 第2项 (5分); 第2项 quotes clause 21 and links back to #clause-21."""
    page = seeded_policy(QUANZHOU_PLAN)
    html = html_of(client, page.url)
    clause_21 = html[html.index('id="clause-21"') : html.index('id="clause-22"')]
    assert 'href="/assessment/criteria/quanzhou/2/"' in clause_21 and "第2项 人员管理（5分）" in clause_21
    detail = html_of(client, "/assessment/criteria/quanzhou/2/")
    assert "零工市场需配备2人及以上工作人员" in detail
    assert 'href="/policies/quanzhou-standardisation-plan-2025/#clause-21"' in detail


def test_bureau_edits_the_links_and_the_page_follows(client, home):
    """The links are data: removing clause 21 from item 2 and adding clause 23 shows on both pages."""
    page = seeded_policy(QUANZHOU_PLAN)
    criterion = AssessmentCriterion.objects.get(city__slug="quanzhou", number=2)
    criterion.clauses.remove(page.clauses.get(number=21))
    criterion.clauses.add(page.clauses.get(number=23))
    html = html_of(client, page.url)
    assert "第2项" not in html[html.index('id="clause-21"') : html.index('id="clause-22"')]
    assert "第2项" in html[html.index('id="clause-23"') : html.index('id="clause-24"')]


def test_the_kept_text_and_clauses_follow_a_renamed_criterion_at_once(client, home, settings):
    """Rendered pages keep the policy's text and clauses in the cache; any change to what they show replaces it."""
    settings.PAGE_CACHE_ENABLED = False
    page = seeded_policy(QUANZHOU_PLAN)
    criterion = AssessmentCriterion.objects.get(city__slug="quanzhou", number=2)
    assert f"第2项 {criterion.title}" in html_of(client, page.url)
    criterion.title = "阵地建设（新）"
    criterion.save()
    assert "第2项 阵地建设（新）" in html_of(client, page.url)


def test_unknown_criterion_is_404(client, home):
    assert client.get("/assessment/criteria/quanzhou/17/").status_code == 404
    assert client.get("/assessment/criteria/fuzhou/").status_code == 404


def test_criteria_list_for_city(client, home):
    html = html_of(client, "/assessment/criteria/quanzhou/")
    assert html.count('href="/assessment/criteria/quanzhou/') == 16


def test_rule_values_cite_their_clauses(home):
    """Each rule value names its source; minimum areas point at clause 3 of each standard."""
    assert not RuleValue.objects.filter(citation="").exists()
    for city in ("quanzhou", "ningde"):
        area = RuleValue.objects.get(policy__city__slug=city, key="min_area_m2", facility_type="market")
        assert area.clause.number == 3 and area.source_url.endswith("#clause-3")
    flagged = RuleValue.objects.filter(is_interpretation=True)
    assert flagged.filter(policy__city__slug="ningde", key="stars_by_score").count() == 3
    assert not flagged.filter(note="").exists()


def test_index_lists_newest_first_with_status(client, home):
    html = html_of(client, "/policies/")
    assert html.index("泉州市零工市场（驿站）标准化建设实施方案") < html.index("宁德市零工市场规范化建设实施方案")
    assert "征求意见中" in html and "即将失效（2026年12月31日失效）" in html


@pytest.mark.parametrize(
    "params,shown,hidden",
    [
        ({"city": "ningde"}, "宁德市零工市场规范化建设实施方案", "泉州市零工市场（驿站）"),
        ({"city": "quanzhou"}, "泉州市零工市场（驿站）", "宁德市零工市场规范化建设实施方案"),
        ({"status": "expiring_soon"}, "宁德市零工市场规范化建设实施方案", "泉州市零工市场（驿站）"),
        ({"status": "consultation"}, "泉州市零工市场（驿站）", "宁德市零工市场规范化建设实施方案"),
        ({"kind": "plan", "city": "quanzhou"}, "泉州市零工市场（驿站）", "宁德市零工市场规范化建设实施方案"),
    ],
)
def test_index_filters(client, home, params, shown, hidden):
    html = html_of(client, "/policies/", **params)
    listing = html[html.index('class="result-count"') :]
    assert shown in listing and hidden not in listing


def test_index_kind_filter_and_expired_notice(client, home):
    import datetime

    make_policy(
        "2020年零工通知", kind="notice", expiry_date=datetime.date(2021, 1, 1), issue_date=datetime.date(2020, 1, 1)
    )
    listing = html_of(client, "/policies/", kind="notice")
    assert "2020年零工通知" in listing and "已失效" in listing and "宁德市零工市场规范化建设实施方案" not in listing
    assert "2020年零工通知" not in html_of(client, "/policies/", status="in_force")


def test_bad_filter_values_are_ignored(client, home):
    html = html_of(client, "/policies/", city="<script>", status="x", kind="y")
    assert "共 2 份文件" in html


def test_interpretation_links_to_its_policy_and_back(client, home):
    """政策解读 pages: linked to the policy they explain, listed on it and under kind 政策解读."""
    ningde = seeded_policy(NINGDE_PLAN)
    interpretation = make_interpretation(ningde, "政策解读《宁德市零工市场规范化建设实施方案》")
    html = html_of(client, interpretation.url)
    assert f'href="{ningde.url}"' in html and "即将失效" in html
    assert f'href="{interpretation.url}"' in html_of(client, ningde.url)
    listing = html_of(client, "/policies/", kind="interpretation")
    assert "政策解读《宁德市" in listing and "泉州市零工市场（驿站）" not in listing


def test_clauses_are_in_the_search_index(home):
    """The search helper indexes clauses as their own results: each seeded clause has an index entry."""
    from wagtail.search.models import IndexEntry

    entries = IndexEntry.objects.filter(content_type__app_label="policies", content_type__model="policyclause")
    assert entries.count() == PolicyClause.objects.count() == 24 + 22


def test_loading_the_seed_again_duplicates_nothing(home):
    counts = lambda: (  # noqa: E731
        PolicyClause.objects.count(),
        PolicyAnnex.objects.count(),
        AssessmentCriterion.objects.count(),
        RuleValue.objects.count(),
    )
    before = counts()
    call_command("load_seed_content", stdout=io.StringIO())
    assert counts() == before == (46, 12, 32, before[3])  # 16 criteria for each city


def test_quanzhou_date_is_shown_as_the_draft_gives_it(client, home):
    """QZ: signed “2025年3月 日” — the day is blank, so the page does not invent one."""
    html = html_of(client, seeded_policy(QUANZHOU_PLAN).url)
    assert "2025年3月" in html and "2025年3月1日" not in html


def test_index_serves_its_policies_and_interpretations_and_nothing_else(client, home):
    """The index finds its children by slug (one query): published policies and interpretations; unknown or
    unpublished slugs and paths below a policy are 404."""
    ningde = seeded_policy(NINGDE_PLAN)
    interpretation = make_interpretation(ningde, "政策解读：宁德方案")
    draft = make_policy("未发布的办法", slug="unpublished-measures", publish=False, live=False)
    assert "宁德市零工市场规范化建设实施方案" in html_of(client, ningde.url)
    assert "政策解读：宁德方案" in html_of(client, interpretation.url)
    for url in ("/policies/no-such-policy/", f"/policies/{draft.slug}/", f"{ningde.url}clauses/"):
        assert client.get(url).status_code == 404


def test_preview_shows_a_new_clause_and_the_criteria_of_saved_ones(home):
    """An editor's preview, from the revision: the clause not yet saved is shown, and the saved clause 21 still
    lists 第2项."""
    draft = seeded_policy(QUANZHOU_PLAN).get_latest_revision_as_object()
    draft.clauses.add(PolicyClause(number=25, section="五、附则", text="本标准由市人社局负责解释。"))
    response = draft.make_preview_request(preview_mode=draft.default_preview_mode)
    html = response.render().content.decode() if hasattr(response, "render") else response.content.decode()
    assert 'id="clause-25"' in html and "本标准由市人社局负责解释。" in html
    clause_21 = html[html.index('id="clause-21"') : html.index('id="clause-22"')]
    assert "第2项 人员管理（5分）" in clause_21
