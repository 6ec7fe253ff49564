"""What a government site has besides its content (issue 18): the sitemap, robots.txt and favicon; the footer's
site code, filing numbers and contacts the bureau fills in; the privacy notice and accessibility statement;
breadcrumbs on the views that are not pages; the policy page's print button and date; the receipt's 查询进度 link."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.templatetags.static import static
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction, Site

from forms.complaints.models import Complaint
from portal.models import PrivacyNoticePage, SiteInformation, StatementPage
from portal.retention import PersonalDataRetention
from portal.vocabulary import chinese_date

from .complaints_factories import COMPLAINT_URL, PROGRESS_URL, complaint_post
from .operators_factories import make_operator
from .policies_factories import NINGDE_PLAN, make_policy, seeded_policy
from .utils import make_city_staff

pytestmark = pytest.mark.django_db
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def sitemap_locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    sitemap = ET.fromstring(response.content)  # noqa: S314 (our own sitemap)
    return [loc.text for loc in sitemap.findall("s:url/s:loc", SITEMAP_NS)]


def site_information():
    return SiteInformation.for_site(Site.objects.get(is_default_site=True))


def footer(client, path="/"):
    html = client.get(path).content.decode()
    return html[html.index('<footer class="site-footer"') :]


# --- sitemap, robots.txt, favicon ---------------------------------------------------------------


def test_the_sitemap_lists_the_seeded_pages_and_not_a_private_one(client, home):
    private = make_policy("内部通知", slug="internal-notice")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    draft = make_policy("未发布的通知", slug="draft-notice", publish=False, live=False)

    locations = sitemap_locations(client)

    root = settings.WAGTAILADMIN_BASE_URL  # SITE_BASE_URL, the portal's own address
    assert root + "/" in locations
    assert root + seeded_policy(NINGDE_PLAN).url in locations
    assert root + "/privacy/" in locations and root + "/accessibility/" in locations
    assert not any(private.url in loc or draft.slug in loc for loc in locations)
    assert not any("/admin/" in loc or "/operators/" in loc for loc in locations)


def test_the_sitemap_lists_public_documents_but_none_of_a_restricted_collection(client, home):
    Document = get_document_model()
    public = Document.objects.create(title="公开表格", file=ContentFile(b"form", name="public-form.pdf"))
    closed = Collection.get_first_root_node().add_child(name="内部材料")
    CollectionViewRestriction.objects.create(collection=closed, restriction_type=CollectionViewRestriction.LOGIN)
    inner = closed.add_child(name="内部材料·子目录")
    hidden = Document.objects.create(title="内部名册", collection=inner, file=ContentFile(b"x", name="roster.pdf"))

    locations = sitemap_locations(client)

    assert settings.WAGTAILADMIN_BASE_URL + public.url in locations
    assert not any(hidden.url in loc for loc in locations)


def test_robots_txt_allows_the_site_closes_admin_operators_and_cases_and_names_the_sitemap(client, home):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[:2] == ["User-agent: *", "Allow: /"]
    for closed in ("/admin/", "/operators/", "/en/operators/", "/assessment-results/", "/en/assessment-results/"):
        assert f"Disallow: {closed}" in lines
    assert "Disallow: /policies/" not in lines and "Disallow: /feedback/" not in lines
    assert f"Sitemap: {settings.WAGTAILADMIN_BASE_URL}/sitemap.xml" in lines


def static_file(url):
    """The file a /static/ address serves (the suite runs without collectstatic)."""
    return Path(finders.find(url.removeprefix(settings.STATIC_URL))).read_bytes()


def test_the_favicon_answers_at_favicon_ico_and_is_linked_from_every_page(client, home):
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response.url.endswith(".ico")
    assert static_file(response.url)[:4] == b"\x00\x00\x01\x00"  # an ICO file's header
    html = client.get("/policies/").content.decode()
    svg = re.search(r'<link rel="icon" href="([^"]*favicon\.svg)" type="image/svg\+xml">', html).group(1)
    assert static_file(svg).startswith(b"<svg")


# --- the footer ---------------------------------------------------------------------------------


def test_a_filled_in_icp_number_is_shown_and_linked_and_empty_numbers_show_nothing(client, home):
    html = footer(client)
    assert "ICP" not in html and "公网安备" not in html and "网站标识码" not in html

    info = site_information()
    info.icp_number = "闽ICP备12345678号-1"
    info.public_security_number = "闽公网安备35050002000123号"
    info.site_code = "3505000001"
    info.save()

    html = footer(client)
    assert re.search(r'<a id="icp-number" href="https://beian.miit.gov.cn/"[^>]*>闽ICP备12345678号-1', html)
    assert 'href="https://beian.mps.gov.cn/#/query/webSearch?code=35050002000123"' in html
    assert "网站标识码：3505000001" in html


def test_changing_the_site_information_drops_the_cached_pages(client, home):
    assert client.get("/policies/")["X-Page-Cache"] == "miss"
    assert client.get("/policies/")["X-Page-Cache"] == "hit"
    info = site_information()
    info.icp_number = "闽ICP备87654321号"
    info.save()
    response = client.get("/policies/")
    assert response["X-Page-Cache"] == "miss" and "闽ICP备87654321号" in response.content.decode()


def test_the_footer_shows_each_bureaus_contacts_and_leaves_out_what_is_empty(client, home):
    html = footer(client)
    assert "泉州市人力资源和社会保障局" in html and "宁德市人力资源和社会保障局" in html
    assert 'href="tel:12333"' in html
    assert "地址" not in html and "办公时间" not in html  # the seed gives neither

    info = site_information()
    info.bureau_contacts = [
        (
            "bureau",
            {
                "name": "泉州市人力资源和社会保障局",
                "address": "泉州市丰泽区测试路1号",
                "phone": "0595-22000000",
                "office_hours": "工作日 8:00—12:00",
            },
        )
    ]
    info.save()
    html = footer(client)
    assert "泉州市丰泽区测试路1号" in html and 'href="tel:0595-22000000"' in html and "工作日 8:00—12:00" in html
    assert "宁德市人力资源和社会保障局</h3>" not in html

    info.bureau_contacts = []
    info.save()
    assert "联系我们" not in footer(client)


def test_the_footer_links_the_privacy_notice_and_the_accessibility_statement(client, home):
    html = footer(client)
    assert '<a href="/privacy/">隐私政策</a>' in html
    assert '<a href="/accessibility/">无障碍声明</a>' in html


def test_a_city_administrator_fills_in_the_site_information_and_an_editor_cannot(client, home):
    url = f"/admin/settings/portal/siteinformation/{Site.objects.get(is_default_site=True).pk}/"
    client.force_login(make_city_staff("泉州市", "市级管理员"))
    html = client.get(url).content.decode()
    assert "ICP备案号" in html and "公安机关备案号" in html and "网站标识码" in html and "主办单位联系方式" in html
    client.force_login(make_city_staff("泉州市", "市级编辑"))
    assert client.get(url).status_code in (302, 403)


# --- the statements --------------------------------------------------------------------------


def test_the_privacy_notice_lists_the_complaint_forms_data_and_its_retention_period(client, home):
    response = client.get("/privacy/")
    html = response.content.decode()
    assert response.status_code == 200 and "个人信息保护法" in html
    row = re.search(r'<li class="personal-data" id="personal-data-complaint">(.*?)</li>', html, re.S).group(1)
    assert "联系人" in row and "联系电话" in row and "电子邮箱" in row
    assert "办结（或不予受理、重复件）后保存730天" in row
    for key in ("comment", "survey", "objection", "operator", "application", "roster"):
        assert f'id="personal-data-{key}"' in html
    assert "考核完成时限后保存3年" in html
    assert "未再提交的最长保存 24 小时" in html  # what a failed form's files are held for


def test_the_privacy_notice_follows_the_bureaus_retention_setting(client, home):
    retention = PersonalDataRetention.load()
    retention.complaint_contact_days = 400
    retention.is_interpretation = False
    retention.save()
    html = client.get("/privacy/").content.decode()
    row = re.search(r'<li class="personal-data" id="personal-data-complaint">(.*?)</li>', html, re.S).group(1)
    assert "保存400天" in row and "保存730天" not in html
    assert 'id="retention-interpretation"' not in html


def test_the_accessibility_statement_is_seeded_and_dated(client, home):
    page = StatementPage.objects.get(slug="accessibility")
    html = client.get("/accessibility/").content.decode()
    assert "无障碍声明" in html and "WCAG" in html and "大字模式" in html
    assert f"最后更新：{chinese_date(timezone.localdate(page.last_published_at))}" in html
    assert PrivacyNoticePage.objects.live().count() == 1


# --- breadcrumbs ----------------------------------------------------------------------------------


def breadcrumbs(html):
    match = re.search(r'<nav class="breadcrumbs container" aria-label="当前位置">(.*?)</nav>', html, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(1))).split() if match else None


def test_search_and_operator_pages_show_breadcrumbs(client, home):
    assert breadcrumbs(client.get("/search/", {"q": "零工"}).content.decode()) == ["首页", "站内搜索"]
    assert breadcrumbs(client.get("/operators/login/").content.decode()) == ["首页", "运营单位登录"]
    assert breadcrumbs(client.get("/operators/register/").content.decode()) == ["首页", "运营单位注册"]
    user, _profile = make_operator()
    client.force_login(user)
    assert breadcrumbs(client.get("/operators/").content.decode()) == ["首页", "我的办理"]
    html = client.get("/operators/password/change/").content.decode()
    assert breadcrumbs(html) == ["首页", "我的办理", "修改密码"]
    assert '<a href="/operators/">我的办理</a>' in html


def test_a_content_page_keeps_its_breadcrumbs_from_the_tree(client, home):
    html = client.get(seeded_policy(NINGDE_PLAN).url).content.decode()
    assert breadcrumbs(html)[:2] == ["首页", "政策文件"]


# --- policy pages ------------------------------------------------------------------------------------


def test_a_policy_page_has_a_print_button_and_its_last_update_in_chinese(client, home):
    policy = seeded_policy(NINGDE_PLAN)
    policy.last_published_at = policy.last_published_at.replace(year=2026, month=11, day=22, hour=9)
    policy.save(update_fields=["last_published_at"])
    html = client.get(policy.url).content.decode()
    assert '<time datetime="2026-11-22">最后更新：2026年11月22日</time>' in html
    assert re.search(
        r'<p class="doc-tools"><button type="button" class="button secondary" id="print-page" data-print>', html
    )
    css = static_file(static("policies/policies.css")).decode()
    assert ".doc-tools" in css.split("@media print")[1]  # the button is not printed


# --- the receipt's link ------------------------------------------------------------------------------------


def test_the_receipts_progress_link_fills_in_the_receipt_number_and_not_the_query_code(client, home):
    response = client.post(COMPLAINT_URL, complaint_post(), follow=True)
    case = Complaint.objects.get()
    link = re.search(r'<a class="button" id="progress-link" href="([^"]+)">查询进度</a>', response.content.decode())
    assert link.group(1) == f"{PROGRESS_URL}?receipt_no={case.receipt_no}"

    html = client.get(link.group(1)).content.decode()
    assert re.search(rf'name="receipt_no"[^>]*value="{case.receipt_no}"', html)
    assert not re.search(r'name="query_code"[^>]*value=', html)


def test_a_progress_link_with_something_else_than_a_receipt_number_fills_in_nothing(client, home):
    html = client.get(PROGRESS_URL, {"receipt_no": '"><script>x</script>'}).content.decode()
    assert not re.search(r'name="receipt_no"[^>]*value=', html)
