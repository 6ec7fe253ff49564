from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class MarketIndexPage(Page):
    """零工市场: the directory of gig markets and stations."""

    intro = RichTextField(_("导语"), blank=True, features=["bold", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["markets.CountyDirectoryPage"]
    max_count = 1

    class Meta:
        verbose_name = _("零工市场栏目")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["markets"] = MarketPage.objects.descendant_of(self).live().select_related("county")
        return context


class CountyDirectoryPage(Page):
    """One county's markets and stations; county editors may edit below it."""

    county = models.OneToOneField("portal.County", on_delete=models.PROTECT, verbose_name=_("县（市、区）"))

    content_panels = Page.content_panels + [FieldPanel("county")]
    parent_page_types = ["markets.MarketIndexPage"]
    subpage_types = ["markets.MarketPage"]

    class Meta:
        verbose_name = _("县（市、区）零工市场目录")


class MarketPage(Page):
    """A gig market (零工市场) or gig station (零工驿站)."""

    class FacilityType(models.TextChoices):
        MARKET = "market", _("零工市场")
        STATION = "station", _("零工驿站")

    facility_type = models.CharField(_("类型"), max_length=10, choices=FacilityType.choices)
    county = models.ForeignKey("portal.County", on_delete=models.PROTECT, verbose_name=_("县（市、区）"))
    address = models.CharField(_("地址"), max_length=200, blank=True)

    content_panels = Page.content_panels + [FieldPanel("facility_type"), FieldPanel("county"), FieldPanel("address")]
    search_fields = Page.search_fields + [index.SearchField("address")]
    parent_page_types = ["markets.CountyDirectoryPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("零工市场（驿站）")
