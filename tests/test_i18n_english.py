"""English UI through Django's translation machinery: /en/ is English, / stays Chinese."""

import re

import pytest
from django.utils import translation

from wages.models import WageGuidePage


@pytest.mark.django_db
def test_english_prefix_renders_header_in_english(client, home):
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Skip to main content" in html
    assert "Large text" in html
    assert "Standard text size" in html
    assert 'aria-label="Main navigation"' in html
    assert ">Search</button>" in html
    # The home page's own search box stands for the header's there (one search per page); other pages have it.
    assert "Search policies, markets, trades, notices" in client.get("/en/policies/").content.decode()
    assert "Quanzhou and Ningde Gig Market Service Platform" in html
    assert "跳到正文" not in html
    # The switcher offers the way back to Chinese.
    assert '<a class="tool-button language-link" href="/" hreflang="zh-Hans" lang="zh-Hans">中文</a>' in html


@pytest.mark.django_db
def test_default_language_stays_chinese(client, home):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-Hans">' in html
    assert "跳到正文" in html
    assert "大字模式" in html
    assert ">搜索</button>" in html
    assert "Skip to main content" not in html
    assert "Large text" not in html


@pytest.mark.django_db
def test_english_404_page(client, home):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert '<html lang="en">' in html


@pytest.mark.django_db
def test_policy_status_labels_follow_the_language(client, home):
    english = client.get("/en/policies/").content.decode()
    chinese = client.get("/policies/").content.decode()
    assert "Open for consultation" in english
    assert "征求意见中" not in english
    assert "征求意见中" in chinese


@pytest.mark.django_db
def test_wage_guide_table_headings_in_english(client, home):
    with translation.override("zh-hans"):
        url = WageGuidePage.objects.live().first().url
    english = client.get("/en" + url).content.decode()
    assert "Lower quartile" in english
    assert "Default order" in english
    assert ">Per hour</option>" in english and "CNY/day" in english  # the units in one language, not "Per 小时"
    assert "How to read the prices" in english
    chinese = client.get(url).content.decode()
    assert "下四分位数" in chinese
    assert "默认顺序" in chinese
    assert ">按小时</option>" in chinese and "元/天" in chinese


@pytest.mark.django_db
def test_the_calculator_and_the_criteria_have_english_addresses(client, home):
    calculator = client.get("/en/assessment/calculator/")
    assert calculator.status_code == 200 and '<html lang="en">' in calculator.content.decode()
    assert "补贴测算" not in calculator.content.decode().split("<main", 1)[1].split("</h1>", 1)[0]
    assert client.get("/en/assessment/criteria/quanzhou/").status_code == 200
    chinese = client.get("/assessment/calculator/").content.decode()
    assert '<html lang="zh-Hans">' in chinese and "补贴测算" in chinese
    assert 'href="/en/assessment/calculator/"' in client.get("/en/policies/").content.decode()


@pytest.mark.django_db
def test_chinese_content_under_en_says_it_is_chinese(client, home):
    """WCAG 3.1.2: the editors' Chinese text on an English page is marked lang="zh-Hans"; the English UI is not."""
    with translation.override("zh-hans"):
        url = WageGuidePage.objects.live().first().url
    english = client.get("/en" + url).content.decode()
    assert re.search(r'<h1 class="page-title" lang="zh-Hans">[^<]*\d{4}年零工岗位工资指导价位', english)
    assert '<h2 id="band-help-title">How to read the prices</h2>' in english
    chinese = client.get(url).content.decode()
    assert re.search(r'<h1 class="page-title">[^<]*\d{4}年零工岗位工资指导价位', chinese)  # its own language: no mark
