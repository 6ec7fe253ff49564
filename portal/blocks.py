"""The home page's blocks: editors arrange them in the admin (HomePage.body)."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from forms.complaints.models import FeedbackIndexPage, ServiceIndexPage
from markets.models import MarketIndexPage
from notices.models import NoticeIndexPage
from policies.models import PolicyIndexPage, PolicyPage
from policies.status import EXPIRING_SOON_DAYS
from wages.highlights import latest_guide_highlights
from wages.models import WageGuideIndexPage

from .regions import County

IN_FORCE_CODES = {"in_force", "expiring_soon"}


@dataclass
class PolicyInForce:
    policy: object
    expiry_date: datetime.date | None
    days_left: int | None
    expiring_soon: bool


def live_policies():
    return PolicyPage.objects.live().order_by("-issue_date")


def policies_in_force(today=None, policies=None):
    """Policies in force on ``today`` (default: every live policy), each with its expiry and days left.

    "In force" and "expiring soon" (within 60 days) are the policies app's statuses (policies/status.py).
    """
    today = today or timezone.localdate()
    found = []
    for policy in live_policies() if policies is None else policies:
        status = policy.status_on(today)
        if status.code in IN_FORCE_CODES:
            expiry = policy.expiry_date
            days_left = (expiry - today).days if expiry else None
            found.append(PolicyInForce(policy, expiry, days_left, status.code == "expiring_soon"))
    return found


def section(model):
    """The live section page of a model (e.g. the market directory), or None before it exists."""
    return model.objects.live().first()


class SearchBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("标题"), default="查找")
    placeholder = blocks.CharBlock(label=_("输入框提示"), default="搜索政策、市场、工种、通知", required=False)

    class Meta:
        label = _("站内搜索")
        icon = "search"
        template = "portal/blocks/search.html"


class MarketFinderBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("标题"), default="找附近的零工市场")

    class Meta:
        label = _("附近零工市场")
        icon = "site"
        template = "portal/blocks/market_finder.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["directory"] = section(MarketIndexPage)
        context["counties"] = County.objects.select_related("city")
        return context


class LatestNoticesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("标题"), default="最新通知公告")
    count = blocks.IntegerBlock(label=_("显示条数"), default=5, min_value=1, max_value=20)

    class Meta:
        label = _("最新通知公告")
        icon = "list-ul"
        template = "portal/blocks/latest_notices.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        index = section(NoticeIndexPage)
        context["index"] = index
        context["notices"] = index.notices()[: value["count"]] if index else []
        return context


class PoliciesInForceBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("标题"), default="现行有效政策")

    class Meta:
        label = _("现行有效政策")
        icon = "doc-full"
        template = "portal/blocks/policies_in_force.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["entries"] = policies_in_force()
        context["index"] = section(PolicyIndexPage)
        context["warning_days"] = EXPIRING_SOON_DAYS
        return context


class WageHighlightsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("标题"), default="零工工价参考")
    per_city = blocks.IntegerBlock(label=_("每市显示几个工种"), default=4, min_value=1, max_value=10)

    class Meta:
        label = _("工资指导价位摘要")
        icon = "table"
        template = "portal/blocks/wage_highlights.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["index"] = section(WageGuideIndexPage)
        context["highlights"] = latest_guide_highlights(value["per_city"])
        return context


class ServiceEntryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("名称"))
    description = blocks.CharBlock(label=_("说明"), required=False)
    page = blocks.PageChooserBlock(label=_("链接到页面"), required=False)
    anchor = blocks.CharBlock(
        label=_("页内位置（可选）"), required=False, help_text=_("如 track，链接到页面的 #track 处")
    )

    class Meta:
        label = _("服务入口")
        icon = "link"


class ServiceEntriesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("标题"), default="办事服务")
    entries = blocks.ListBlock(ServiceEntryBlock(), label=_("入口"))

    class Meta:
        label = _("服务入口")
        icon = "cogs"
        template = "portal/blocks/service_entries.html"


class HomeBlocks(blocks.StreamBlock):
    search = SearchBlock()
    market_finder = MarketFinderBlock()
    service_entries = ServiceEntriesBlock()
    wage_highlights = WageHighlightsBlock()
    latest_notices = LatestNoticesBlock()
    policies_in_force = PoliciesInForceBlock()


def default_home_body():
    """The arrangement a new site starts with (raw stream data): what a visitor on a phone needs first, first."""
    services = section(ServiceIndexPage)
    feedback = section(FeedbackIndexPage)

    def entry(title, description, page):
        return {"title": title, "description": description, "page": page.pk if page else None, "anchor": ""}

    entries = [
        entry("下载表格", "认定、补助申请表和考核表", services),
        entry("在线申请", "零工市场（驿站）认定和补助", services),
        entry("我要投诉", "黑中介、虚假招聘、拖欠工资", feedback),
        entry("查询办理进度", "凭受理编号查投诉进度", feedback),
    ]
    arrangement = [
        ("search", {"heading": "查找", "placeholder": "搜索政策、市场、工种、通知"}),
        ("market_finder", {"heading": "找附近的零工市场"}),
        ("wage_highlights", {"heading": "零工工价参考", "per_city": 4}),
        ("service_entries", {"heading": "办事服务", "entries": entries}),
        ("latest_notices", {"heading": "最新通知公告", "count": 5}),
        ("policies_in_force", {"heading": "现行有效政策"}),
    ]
    return [{"type": block_type, "value": value} for block_type, value in arrangement]
