"""Official documents (issue 17): their metadata, versions that keep the earlier file reachable, the library page."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Collection, CollectionViewRestriction

from policies import library
from policies.documents import DocumentKind
from portal.regions import City

from .policies_factories import NINGDE_PLAN, QUANZHOU_PLAN, make_document, seeded_policy
from .utils import SUITE_TODAY, make_user

pytestmark = pytest.mark.django_db
LIBRARY = "/library/"


def listed_titles(response):
    html = response.content.decode()
    return re.findall(r'class="policy-list__title" href="[^"]*">([^<]+)</a>', html)


@pytest.fixture
def quanzhou():
    return City.objects.get(slug="quanzhou")


@pytest.fixture
def ningde():
    return City.objects.get(slug="ningde")


def test_the_seeded_annexes_carry_their_policy_s_metadata(home):
    policy = seeded_policy(QUANZHOU_PLAN)
    documents = [annex.document for annex in policy.annexes.exclude(document=None)]
    assert len(documents) == 4
    for document in documents:
        assert document.kind == DocumentKind.BLANK_FORM and document.city.slug == "quanzhou"
        assert document.issuing_body == "泉州市人力资源和社会保障局"
        assert document.issue_date == datetime.date(2025, 3, 1) and document.valid_until == datetime.date(2027, 12, 31)


def test_ningde_s_blank_forms_are_in_the_library_as_its_standard_s_annexes_marked_as_interpretations(client, home):
    titles = listed_titles(client.get(LIBRARY, {"city": "ningde", "kind": "form"}))
    assert titles == [  # both of the same date: the one saved last first
        "宁德市标准附件2 宁德市零工市场(驿站)补助资金申请表（参照拟定）",
        "宁德市标准附件1 宁德市零工市场(驿站)认定申请表（参照拟定）",
    ]
    policy = seeded_policy(NINGDE_PLAN)
    annexes = {annex.label: annex for annex in policy.annexes.select_related("document")}
    for label in ("标准附件1", "标准附件2"):
        document = annexes[label].document
        assert document.city.slug == "ningde" and document.kind == DocumentKind.BLANK_FORM
        assert document.document_number == "宁人社规〔2024〕3号"
        assert "参照泉州市附件2、附件3拟定" in annexes[label].description
        assert client.get(document.url).status_code == 200
    assert annexes["标准附件3"].document is None  # named in the text, with neither table nor interpretation


def test_the_library_shows_each_document_s_metadata(client, home, quanzhou):
    make_document(
        "宁人社规〔2024〕3号附件 认定申请表",
        document_number="宁人社规〔2024〕3号",
        issuing_body="宁德市人力资源和社会保障局、宁德市财政局",
        issue_date=datetime.date(2024, 3, 13),
        valid_until=datetime.date(2026, 12, 31),
        city=City.objects.get(slug="ningde"),
        kind=DocumentKind.BLANK_FORM,
    )
    html = client.get(LIBRARY, {"q": "宁人社规"}).content.decode()
    assert "宁人社规〔2024〕3号" in html and "宁德市人力资源和社会保障局、宁德市财政局" in html
    assert "2024年3月13日" in html and "2026年12月31日" in html and "即将失效" in html  # 38 days before its end
    assert "空白表格" in html and "现行版本" in html


def test_a_new_version_keeps_the_earlier_file_reachable_and_marked_replaced(client, home, quanzhou):
    first = make_document("泉州市零工市场认定申请表", city=quanzhou, kind=DocumentKind.BLANK_FORM, content=b"v1")
    second = make_document(
        "泉州市零工市场认定申请表（2026年修订）", city=quanzhou, kind=DocumentKind.BLANK_FORM, replaces=first
    )
    response = client.get(LIBRARY, {"q": "认定申请表", "city": "quanzhou"})
    assert second.title in listed_titles(response) and first.title not in listed_titles(response)
    html = response.content.decode()
    versions = html[html.index(f'id="document-{second.pk}"') :]
    assert "历史版本（1）" in versions and first.url in versions and "已被新版本替代" in versions
    assert client.get(first.url).status_code == 200  # the earlier file is still there at its address
    assert first.current_version == second and second.earlier_versions == [first] and not first.is_current


def test_a_new_version_takes_the_metadata_left_blank_from_the_one_it_replaces(home, quanzhou):
    first = make_document(
        "认定申请表", city=quanzhou, kind=DocumentKind.BLANK_FORM, issuing_body="泉州市人力资源和社会保障局"
    )
    second = make_document("认定申请表（修订）", replaces=first, issue_date=datetime.date(2026, 11, 1))
    assert (second.city, second.kind, second.issuing_body) == (quanzhou, DocumentKind.BLANK_FORM, first.issuing_body)
    assert second.issue_date == datetime.date(2026, 11, 1)


def test_a_document_is_replaced_once_and_never_by_itself_or_a_newer_version(home):
    first = make_document("文件一")
    second = make_document("文件二", replaces=first)
    third = make_document("文件三")
    third.replaces = first
    with pytest.raises(ValidationError) as taken:
        third.full_clean()
    assert taken.value.message_dict["replaces"] == ["这份文件已有新版本替代它，请选择最新的版本"]
    first.replaces = second
    with pytest.raises(ValidationError) as cycle:
        first.full_clean()
    assert cycle.value.message_dict["replaces"] == ["不能替代它自己或它的新版本"]


def test_the_library_filters_by_city_kind_and_validity(client, home, quanzhou, ningde):
    make_document("泉州市通用表格", city=quanzhou, kind=DocumentKind.BLANK_FORM)
    make_document("宁德市通知附件", city=ningde, kind=DocumentKind.NOTICE)
    make_document("两市通用说明", kind=DocumentKind.OTHER)
    make_document("宁德市旧表格", city=ningde, kind=DocumentKind.BLANK_FORM, valid_until=SUITE_TODAY.replace(day=1))
    by_city = set(listed_titles(client.get(LIBRARY, {"city": "ningde"})))
    assert {"宁德市通知附件", "两市通用说明", "宁德市旧表格"} <= by_city and "泉州市通用表格" not in by_city
    assert listed_titles(client.get(LIBRARY, {"kind": "notice"})) == ["宁德市通知附件"]
    expired = listed_titles(client.get(LIBRARY, {"validity": "expired"}))
    assert expired == ["宁德市旧表格"]
    assert "宁德市旧表格" not in listed_titles(client.get(LIBRARY, {"validity": "in_force", "city": "ningde"}))


def test_the_library_pages_keep_the_filters(client, home, ningde, monkeypatch):
    monkeypatch.setattr(library, "PER_PAGE", 2)
    for n in range(3):
        make_document(f"宁德市表格{n}", city=ningde, kind=DocumentKind.BLANK_FORM)
    chosen = {"kind": "form", "city": "ningde", "q": "宁德市表格"}
    html = client.get(LIBRARY, chosen).content.decode()
    assert (
        "第 1 页，共 2 页" in html
        and "?kind=form&amp;city=ningde&amp;q=%E5%AE%81%E5%BE%B7%E5%B8%82%E8%A1%A8%E6%A0%BC&amp;page=2" in html
    )
    second = client.get(LIBRARY, {**chosen, "page": "2"})
    assert listed_titles(second) == ["宁德市表格0"]


def test_a_document_of_a_restricted_collection_is_not_listed(client, home):
    closed = Collection.get_first_root_node().add_child(name="内部材料")
    CollectionViewRestriction.objects.create(collection=closed, restriction_type=CollectionViewRestriction.LOGIN)
    make_document("内部花名册", collection=closed)
    make_document("公开表格")
    titles = listed_titles(client.get(LIBRARY))
    assert "公开表格" in titles and "内部花名册" not in titles


def test_editors_give_a_document_its_metadata_in_the_admin(client, home):
    client.force_login(make_user("docs-admin", is_superuser=True, is_staff=True))
    document = make_document("宁德市表格")
    html = client.get(f"/admin/documents/edit/{document.pk}/").content.decode()
    for label in ("文号", "发文机关", "成文日期", "有效期至", "设区市", "替代的旧版本", "文件类别"):
        assert label in html


def test_the_sitemap_lists_the_library_and_its_documents(client, home):
    document = make_document("公开表格")
    xml = client.get("/sitemap.xml").content.decode()
    assert "/library/</loc>" in xml and document.url in xml


def test_a_policy_s_annex_offers_its_current_version_and_keeps_the_original(client, home):
    policy = seeded_policy(QUANZHOU_PLAN)
    annex = policy.annexes.get(label="附件2")
    newer = make_document("泉州市零工市场（驿站）认定申请表（修订版）", replaces=annex.document, name="修订版.docx")
    html = client.get(policy.url).content.decode()
    section = html[html.index(f'id="{annex.anchor}"') :]
    section = section[: section.index("</li>")]
    assert (
        f'href="{newer.url}" download' in section
        and "此文件已更新为“泉州市零工市场（驿站）认定申请表（修订版）”" in section
    )
    assert annex.document.url in section and "下载原版本（已被替代）" in section


def test_the_policies_list_leads_to_the_library(client, home):
    html = client.get("/policies/").content.decode()
    assert 'href="/library/"' in html
    assert client.get("/library/").status_code == 200
