"""The home page: blocks editors arrange, in a default order a phone visitor needs first."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from notices.models import NoticePage
from policies.models import PolicyPage
from portal.blocks import policies_in_force
from portal.models import HomePage
from portal.regions import County
from wages.models import WageGuidePage, WageRate

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 23)


def block_html(html, heading):
    start = html.index(f">{heading}</h2>")
    return html[start : html.index("</section>", start)]


def test_default_blocks_in_order(client, home):
    html = client.get("/").content.decode()
    headings = ["查找", "找附近的零工市场", "零工工价参考", "办事服务", "最新通知公告", "现行有效政策"]
    positions = [html.index(f">{heading}</h2>") for heading in headings]
    assert positions == sorted(positions)


def test_search_block_posts_to_site_search(client, home):
    block = block_html(client.get("/").content.decode(), "查找")
    assert 'action="/search/"' in block and 'name="q"' in block and "<label" in block


def test_market_finder_is_a_get_form_to_the_directory_with_counties_grouped_by_city(client, home):
    block = block_html(client.get("/").content.decode(), "找附近的零工市场")
    assert 'method="get" action="/markets/"' in block
    assert '<optgroup label="泉州市">' in block and '<optgroup label="宁德市">' in block
    assert block.index('<optgroup label="泉州市">') < block.index(">晋江市<") < block.index('<optgroup label="宁德市">')
    jinjiang = County.objects.get(name="晋江市")
    assert f'<option value="{jinjiang.pk}">晋江市</option>' in block
    assert 'name="lat"' in block and 'name="lng"' in block and "用我的位置" in block


def test_service_entries_lead_to_forms_and_feedback(client, home):
    block = block_html(client.get("/").content.decode(), "办事服务")
    for title, path in [
        ("下载表格", "/services/"),
        ("在线申请", "/services/"),
        ("我要投诉", "/feedback/"),
        ("查询办理进度", "/feedback/"),
    ]:
        assert re.search(rf'href="{path}"[^>]*>\s*<span>{title}', block), title


def test_wage_highlights_link_each_citys_latest_guide_with_daily_prices(client, home):
    block = block_html(client.get("/").content.decode(), "零工工价参考")
    assert 'href="/wage-guide/quanzhou-2026/"' in block and 'href="/wage-guide/ningde-2026/"' in block
    assert "2025" not in block
    assert block.count("示例数据") == 2 and "元/天" in block and "泥水工" in block


def test_latest_notices_newest_first_with_publicity_status(client, home):
    block = block_html(client.get("/").content.decode(), "最新通知公告")
    newest = NoticePage.objects.live().order_by("-date").first()
    assert block.index(newest.title) < block.index("关于开展2026年度零工市场（驿站）考核工作的通知")
    assert 'href="/notices/"' in block


def test_policies_in_force_lists_the_ningde_plan(client, home):
    block = block_html(client.get("/").content.decode(), "现行有效政策")
    assert "宁德市零工市场规范化建设实施方案" in block and "宁人社规〔2024〕3号" in block


def policy(title, expiry=None, **dates):
    """An unsaved policy: its status comes from its dates, as on the site."""
    return PolicyPage(title=title, expiry_date=expiry, effective_date=datetime.date(2024, 3, 13), **dates)


def test_a_policy_expiring_within_60_days_gets_a_warning():
    policies = [
        policy("宁德", datetime.date(2026, 12, 31)),
        policy("泉州", datetime.date(2027, 12, 31)),
        policy("无期限"),
        policy("已过期", datetime.date(2026, 11, 22)),
    ]
    entries = {entry.policy.title: entry for entry in policies_in_force(TODAY, policies)}
    assert set(entries) == {"宁德", "泉州", "无期限"}
    assert entries["宁德"].expiring_soon and entries["宁德"].days_left == 38
    assert not entries["泉州"].expiring_soon and not entries["无期限"].expiring_soon
    assert policies_in_force(TODAY, [policy("边界", TODAY + datetime.timedelta(days=60))])[0].expiring_soon
    assert not policies_in_force(TODAY, [policy("边界", TODAY + datetime.timedelta(days=61))])[0].expiring_soon


def test_drafts_and_policies_not_yet_in_force_are_left_out():
    policies = [
        policy("征求意见稿", datetime.date(2027, 12, 31), is_consultation_draft=True, consultation_closes=TODAY),
        PolicyPage(title="未生效", effective_date=TODAY + datetime.timedelta(days=1)),
        policy("有效", datetime.date(2027, 12, 31)),
        policy("将到期", datetime.date(2026, 12, 31)),
    ]
    assert [entry.policy.title for entry in policies_in_force(TODAY, policies)] == ["有效", "将到期"]


def test_the_home_page_shows_the_expiry_warning(client, home, monkeypatch):
    from portal import blocks

    soon = PolicyPage.objects.get(document_number="宁人社规〔2024〕3号")
    soon.expiry_date = timezone.localdate() + datetime.timedelta(days=30)
    monkeypatch.setattr(blocks, "live_policies", lambda: [soon])
    block = block_html(client.get("/").content.decode(), "现行有效政策")
    assert "即将到期" in block and "还有 30 天到期" in block


def test_seeding_again_changes_nothing_and_keeps_an_editors_arrangement(home):
    home.body = [{"type": "latest_notices", "value": {"heading": "编辑改过的标题", "count": 3}}]
    home.save_revision().publish()
    counts = (WageGuidePage.objects.count(), WageRate.objects.count(), NoticePage.objects.count())
    call_command("load_seed_content", stdout=io.StringIO())
    home = HomePage.objects.get()
    assert [block.block_type for block in home.body] == ["latest_notices"]
    assert home.body[0].value["heading"] == "编辑改过的标题"
    assert (WageGuidePage.objects.count(), WageRate.objects.count(), NoticePage.objects.count()) == counts


def test_editors_arrangement_is_what_the_visitor_sees(client, home):
    home.body = [{"type": "latest_notices", "value": {"heading": "最新公告", "count": 1}}]
    home.save_revision().publish()
    html = client.get("/").content.decode()
    assert ">最新公告</h2>" in html and "选择所在县" not in html
    assert html.count('class="notice-item"') == 1
