"""招聘活动: job fairs, recruitment caravans, targeted recruitment and training courses, each from its start to its
end (Asia/Shanghai), at a market or a place; listed until they end, with an iCalendar feed."""

import datetime

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from portal.pages import IntroPage
from portal.regions import City, County
from portal.scoping import cities_for, cities_worked_in, counties_for

from .event_kinds import EventKind, kind_source, local_datetime, month_label, time_range

PER_PAGE = 20
MONTHS_AHEAD = 12  # the month filter offers this month and the next eleven


def upcoming_events(now=None):
    """Live events that have not ended: an event is upcoming until its end time."""
    return (
        EventPage.objects.live()
        .public()
        .filter(ends_at__gt=now or timezone.now())
        .select_related("city", "county", "market")
        .order_by("starts_at", "pk")
    )


def next_event_change(now):
    """The next moment a live event starts or ends (an event list then reads differently), or None. One query."""
    found = (
        EventPage.objects.live()
        .filter(ends_at__gt=now)
        .aggregate(start=Min("starts_at", filter=Q(starts_at__gt=now)), end=Min("ends_at"))
    )
    moments = [moment for moment in found.values() if moment is not None]
    return min(moments) if moments else None


def month_choices(today):
    year, month = today.year, today.month
    choices = []
    for _step in range(MONTHS_AHEAD):
        choices.append((f"{year}-{month:02d}", month_label(year, month)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return choices


def month_bounds(value):
    """The month "2026-12" as [start, end) in local time, or None for anything else."""
    try:
        year, month = (int(part) for part in value.split("-"))
        start = datetime.date(year, month, 1)
    except (ValueError, TypeError):
        return None
    end = datetime.date(year + (month == 12), month % 12 + 1, 1)
    local = timezone.get_current_timezone()
    return (
        datetime.datetime.combine(start, datetime.time(), local),
        datetime.datetime.combine(end, datetime.time(), local),
    )


class EventIndexPage(IntroPage):
    """招聘活动: upcoming events, filterable by city, county, kind and month, with an iCalendar feed."""

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["notices.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = _("招聘活动栏目")

    def filters(self, request):
        """The chosen filters (unknown values ignored) and the options to choose from."""
        today = timezone.localdate()
        cities = list(City.objects.all())
        counties = list(County.objects.select_related("city"))
        city = next((c for c in cities if c.slug == request.GET.get("city")), None)
        county = next((c for c in counties if str(c.pk) == request.GET.get("county")), None)
        kind = request.GET.get("kind") if request.GET.get("kind") in EventKind.values else ""
        months = month_choices(today)
        month = request.GET.get("month") if request.GET.get("month") in dict(months) else ""
        return {
            "cities": cities,
            "counties": counties,
            "kinds": EventKind.choices,
            "months": months,
            "city": city,
            "county": county,
            "kind": kind,
            "month": month,
        }

    def filtered_events(self, chosen):
        events = upcoming_events().child_of(self)
        if chosen["city"] is not None:
            events = events.filter(city=chosen["city"])
        if chosen["county"] is not None:
            events = events.filter(county=chosen["county"])
        if chosen["kind"]:
            events = events.filter(kind=chosen["kind"])
        bounds = month_bounds(chosen["month"]) if chosen["month"] else None
        if bounds is not None:  # the events held (at least in part) in that month
            events = events.filter(starts_at__lt=bounds[1], ends_at__gt=bounds[0])
        return events

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        chosen = self.filters(request)
        context.update(chosen)
        context["page_obj"] = Paginator(self.filtered_events(chosen), PER_PAGE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context["filter_query"] = query.urlencode()
        context["filtered"] = any(chosen[name] for name in ("city", "county", "kind", "month"))
        context["calendar_url"] = reverse("events_calendar")
        return context


class EventPageForm(WagtailAdminPageForm):
    """An editor's event: of the cities and counties they work for (a county editor's: their county)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None and not user.is_superuser:
            counties = counties_for(user)
            self.fields["city"].queryset = cities_worked_in(user)
            self.fields["county"].queryset = counties
            self.fields["market"].queryset = self.fields["market"].queryset.filter(county__in=counties)

    def clean(self):
        cleaned = super().clean()
        user = self.for_user
        if (
            user is not None
            and not user.is_superuser
            and cleaned.get("county") is None
            and cleaned.get("market") is None
        ):
            city = cleaned.get("city")
            if city is not None and not cities_for(user).filter(pk=city.pk).exists():
                self.add_error("county", _("县级工作人员发布的活动须选择本县（市、区）。"))
        return cleaned


class EventPage(Page):
    """One event: when, where (a market, or an address), who organises it, what it offers and how to sign up."""

    kind = models.CharField(_("活动类型"), max_length=20, choices=EventKind.choices, default=EventKind.JOB_FAIR)
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"), help_text=_("活动在结束时间之前一直显示在活动列表中"))
    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="events", verbose_name=_("设区市"))
    county = models.ForeignKey(
        County,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("县（市、区）"),
        help_text=_("选择零工市场时可留空，自动取该市场所在县（市、区）"),
    )
    market = models.ForeignKey(
        "markets.MarketPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("举办的零工市场（驿站）"),
        help_text=_("在零工市场（驿站）举办的选择该市场；否则填写下面的地址"),
    )
    address = models.CharField(_("活动地址"), max_length=200, blank=True)
    latitude = models.FloatField(_("纬度（WGS-84）"), null=True, blank=True)
    longitude = models.FloatField(_("经度（WGS-84）"), null=True, blank=True)
    organiser = models.CharField(_("主办单位"), max_length=100)
    offers = RichTextField(_("活动内容"), features=["bold", "link", "ol", "ul"], help_text=_("岗位、培训项目、服务等"))
    signup_form = models.ForeignKey(
        "built_forms.BuiltFormPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("报名表"),
        help_text=_("在“办事服务”下建立的自建表单"),
    )
    is_sample = models.BooleanField(_("示例内容"), default=False, help_text=_("勾选后页面提示这是演示用的示例活动"))

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("organiser"),
            ],
            heading=_("基本信息"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("market"),
                FieldRowPanel([FieldPanel("city"), FieldPanel("county")]),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("地点"),
        ),
        FieldPanel("offers"),
        FieldPanel("signup_form"),
        FieldPanel("is_sample"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("offers"),
        index.SearchField("organiser"),
        index.SearchField("address"),
        index.FilterField("ends_at"),
        index.FilterField("kind"),
    ]
    parent_page_types = ["notices.EventIndexPage"]
    subpage_types = []
    base_form_class = EventPageForm

    class Meta:
        verbose_name = _("招聘活动")
        verbose_name_plural = _("招聘活动")

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("结束时间须晚于开始时间")
        if self.market_id is not None:
            market_county = self.market.county
            if self.county_id is None:
                self.county = market_county
            elif self.county_id != market_county.pk:
                errors["county"] = _("所选县（市、区）与举办的零工市场所在县（市、区）不一致")
        elif not self.address.strip():
            errors["address"] = _("请选择举办的零工市场（驿站）或填写活动地址")
        if self.county_id is not None and self.city_id is not None and self.county.city_id != self.city_id:
            errors["county"] = _("所选县（市、区）不属于所选设区市")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("纬度和经度须同时填写")
        if errors:
            raise ValidationError(errors)

    # --- what the templates and the calendar read ---

    def is_upcoming(self, now=None):
        return self.ends_at > (now or timezone.now())

    def is_ongoing(self, now=None):
        now = now or timezone.now()
        return self.starts_at <= now < self.ends_at

    @property
    def when(self):
        return time_range(self.starts_at, self.ends_at)

    @property
    def starts_label(self):
        return local_datetime(self.starts_at)

    def place_text(self):
        if self.market_id is not None:
            market = self.market
            return f"{market.title}（{market.address}）" if market.address else market.title
        return self.address

    def coordinates(self):
        if self.latitude is not None and self.longitude is not None:
            return (self.latitude, self.longitude)
        if self.market_id is not None and self.market.latitude is not None and self.market.longitude is not None:
            return (self.market.latitude, self.market.longitude)
        return None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        context["upcoming"] = self.is_upcoming(now)
        context["ongoing"] = self.is_ongoing(now)
        context["source"] = kind_source(self.kind, timezone.localdate())
        form = self.signup_form
        context["signup"] = form if form is not None and form.live else None
        context["calendar_url"] = reverse("event_calendar", args=[self.pk])
        return context
