"""Site-wide models: the regions the portal serves, staff scopes, and the home page."""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from .blocks import HomeBlocks


class City(models.Model):
    """A prefecture-level city whose bureau publishes on the portal (泉州市, 宁德市)."""

    slug = models.SlugField(_("代码"), unique=True, help_text=_("规则引擎和接口使用的代码，如 quanzhou"))
    name = models.CharField(_("名称"), max_length=20, unique=True)
    division_code = models.CharField(_("行政区划代码"), max_length=6, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("设区市")
        verbose_name_plural = _("设区市")

    def __str__(self):
        return self.name


class County(models.Model):
    """A county-level district (县（市、区）) or a functional zone handled like one."""

    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="counties", verbose_name=_("设区市"))
    name = models.CharField(_("名称"), max_length=30, unique=True)
    division_code = models.CharField(
        _("行政区划代码"), max_length=6, blank=True, help_text=_("开发区、投资区等功能区没有行政区划代码，可留空")
    )
    is_functional_zone = models.BooleanField(_("功能区"), default=False)
    latitude = models.DecimalField(_("纬度（WGS-84）"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("经度（WGS-84）"), max_digits=9, decimal_places=6, null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["city__sort_order", "sort_order", "name"]
        verbose_name = _("县（市、区）")
        verbose_name_plural = _("县（市、区）")

    def __str__(self):
        return self.name


class StaffScope(models.Model):
    """Which part of the region a staff group works for.

    A group scoped to a city with no county sees every county of that city; a
    group scoped to a county sees only that county's cases and pages.
    """

    class Role(models.TextChoices):
        CITY_ADMIN = "city_admin", _("市级管理员")
        CITY_EDITOR = "city_editor", _("市级编辑")
        COUNTY_EDITOR = "county_editor", _("县级编辑")
        COUNTY_CASE_HANDLER = "county_case_handler", _("县级办案人员")

    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="scope", verbose_name=_("用户组"))
    role = models.CharField(_("角色"), max_length=32, choices=Role.choices)
    city = models.ForeignKey(City, on_delete=models.CASCADE, verbose_name=_("设区市"))
    county = models.ForeignKey(County, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("县（市、区）"))

    class Meta:
        verbose_name = _("工作人员范围")
        verbose_name_plural = _("工作人员范围")

    def __str__(self):
        return f"{self.group.name}（{self.get_role_display()}）"


class IntroPage(Page):
    """A page with an editable introduction (导语): the sections and their simple pages."""

    intro = RichTextField(_("导语"), blank=True, features=["bold", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        abstract = True


class HomePage(Page):
    intro = RichTextField(_("导语"), blank=True, features=["bold", "link"])
    body = StreamField(
        HomeBlocks(),
        blank=True,
        verbose_name=_("首页版块"),
        help_text=_("拖动调整顺序：站内搜索、附近零工市场、工价参考、服务入口、通知公告、现行政策"),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "policies.PolicyIndexPage",
        "markets.MarketIndexPage",
        "wages.WageGuideIndexPage",
        "notices.NoticeIndexPage",
        "forms.ServiceIndexPage",
        "forms.FeedbackIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("首页")
