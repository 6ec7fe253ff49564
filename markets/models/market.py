"""A market or station page: its data, its checks (official name, withdrawal) and its hours; its star ratings
are the bureau's record (``ratings.py``), shown here but never edited with the page."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from portal.vocabulary import FacilityType

from .. import hours
from ..blocks import PhotoBlock
from ..geo import amap_marker_url, for_display, geo_uri
from ..map_data import tile_config
from ..naming import official_name_problem
from ..presentation import door_sign_qr_svg, full_address, government_office_json_ld
from ..published_info import PLATFORMS, source_links


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
    services = ParentalManyToManyField("markets.MarketService", blank=True, verbose_name=_("服务项目"))
    facilities = ParentalManyToManyField("markets.MarketFacility", blank=True, verbose_name=_("便民设施"))
    trades = ParentalManyToManyField(
        "markets.MarketTrade",
        blank=True,
        verbose_name=_("主要服务的职业（工种）"),
        help_text=_(
            "公众可在目录中按工种查找（宁德方案三（三）、两地标准第9条）；工种列表在“零工市场设置 → 职业（工种）”维护"
        ),
    )
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
    platform_qr = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("零工平台二维码"),
        help_text=_("泉州：“泉就业”零工平台小程序二维码（泉州标准第12条）；宁德：全市统一的零工市场线上服务平台二维码"),
    )
    platform_qr_alt = models.CharField(
        _("二维码替代文字"),
        max_length=120,
        blank=True,
        help_text=_("供读屏软件朗读，如：“泉就业”零工平台小程序二维码。选择了二维码图片时必填"),
    )
    platform_instructions = models.TextField(_("平台操作指引"), blank=True, help_text=_("留空则显示本市的默认操作指引"))
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
        FieldPanel("trades", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [FieldPanel("platform_qr"), FieldPanel("platform_qr_alt"), FieldPanel("platform_instructions")],
            heading=_("零工平台二维码及操作指引"),
        ),
        InlinePanel(
            "public_welfare_jobs",
            heading=_("临时公益性岗位"),
            label=_("岗位"),
            help_text=_("定期发布，向符合条件的求职人员推荐上岗（两地标准第13条）；报名截止后不再显示"),
        ),
        InlinePanel(
            "training_sessions",
            heading=_("培训计划"),
            label=_("培训"),
            help_text=_("培训前提前公开（泉州标准第15条）；结束后不再显示"),
        ),
        InlinePanel(
            "legal_help_channels",
            heading=_("就近维权服务渠道"),
            label=_("渠道"),
            help_text=_("当地公共法律服务、劳动保障监察、法律援助点等（泉州标准第18条、宁德标准第16条）"),
        ),
        HelpPanel(
            heading=_("星级认定"),
            template="markets/admin/star_ratings_panel.html",
            content=_(
                "星级认定不在本页编辑：年度考核结果经公示无异议后自动记入；历年的认定由人社部门在后台菜单"
                "“星级认定”中录入或更正。"
            ),
        ),
        FieldPanel("photos"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("address"),
        index.SearchField("township"),
        # Found by a trade, but ranked below what names it in its title or text (the wage guide for 泥水工): the
        # autocomplete column is matched and not weighed (search/backends).
        index.RelatedFields("trades", [index.AutocompleteField("name")]),
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
        APIField("trade_names"),
        APIField("star_history"),
        APIField("is_sample"),
    ]
    parent_page_types = ["markets.CountyDirectoryPage"]
    subpage_types = []

    objects = PageManager.from_queryset(MarketPageQuerySet)()

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
        if self.platform_qr_id and not self.platform_qr_alt.strip():
            raise ValidationError(
                {
                    "platform_qr_alt": _(
                        "已选择二维码图片，请填写替代文字（如：“泉就业”零工平台小程序二维码），供读屏软件朗读。"
                    )
                }
            )

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
        return full_address(self.county.city.name, self.county.name, self.township, self.address)

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
    def trade_names(self):
        return [trade.name for trade in self.trades.all()]

    @property
    def star_history(self):
        return [
            {"year": rating.year, "stars": rating.stars, "official_title": rating.official_title}
            for rating in self.sorted_star_ratings()
        ]

    def sorted_star_ratings(self):
        return sorted(self.star_ratings.all(), key=lambda rating: rating.year, reverse=True)

    @property
    def current_rating(self):
        """The rating of the most recent rating year, or None when never rated."""
        ratings = self.sorted_star_ratings()
        return ratings[0] if ratings else None

    @property
    def current_stars(self):
        """Stars of the most recent rating year, or None when never rated."""
        return self.current_rating.stars if self.current_rating else None

    @property
    def current_official_title(self):
        """The official title of the most recent rating (泉州市2026年度五星级零工市场), or "" when it has none."""
        return self.current_rating.official_title if self.current_rating else ""

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
            text = hours.spans_text(weekly.get(day, [])) or gettext(hours.CLOSED)
            rows.append((gettext(label), text))
        return rows

    def upcoming_exceptions(self, now=None):
        today = hours.local_now(now).date()
        return [row for row in self.hours_exceptions.all() if row.date >= today]

    def public_url(self):
        """The page's address on the public site (for QR codes on printed door signs)."""
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + (self.get_url_parts()[2] if self.get_url_parts() else "")

    def qr_svg(self):
        return door_sign_qr_svg(self)

    def json_ld(self):
        """schema.org GovernmentOffice with geo, address and opening hours."""
        return government_office_json_ld(self)

    # --- what the market publishes (issue 17) ----------------------------------
    def platform(self):
        """The employment platform's QR code and instructions: the page's own, else the city's default text."""
        default = PLATFORMS.get(self.county.city.slug)
        return {
            "name": default.name if default else "",
            "qr": self.platform_qr,
            "alt": self.platform_qr_alt,
            "instructions": self.platform_instructions or (default.instructions if default else ""),
        }

    def current_public_welfare_jobs(self, today):
        """The jobs still open to applications (in Python: a preview's unsaved rows are shown too)."""
        return [job for job in self.public_welfare_jobs.all() if job.apply_by is None or job.apply_by >= today]

    def upcoming_training(self, today):
        """The training plan from today on, soonest first."""
        sessions = [session for session in self.training_sessions.all() if session.last_day >= today]
        return sorted(sessions, key=lambda session: (session.starts_on, session.sort_order or 0))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        context["open_now"] = self.is_open()
        context["sources"] = source_links(self.county.city, today)
        context["trades"] = list(self.trades.all())
        context["platform"] = self.platform()
        context["public_welfare_jobs"] = self.current_public_welfare_jobs(today)
        context["training_sessions"] = self.upcoming_training(today)
        context["legal_help_channels"] = list(self.legal_help_channels.all())
        if self.has_location:
            context["map_app_links"] = {
                "geo": geo_uri(self.latitude, self.longitude, self.title),
                "web": amap_marker_url(self.latitude, self.longitude, self.title),
            }
            point = for_display(self.latitude, self.longitude, settings.MAP_TILE_CRS)
            context["location_map"] = {**tile_config(), "point": list(point), "title": self.title}
        return context
