"""The Wagtail admin reads in Chinese: locale/zh_Hans fills the msgids Wagtail 8's own zh_Hans catalogues lack."""

import json
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from markets.models import ConstructionTarget

from .complaints_factories import make_complaint
from .utils import make_user

pytestmark = pytest.mark.django_db

AUTOSAVE_LABELS = ["正在保存…", "已保存", "自动保存已暂停"]


@pytest.fixture
def staff_client(client, home):
    client.force_login(make_user("chief", is_superuser=True, is_staff=True))
    return client


class _Text(HTMLParser):
    HIDDEN = {"script", "style", "svg", "template"}

    def __init__(self):
        super().__init__()
        self.parts, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in self.HIDDEN

    def handle_endtag(self, tag):
        self.hidden -= tag in self.HIDDEN

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def text_of(response):
    """What staff read: the page's text, without scripts, tags and attributes (Stimulus attributes are English)."""
    assert response.status_code == 200
    parser = _Text()
    parser.feed(response.content.decode())
    return re.sub(r"\s+", " ", " ".join(parser.parts))


def test_dashboard_is_chinese(staff_client, home):
    html = staff_client.get("/admin/").content.decode()
    assert "Search all pages" not in html
    assert 'placeholder="搜索全部页面…"' in html
    text = text_of(staff_client.get("/admin/"))
    assert re.search(r"\d+ 个页面", text)  # the site summary, not "96 Pages"
    assert not re.search(r"\d+ Pages?\b", text)
    assert "created in" not in text


def test_page_listing_has_no_english_filters_or_pagination(staff_client, home):
    text = text_of(staff_client.get(f"/admin/pages/{home.pk}/"))
    assert not re.search(r"\bBy \S", text)
    assert not re.search(r"\d+ of \d+", text)  # "1-4 of 4 页面"
    assert re.search(r"共 \d+ 个页面，当前显示第 \d+-\d+ 个", text)
    assert "Inspect" not in text


def test_modeladmin_listing_filters_are_chinese(staff_client, home):
    make_complaint()
    text = text_of(staff_client.get(reverse("forms_complaint_modeladmin_index")))
    assert not re.search(r"\bBy \S", text)  # "By 状态"
    assert "按状态" in text
    assert "Inspect" not in text


def test_snippet_listing_and_editor_are_chinese(staff_client, home):
    listing = text_of(staff_client.get(reverse("wagtailsnippets_markets_constructiontarget:list")))
    assert not re.search(r"\bBy \S", listing)
    assert not re.search(r"\d+ of \d+", listing)
    assert "批量操作" in listing  # Wagtail's own "批量动作" overridden

    target = ConstructionTarget.objects.first()
    editor = staff_client.get(reverse("wagtailsnippets_markets_constructiontarget:edit", args=[target.pk]))
    html = editor.content.decode()
    # The unsaved-changes and editing-session banners (this snippet keeps no revisions, so no autosave indicator).
    assert "离开前请保存更改" in html
    assert "发生网络错误" in html
    for english in ["Save your changes before leaving", "A network error occurred", "Saved", "Autosave"]:
        assert english not in text_of(editor)
    assert "Save your changes before leaving" not in html


def test_page_editor_carries_chinese_autosave_labels(staff_client, home):
    text = text_of(staff_client.get(f"/admin/pages/{home.pk}/edit/"))
    for label in AUTOSAVE_LABELS:
        assert label in text
    for english in ["Saving…", "Saved", "Autosave is paused"]:
        assert english not in text


def test_admin_javascript_catalogue_is_chinese(staff_client):
    """Wagtail's /admin/jsi18n/ is Django's JavaScriptCatalog (packages=["wagtail.admin"]), which merges
    LOCALE_PATHS too, so locale/zh_Hans/LC_MESSAGES/djangojs.po reaches the autosave controller."""
    script = staff_client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))
    assert catalog["Autosave in progress…"] == "正在自动保存…"
    assert catalog["Changes have been autosaved."] == "更改已自动保存。"
    assert catalog["A network error occurred."] == "发生网络错误。"
    assert catalog["%(num)s error"] == ["%(num)s 个错误"]


def test_filled_msgids_translate():
    with translation.override("zh-hans"):
        assert gettext("Search all pages…") == "搜索全部页面…"
        assert gettext("By %(filter_title)s") % {"filter_title": "状态"} == "按状态"
        assert gettext("Saved") == "已保存"
        assert gettext("Autosave is paused") == "自动保存已暂停"
        assert (
            gettext("There are validation errors, click save to highlight them.")
            == "存在校验错误，点击保存以突出显示。"
        )
        assert gettext("Inspect") == "查看详情"
        values = {"start_index": 1, "end_index": 4, "items_count": 4, "model_name": "页面"}
        assert gettext("%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s") % values == (
            "共 4 个页面，当前显示第 1-4 个"
        )
        pages = ngettext(
            '%(total)s Page <span class="w-sr-only">created in %(site_name)s</span>',
            '%(total)s Pages <span class="w-sr-only">created in %(site_name)s</span>',
            96,
        )
        assert pages.startswith("%(total)s 个页面")


def test_english_admin_is_still_english():
    with translation.override("en"):
        assert gettext("Search all pages…") == "Search all pages…"
        assert gettext("Inspect") == "Inspect"


# Names, not English prose: the brand and the scripting language a notice names, English as a language to choose,
# file formats and standards.
ADMIN_ALLOWED = {"Wagtail", "JavaScript", "English", "Excel", "xlsx", "XLSX", "CSV", "docx", "URL", "ICP", "Open311"}
ADMIN_ALLOWED |= {"JPG", "JPEG", "PNG", "GIF", "WEBP", "AVIF"}  # the image formats an upload takes
ADMIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]{2,}\d*")
# Screens the walk leaves out, each for a reason no catalogue can mend.
ADMIN_NOT_WALKED = {
    "/admin/sites/": "Wagtail labels three columns by the field's name (Port, Site name, Root page), not translatable",
    "/admin/reports/page-types-usage/": "it shows each page type's code name beside its Chinese name",
    "/admin/reports/aging-pages/": "the seed loader publishes without a user, which Wagtail shows as None",
    "/admin/workflows/edit/": "Wagtail's form of a workflow's pages labels its field by its name (Page)",
    "/admin/workflows/add/": "the same form",
}
HIDDEN_ELEMENT = re.compile(r"<(\w+)\b[^>]*\shidden[\s>][^>]*>.*?</\1>", re.S)
EMAIL = re.compile(r"[\w.*+-]+@[\w-]+(\.[\w-]+)+")
CODE = re.compile(r"\b[a-z]+(?:-\w+)+\b|\b[A-Z]{2}\d{8}-\d+\b")  # an anchor (part-2-2), a receipt number


RECORD_LINK = r'href="(/admin/[^"?#]*/(?:edit|inspect)/[^"?#]+/)"'
ADD_LINK = r'href="(/admin/[^"?#]*/(?:add|create)/)"'


def is_walked(url):
    return not any(url.startswith(prefix) for prefix in ADMIN_NOT_WALKED)


def admin_menu_urls(html):
    props = re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S)
    return sorted({url for url in re.findall(r'"url": "(/admin/[^"]*)"', props.group(1))})


def english_in_admin(client, url):
    response = client.get(url, follow=True)
    html = HIDDEN_ELEMENT.sub("", response.content.decode())
    parser = _Text()
    parser.feed(html)
    text = CODE.sub("", EMAIL.sub("", " ".join(parser.parts))).replace("chief", "")
    return set(ADMIN_WORD.findall(text)) - ADMIN_ALLOWED


def test_every_admin_screen_in_the_menu_and_its_first_record_reads_in_chinese(staff_client):
    """Issue 18: a walk over every screen of the admin menu, and the first edit or inspect screen and the add screen
    each links to."""
    make_complaint()
    walked = [url for url in admin_menu_urls(staff_client.get("/admin/").content.decode()) if is_walked(url)]
    assert len(walked) > 40
    for url in list(walked):
        listing = staff_client.get(url, follow=True).content.decode()
        links = re.findall(RECORD_LINK, listing)[:1] + re.findall(ADD_LINK, listing)[:1]
        walked += [link for link in links if is_walked(link) and link not in walked]
    found = {url: english_in_admin(staff_client, url) for url in walked}
    assert {url: words for url, words in found.items() if words} == {}
