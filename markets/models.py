"""The directory of gig markets (零工市场) and gig stations (零工驿站).

Tree: MarketIndexPage (/markets/) → CountyDirectoryPage (one per county; county
editors work below theirs) → MarketPage.
"""

import json

import segno
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from portal.pages import IntroPage
from portal.vocabulary import QUANZHOU, FacilityType

from . import hours
from .blocks import PhotoBlock
from .directory import directory_context
from .naming import official_name_problem


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
                within=self,
                services=MarketService.objects.all(),
                facilities=MarketFacility.objects.all(),
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


class StandardListEntry(models.Model):
    """An entry of a list the standards fix, with the clause it comes from."""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=40)
    source = models.CharField(_("依据"), max_length=120, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        abstract = True
        ordering = ["sort_order"]

    def __str__(self):
        return self.name


class MarketService(StandardListEntry):
    """A service from the standards' service list (clause 1 of both standards)."""

    class Meta(StandardListEntry.Meta):
        verbose_name = _("服务项目")
        verbose_name_plural = _("服务项目")


class MarketFacility(StandardListEntry):
    """A facility from the standards' facility lists (Quanzhou clauses 5–7, Ningde clause 6)."""

    class Meta(StandardListEntry.Meta):
        verbose_name = _("便民设施")
        verbose_name_plural = _("便民设施")


# Quanzhou rates markets only: 二（二）1 "所在地人社部门每年度负责对零工市场进行星级认定", while 二（二）2
# pays stations by score ("对零工驿站工作情况进行核查。得分满90分及以上的…"). Ningde rates both
# (二（四）1 "零工驿站按照3万元、2万元、1万元给予绩效补助" for 五星、四星、三星).
QUANZHOU_STATION_NOT_RATED = _(
    "泉州市的零工驿站不评定星级：泉州方案二（二）2规定“所在地人社部门每年度负责对零工驿站工作情况进行核查”，"
    "按得分给予绩效补助；星级认定只适用于零工市场（二（二）1）。请删除此条星级认定。"
)


class MarketPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        if self._is_quanzhou_station(cleaned):
            for rating in self._kept_star_ratings():
                rating.add_error("stars", QUANZHOU_STATION_NOT_RATED)
        return cleaned

    @staticmethod
    def _is_quanzhou_station(cleaned):
        county = cleaned.get("county")
        is_station = cleaned.get("facility_type") == FacilityType.STATION
        return is_station and county is not None and county.city.slug == QUANZHOU

    def _kept_star_ratings(self):
        forms = [form for form in self.formsets["star_ratings"].forms if form.has_changed()]
        return [form for form in forms if form.is_valid() and not form.cleaned_data.get("DELETE")]


class MarketPageQuerySet(PageQuerySet):
    def not_withdrawn(self):
        """Leave out the markets that have left the network (已退出): the directory, map, open data and
        search show the rest; a withdrawn market's own page stays reachable and says it has withdrawn."""
        return self.exclude(status=MarketPage.Status.WITHDRAWN)

    def listed(self):
        """Published and not withdrawn: what the directory, its map and "nearest" offer."""
        return self.live().not_withdrawn()


class MarketPage(Page):
    """A gig market (零工市场) or gig station (零工驿站). The page title is its official name."""

    class Status(models.TextChoices):
        OPERATING = "operating", _("正常运营")
        PREPARING = "preparing", _("筹建中")
        SUSPENDED = "suspended", _("暂停服务")
        WITHDRAWN = "withdrawn", _("已退出")

    facility_type = models.CharField(_("类型"), max_length=10, choices=FacilityType.choices)
    county = models.ForeignKey("portal.County", on_delete=models.PROTECT, verbose_name=_("县（市、区）"))
    township = models.CharField(_("乡镇（街道）"), max_length=40, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    latitude = models.FloatField(
        _("纬度（WGS-84）"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("手机定位（GPS）使用的 WGS-84 坐标，如 24.781234"),
    )
    longitude = models.FloatField(
        _("经度（WGS-84）"), null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    floor_area = models.PositiveIntegerField(_("服务场所面积（㎡）"), null=True, blank=True)
    staff_count = models.PositiveSmallIntegerField(_("工作人员数"), null=True, blank=True)
    phone = models.CharField(_("服务电话"), max_length=40, blank=True)
    services = ParentalManyToManyField(MarketService, blank=True, verbose_name=_("服务项目"))
    facilities = ParentalManyToManyField(MarketFacility, blank=True, verbose_name=_("便民设施"))
    operator = models.CharField(_("运营单位"), max_length=100, blank=True)
    recognized_on = models.DateField(_("认定日期"), null=True, blank=True)
    status = models.CharField(_("运营状态"), max_length=12, choices=Status.choices, default=Status.OPERATING)
    withdrawn_on = models.DateField(
        _("退出日期"),
        null=True,
        blank=True,
        help_text=_(
            "运营状态为“已退出”时必填（宁德方案三（四）“动态退出”）。退出后不再出现在目录、地图、"
            "附近查询、开放数据和站内搜索中；本页仍可访问，并在页首注明已退出。"
        ),
    )
    hours_note = models.CharField(_("开放时间说明"), max_length=200, blank=True)
    photos = StreamField([("photo", PhotoBlock())], blank=True, verbose_name=_("照片"))
    is_sample = models.BooleanField(
        _("示例数据"), default=False, help_text=_("演示用的示例市场，可用 manage.py remove_sample_markets 一次删除")
    )

    content_panels = Page.content_panels + [
        HelpPanel(content=_("标题即正式名称，应为“××县（市、区）××零工市场（驿站）”的形式。")),
        FieldPanel("is_sample"),
        FieldRowPanel([FieldPanel("facility_type"), FieldPanel("status"), FieldPanel("withdrawn_on")]),
        MultiFieldPanel(
            [
                FieldPanel("county"),
                FieldPanel("township"),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("位置"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("floor_area"), FieldPanel("staff_count")]),
                FieldPanel("phone"),
                FieldPanel("operator"),
                FieldPanel("recognized_on"),
            ],
            heading=_("基本情况"),
        ),
        MultiFieldPanel(
            [FieldPanel("hours_note"), InlinePanel("opening_hours", label=_("每周开放时间"))], heading=_("开放时间")
        ),
        InlinePanel("hours_exceptions", label=_("特殊日期（节假日等）")),
        FieldPanel("services", widget=forms.CheckboxSelectMultiple),
        FieldPanel("facilities", widget=forms.CheckboxSelectMultiple),
        InlinePanel("star_ratings", label=_("星级认定")),
        FieldPanel("photos"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("address"),
        index.SearchField("township"),
        index.FilterField("facility_type"),
        index.FilterField("county"),
        index.FilterField("status"),
    ]
    api_fields = [
        APIField("facility_type"),
        APIField("status"),
        APIField("withdrawn_on"),
        APIField("county_name"),
        APIField("city_name"),
        APIField("township"),
        APIField("address"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("floor_area"),
        APIField("staff_count"),
        APIField("phone"),
        APIField("operator"),
        APIField("recognized_on"),
        APIField("service_names"),
        APIField("facility_names"),
        APIField("star_history"),
        APIField("is_sample"),
    ]
    parent_page_types = ["markets.CountyDirectoryPage"]
    subpage_types = []

    objects = PageManager.from_queryset(MarketPageQuerySet)()
    base_form_class = MarketPageForm

    class Meta:
        verbose_name = _("零工市场（驿站）")
        verbose_name_plural = _("零工市场（驿站）")
        indexes = [models.Index(fields=["latitude", "longitude"], name="market_lat_lng")]

    # --- validation ---------------------------------------------------------
    def clean(self):
        super().clean()
        if self.county_id and self.facility_type:
            problem = official_name_problem(
                self.title,
                county_name=self.county.name,
                city_name=self.county.city.name,
                facility_type=self.facility_type,
            )
            if problem:
                raise ValidationError({"title": problem})
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError({"longitude": _("纬度和经度需同时填写。")})
        self._check_withdrawal_date()

    def _check_withdrawal_date(self):
        if self.is_withdrawn and self.withdrawn_on is None:
            raise ValidationError({"withdrawn_on": _("运营状态为“已退出”时，请填写退出日期。")})
        if not self.is_withdrawn and self.withdrawn_on is not None:
            raise ValidationError(
                {"withdrawn_on": _("只有运营状态为“已退出”时才填写退出日期；恢复运营的，请清空退出日期。")}
            )
        if self.withdrawn_on and self.withdrawn_on > timezone.localdate():
            # The page would say "已于…退出" of a day still to come.
            raise ValidationError({"withdrawn_on": _("退出日期不能晚于今天；计划退出的，请在退出当天再改为“已退出”。")})

    # --- admin ----------------------------------------------------------------
    def get_admin_display_title(self):
        title = super().get_admin_display_title()
        return f"【示例数据】{title}" if self.is_sample else title

    # --- derived values -------------------------------------------------------
    @property
    def county_name(self):
        return self.county.name

    @property
    def city_name(self):
        return self.county.city.name

    @property
    def full_address(self):
        """City, county and township before the address, unless the address already starts with the county."""
        if self.address.startswith(self.county.name):
            return f"{self.county.city.name}{self.address}"
        return f"{self.county.city.name}{self.county.name}{self.township}{self.address}"

    @property
    def is_withdrawn(self):
        return self.status == self.Status.WITHDRAWN

    @property
    def has_location(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def service_names(self):
        return [service.name for service in self.services.all()]

    @property
    def facility_names(self):
        return [facility.name for facility in self.facilities.all()]

    @property
    def star_history(self):
        return [{"year": rating.year, "stars": rating.stars} for rating in self.sorted_star_ratings()]

    def sorted_star_ratings(self):
        return sorted(self.star_ratings.all(), key=lambda rating: rating.year, reverse=True)

    @property
    def current_stars(self):
        """Stars of the most recent rating year, or None when never rated."""
        ratings = self.sorted_star_ratings()
        return ratings[0].stars if ratings else None

    def weekly_spans(self):
        weekly = {}
        for row in self.opening_hours.all():
            weekly.setdefault(row.weekday, []).append(hours.Span(row.opens, row.closes))
        return weekly

    def exception_spans(self):
        exceptions = {}
        for row in self.hours_exceptions.all():
            spans = exceptions.setdefault(row.date, [])
            if not row.closed_all_day and row.opens and row.closes:
                spans.append(hours.Span(row.opens, row.closes))
        return exceptions

    def is_open(self, now=None):
        if self.status != self.Status.OPERATING:
            return False
        return hours.is_open(self.weekly_spans(), self.exception_spans(), now)

    def weekly_table(self):
        """[(weekday label, "08:30–12:00、14:30–17:30" or "休息")] Monday first."""
        weekly = self.weekly_spans()
        rows = []
        for day, label in enumerate(hours.WEEKDAYS):
            spans = sorted(weekly.get(day, []), key=lambda span: span.opens)
            text = "、".join(f"{span.opens:%H:%M}–{span.closes:%H:%M}" for span in spans) or gettext(hours.CLOSED)
            rows.append((gettext(label), text))
        return rows

    def upcoming_exceptions(self, now=None):
        today = hours.local_now(now).date()
        return [row for row in self.hours_exceptions.all() if row.date >= today]

    def public_url(self):
        """The page's address on the public site (for QR codes on printed door signs)."""
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + (self.get_url_parts()[2] if self.get_url_parts() else "")

    def qr_svg(self):
        qr = segno.make(self.public_url(), error="m")
        return qr.svg_inline(scale=5, border=2, title=f"{self.title} 二维码", svgclass="market-qr")

    def json_ld(self):
        """schema.org GovernmentOffice with geo, address and opening hours."""
        data = {
            "@context": "https://schema.org",
            "@type": "GovernmentOffice",
            "name": self.title,
            "url": self.public_url(),
            "address": {
                "@type": "PostalAddress",
                "streetAddress": self.address,
                "addressLocality": self.county.name,
                "addressRegion": f"福建省{self.county.city.name}",
                "addressCountry": "CN",
            },
            "openingHoursSpecification": [
                {
                    "@type": "OpeningHoursSpecification",
                    "dayOfWeek": f"https://schema.org/{SCHEMA_DAYS[row.weekday]}",
                    "opens": f"{row.opens:%H:%M}",
                    "closes": f"{row.closes:%H:%M}",
                }
                for row in self.opening_hours.all()
            ]
            + [
                {
                    "@type": "OpeningHoursSpecification",
                    "validFrom": row.date.isoformat(),
                    "validThrough": row.date.isoformat(),
                    "opens": "00:00" if row.closed_all_day else f"{row.opens:%H:%M}",
                    "closes": "00:00" if row.closed_all_day else f"{row.closes:%H:%M}",
                }
                for row in self.hours_exceptions.all()
                if row.closed_all_day or (row.opens and row.closes)
            ],
        }
        if self.has_location:
            data["geo"] = {"@type": "GeoCoordinates", "latitude": self.latitude, "longitude": self.longitude}
        if self.phone:
            data["telephone"] = self.phone
        return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["open_now"] = self.is_open()
        return context


SCHEMA_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


class MarketOpeningHours(Orderable):
    WEEKDAY_CHOICES = list(enumerate(hours.WEEKDAYS))

    market = ParentalKey(MarketPage, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("星期"), choices=WEEKDAY_CHOICES)
    opens = models.TimeField(_("开门"))
    closes = models.TimeField(_("关门"))

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta(Orderable.Meta):
        verbose_name = _("开放时间")

    def clean(self):
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": _("关门时间应晚于开门时间。")})


class MarketHoursException(Orderable):
    """A date whose hours differ from the week's (holidays, special openings)."""

    market = ParentalKey(MarketPage, on_delete=models.CASCADE, related_name="hours_exceptions")
    date = models.DateField(_("日期"))
    closed_all_day = models.BooleanField(_("全天休息"), default=True)
    opens = models.TimeField(_("开门"), null=True, blank=True)
    closes = models.TimeField(_("关门"), null=True, blank=True)
    reason = models.CharField(_("说明"), max_length=60, blank=True, help_text=_("如：国庆节休息、招聘会延长开放"))

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("closed_all_day")]),
        FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")]),
        FieldPanel("reason"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("特殊日期")

    def clean(self):
        if not self.closed_all_day and not (self.opens and self.closes):
            raise ValidationError({"opens": _("不是全天休息时，请填写当天的开门和关门时间。")})
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": _("关门时间应晚于开门时间。")})


class MarketStarRating(models.Model):
    """The star rating (星级认定) a market or station earned in a year."""

    market = ParentalKey(MarketPage, on_delete=models.CASCADE, related_name="star_ratings")
    year = models.PositiveSmallIntegerField(_("年度"), validators=[MinValueValidator(2024), MaxValueValidator(2100)])
    stars = models.PositiveSmallIntegerField(
        _("星级"),
        choices=[(3, _("三星")), (4, _("四星")), (5, _("五星"))],
        help_text=_(
            "评定五星、四星、三星。泉州只对零工市场评定（泉州方案二（二）1），零工驿站按得分补助、不评星级"
            "（二（二）2）；宁德零工市场和零工驿站均评定（宁德方案二（四）1）。"
        ),
    )

    panels = [FieldRowPanel([FieldPanel("year"), FieldPanel("stars")])]

    class Meta:
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["market", "year"], name="one_star_rating_per_year")]
        verbose_name = _("星级认定")
        verbose_name_plural = _("星级认定")

    def __str__(self):
        return f"{self.year}年度{self.get_stars_display()}"


class ConstructionTarget(models.Model):
    """How many markets and stations a city (or one county) aims to have built by a date."""

    city = models.ForeignKey("portal.City", on_delete=models.CASCADE, verbose_name=_("设区市"))
    county = models.ForeignKey(
        "portal.County",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name=_("县（市、区）"),
        help_text=_("留空表示全市目标"),
    )
    deadline = models.DateField(_("完成期限"))
    markets_target = models.PositiveIntegerField(_("零工市场目标数"), null=True, blank=True)
    stations_target = models.PositiveIntegerField(_("零工驿站目标数"), null=True, blank=True)
    source = models.CharField(_("依据"), max_length=200)
    is_interpretation = models.BooleanField(
        _("属于理解或推定"), default=False, help_text=_("政策原文未直接规定该数值时勾选，页面和报表会注明")
    )

    panels = [
        FieldPanel("city"),
        FieldPanel("county"),
        FieldPanel("deadline"),
        FieldRowPanel([FieldPanel("markets_target"), FieldPanel("stations_target")]),
        FieldPanel("source"),
        FieldPanel("is_interpretation"),
    ]

    class Meta:
        ordering = ["city__sort_order", "county__sort_order", "deadline"]
        verbose_name = _("建设目标")
        verbose_name_plural = _("建设目标")

    def __str__(self):
        where = self.county.name if self.county_id else f"{self.city.name}（全市）"
        return f"{where} {self.deadline:%Y年%m月%d日}前"

    def clean(self):
        if self.county_id and self.county.city_id != self.city_id:
            raise ValidationError({"county": _("所选县（市、区）不属于该设区市。")})
        if self.markets_target is None and self.stations_target is None:
            raise ValidationError({"markets_target": _("请至少填写一项目标数。")})
