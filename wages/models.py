"""工资指导价位: one page per city and year, holding that year's rows of occupation prices."""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.pages import IntroPage

from .bands import BANDS, PAY_UNITS
from .exports import csv_response, xlsx_response
from .validation import band_errors
from .views import chart_for, guide_context, previous_rates_by_occupation

SEARCH_DETAILS_SHOWN = 3


class WageGuideIndexPage(IntroPage):
    """工资指导价位: the wage guides by city and year."""

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["wages.WageGuidePage"]
    max_count = 1

    class Meta:
        verbose_name = _("工资指导价位栏目")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["guides"] = latest_guides_first(WageGuidePage.objects.child_of(self).live())
        return context


def latest_guides_first(queryset):
    return queryset.select_related("city").order_by("-year", "city__sort_order")


class WageGuidePage(RoutablePageMixin, Page):
    """One city's wage guide for one year (零工岗位工资指导价位)."""

    city = models.ForeignKey(
        "portal.City", on_delete=models.PROTECT, related_name="wage_guides", verbose_name=_("设区市")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    survey_period = models.CharField(_("调查期"), max_length=60, help_text=_("价位数据的调查时段，如“2026年1月—6月”"))
    issuing_body = models.CharField(_("发布单位"), max_length=100)
    intro = RichTextField(_("说明"), blank=True, features=["bold", "link"])
    is_sample = models.BooleanField(
        _("示例数据"),
        default=False,
        help_text=_("勾选后页面醒目提示：这些价位是演示用示例，不是人社部门发布的数据"),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("city"), FieldPanel("year"), FieldPanel("survey_period"), FieldPanel("issuing_body")],
            heading=_("基本信息"),
        ),
        FieldPanel("intro"),
        FieldPanel("is_sample"),
        InlinePanel("rates", heading=_("价位"), label=_("职业（工种）")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.RelatedFields(
            "rates",
            [index.SearchField("occupation"), index.SearchField("common_names"), index.SearchField("category")],
        ),
    ]
    parent_page_types = ["wages.WageGuideIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("工资指导价位表")
        verbose_name_plural = _("工资指导价位表")
        constraints = [models.UniqueConstraint(fields=["city", "year"], name="one_wage_guide_per_city_and_year")]

    def clean(self):
        super().clean()
        clash = WageGuidePage.objects.filter(city_id=self.city_id, year=self.year).exclude(pk=self.pk)
        if self.city_id and clash.exists():
            raise ValidationError({"year": _("该设区市的这一年度已有工资指导价位表。")})

    def previous_guide(self):
        return WageGuidePage.objects.filter(city_id=self.city_id, year=self.year - 1).live().first()

    def chart_url(self, rate):
        """The page of one trade's chart (``occupation`` below)."""
        return self.url + self.reverse_subpage("occupation", args=[rate.pk])

    def search_details(self, terms):
        """Under this guide in the site search: the price of each trade searched for (保洁, 小工…), linked to its
        chart; reads ``rates`` as the search prefetches them."""
        found = [rate for rate in self.rates.all() if any(term and rate.is_called(term) for term in terms)]
        return [{"text": rate.summary(), "url": self.chart_url(rate)} for rate in found[:SEARCH_DETAILS_SHOWN]]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(guide_context(self, request))
        return context

    @path("csv/", name="csv")
    def download_csv(self, request):
        return csv_response(self)

    @path("xlsx/", name="xlsx")
    def download_xlsx(self, request):
        return xlsx_response(self)

    @path("occupation/<int:rate_id>/", name="occupation")
    def occupation(self, request, rate_id):
        rate = self.rates.filter(pk=rate_id).first()
        if rate is None:
            raise Http404
        previous, previous_by_key = previous_rates_by_occupation(self)
        previous_rate = previous_by_key.get((rate.occupation, rate.pay_unit))
        chart = {
            "rate": rate,
            "previous_rate": previous_rate,
            "previous": previous,
            "rows": chart_for(rate, previous_rate),
        }
        return self.render(request, context_overrides={"chart": chart})


class WageRate(Orderable):
    """One occupation's price bands in one guide."""

    guide = ParentalKey(WageGuidePage, on_delete=models.CASCADE, related_name="rates")
    occupation = models.CharField(_("职业（工种）"), max_length=60)
    occupation_code = models.CharField(
        _("国家职业分类代码"),
        max_length=20,
        blank=True,
        help_text=_("《中华人民共和国职业分类大典》代码，如 4-10-01-05；不确定可留空"),
    )
    common_names = models.CharField(
        _("俗称"),
        max_length=100,
        blank=True,
        help_text=_("群众常用的叫法，用顿号分隔，如 小工、力工；查找时也能找到"),
    )
    category = models.CharField(_("类别"), max_length=30, blank=True, help_text=_("如 建筑装修、家政服务、生活服务"))
    pay_unit = models.CharField(_("计价单位"), max_length=4, choices=PAY_UNITS)
    low = models.DecimalField(_("低位数"), max_digits=9, decimal_places=2)
    lower_quartile = models.DecimalField(_("下四分位数"), max_digits=9, decimal_places=2, null=True, blank=True)
    median = models.DecimalField(_("中位数"), max_digits=9, decimal_places=2)
    upper_quartile = models.DecimalField(_("上四分位数"), max_digits=9, decimal_places=2, null=True, blank=True)
    high = models.DecimalField(_("高位数"), max_digits=9, decimal_places=2)
    is_shortage = models.BooleanField(_("紧缺职业"), default=False)
    remark = models.CharField(_("备注"), max_length=200, blank=True)

    panels = [
        FieldPanel("occupation"),
        FieldPanel("occupation_code"),
        FieldPanel("common_names"),
        FieldPanel("category"),
        FieldPanel("pay_unit"),
        *(FieldPanel(field) for field, _label in BANDS),
        FieldPanel("is_shortage"),
        FieldPanel("remark"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("职业（工种）价位")
        verbose_name_plural = _("职业（工种）价位")

    def __str__(self):
        return f"{self.occupation}（元/{self.pay_unit}）"

    def clean(self):
        problems = band_errors({field: getattr(self, field) for field, _label in BANDS})
        if problems:
            raise ValidationError("；".join(problems))

    def is_called(self, word):
        return word in self.occupation or word in self.common_names

    def summary(self):
        """保洁员：中位数 26 元/小时（低位数 20，高位数 35）, the prices written as the table writes them."""
        return _("%(occupation)s：中位数 %(median)s 元/%(unit)s（低位数 %(low)s，高位数 %(high)s）") % {
            "occupation": self.occupation,
            "median": floatformat(self.median, "-2"),
            "unit": self.get_pay_unit_display(),
            "low": floatformat(self.low, "-2"),
            "high": floatformat(self.high, "-2"),
        }

    def bands(self):
        """(label, value) for each band present, lowest first."""
        return [(label, getattr(self, field)) for field, label in BANDS if getattr(self, field) is not None]
