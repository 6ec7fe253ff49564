"""The site tree, navigation, language, error pages and health check (foundation)."""

import io
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.test import override_settings
from wagtail.models import Page

from portal.models import HomePage

SECTIONS = {
    "/policies/": "政策文件",
    "/markets/": "零工市场",
    "/wage-guide/": "工资指导价位",
    "/notices/": "通知公告",
    "/services/": "办事服务",
    "/feedback/": "投诉建议",
    "/events/": "招聘培训活动",
}


@pytest.mark.django_db
@pytest.mark.parametrize("path,title", SECTIONS.items())
def test_each_section_answers_in_chinese_with_search_box_and_breadcrumbs(client, home, path, title):
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-Hans">' in html
    assert f'<h1 class="page-title">{title}</h1>' in html
    assert 'role="search"' in html and 'name="q"' in html
    assert '<nav class="breadcrumbs' in html and "首页" in html


@pytest.mark.django_db
def test_navigation_lists_every_section_in_order(client, home):
    html = client.get("/").content.decode()
    positions = [html.index(f">{title}</a>") for title in SECTIONS.values()]
    assert positions == sorted(positions)


@pytest.mark.django_db
def test_an_english_browser_still_gets_chinese_and_en_prefix_gives_english(client, home):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="zh-Hans">' in response.content.decode()
    response = client.get("/en/")
    assert '<html lang="en">' in response.content.decode()


@pytest.mark.django_db
def test_unknown_page_gets_the_chinese_404(client, home):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


@pytest.mark.django_db
def test_server_error_page_is_chinese_and_self_contained(client, home):
    client.raise_request_exception = False
    with mock.patch("portal.models.HomePage.serve", side_effect=RuntimeError("boom")):
        response = client.get("/")
    assert response.status_code == 500
    assert "服务暂时不可用" in response.content.decode()


@pytest.mark.django_db
def test_healthz_reports_database_state(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    with mock.patch("portal.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


@pytest.mark.django_db
def test_load_seed_content_twice_changes_nothing(home):
    before = (Page.objects.count(), list(Page.objects.values_list("path", "title", "live")))
    call_command("load_seed_content", stdout=io.StringIO())
    after = (Page.objects.count(), list(Page.objects.values_list("path", "title", "live")))
    assert before == after
    assert HomePage.objects.count() == 1


@pytest.mark.django_db
def test_seed_loads_both_policies_under_policies(client, home):
    html = client.get("/policies/").content.decode()
    assert "泉州市零工市场（驿站）标准化建设实施方案（征求意见稿）" in html
    assert "宁德市零工市场规范化建设实施方案" in html


@pytest.mark.django_db
def test_demo_password_is_printed_once_and_only_in_demo_mode():
    out = io.StringIO()
    call_command("load_seed_content", stdout=out)
    assert "密码" not in out.getvalue()
    with override_settings(DEMO_MODE=True):
        first, second = io.StringIO(), io.StringIO()
        call_command("load_seed_content", stdout=first)
        call_command("load_seed_content", stdout=second)
    assert "密码：" in first.getvalue()
    assert "密码：" not in second.getvalue()
