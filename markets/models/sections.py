"""The directory's section pages: MarketIndexPage (/markets/) and one CountyDirectoryPage per county."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from portal.pages import IntroPage

from ..directory import directory_context
from .market import MarketPage
from .standards import MarketFacility, MarketService, MarketTrade


class MarketIndexPage(IntroPage):
    """零工市场: the directory of gig markets and stations."""

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["markets.CountyDirectoryPage"]
    max_count = 1

    class Meta:
        verbose_name = _("零工市场栏目")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            directory_context(
                request,
                listed=MarketPage.objects.listed(),
                services=MarketService.objects.all(),
                facilities=MarketFacility.objects.all(),
                trades=MarketTrade.objects.all(),
            )
        )
        return context


class CountyDirectoryPage(Page):
    """One county's markets and stations; county editors may edit below it."""

    county = models.OneToOneField("portal.County", on_delete=models.PROTECT, verbose_name=_("县（市、区）"))

    content_panels = Page.content_panels + [FieldPanel("county")]
    parent_page_types = ["markets.MarketIndexPage"]
    subpage_types = ["markets.MarketPage"]

    class Meta:
        verbose_name = _("县（市、区）零工市场目录")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        markets = MarketPage.objects.child_of(self).listed()
        context["markets"] = markets.order_by("facility_type", "title")
        return context
