"""The directory page's filters, "nearest to me" and map data.

GET parameters (the home page links here with the same names): city (City slug),
county (County pk), type, service, facility, trade, star, open_now, lat, lng, and
near_county / near_township to sort by distance from a chosen place.
"""

import math
from dataclasses import dataclass
from itertools import groupby

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Exists, ExpressionWrapper, F, FloatField, OuterRef, Q
from django.forms.models import ModelChoiceIterator
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.inputs import RowChoiceField
from portal.regions import City, County
from portal.vocabulary import FacilityType

from . import hours, map_data
from .geo import amap_marker_url, for_display, geo_uri, haversine_km
from .latest_rating import latest_official_title, latest_stars
from .presentation import PageUrls, full_address

PER_PAGE = 50
STAR_CHOICES = [("", _("不限")), ("3", _("三星及以上")), ("4", _("四星及以上")), ("5", _("五星"))]


class ByCity(ModelChoiceIterator):
    """The counties grouped under their city (<optgroup>), in the counties' own order (city first)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for city, counties in groupby(self.queryset, key=lambda county: county.city):
            yield (city.name, [self.choice(county) for county in counties])


class CountyChoiceField(RowChoiceField):
    iterator = ByCity


class TownshipSelect(forms.Select):
    """Each township names its county (``data-county``), so that a script can offer only the chosen county's."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.counties = {}

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value in self.counties:
            option["attrs"]["data-county"] = " ".join(str(pk) for pk in self.counties[value])
        return option


class DirectoryFilterForm(forms.Form):
    city = RowChoiceField(
        City.objects.all(), to_field_name="slug", required=False, label=_("设区市"), empty_label=_("全部")
    )
    county = CountyChoiceField(
        County.objects.select_related("city"), required=False, label=_("县（市、区）"), empty_label=_("全部")
    )
    type = forms.ChoiceField(choices=[("", _("全部"))] + FacilityType.choices, required=False, label=_("类型"))
    service = RowChoiceField(None, to_field_name="code", required=False, label=_("服务项目"), empty_label=_("不限"))
    facility = RowChoiceField(None, to_field_name="code", required=False, label=_("便民设施"), empty_label=_("不限"))
    trade = RowChoiceField(None, to_field_name="code", required=False, label=_("职业（工种）"), empty_label=_("不限"))
    star = forms.TypedChoiceField(choices=STAR_CHOICES, coerce=int, empty_value=None, required=False, label=_("星级"))
    open_now = forms.BooleanField(required=False, label=_("只看现在开放的"))
    near_county = CountyChoiceField(
        County.objects.select_related("city"),
        required=False,
        label=_("离这个县（市、区）最近"),
        empty_label=_("请选择"),
    )
    near_township = forms.ChoiceField(required=False, label=_("离这个乡镇（街道）最近"), widget=TownshipSelect)
    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lng = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)

    def __init__(self, *args, services, facilities, trades, townships=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services
        self.fields["facility"].queryset = facilities
        self.fields["trade"].queryset = trades
        # townships: (name, county pk) pairs, by name; a name found in two counties is offered once, under both.
        counties = {}
        for name, county in townships:
            counties.setdefault(name, []).append(county)
        self.fields["near_township"].choices = [("", _("请选择"))] + [(name, name) for name in counties]
        self.fields["near_township"].widget.counties = counties
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = _("该选项不存在，已忽略。")
            field.error_messages["invalid"] = _("请输入有效的数值，已忽略。")
            field.error_messages["min_value"] = _("坐标超出范围，已忽略。")
            field.error_messages["max_value"] = _("坐标超出范围，已忽略。")

    def value(self, name):
        """The cleaned value of a valid field, None for a blank or invalid one (bad filters are ignored)."""
        return self.cleaned_data.get(name) if hasattr(self, "cleaned_data") else None


def filter_markets(markets, form, now=None):
    """Apply the form's valid filters in the database (a queryset, however many markets there are)."""
    if form.value("city"):
        markets = markets.filter(county__city=form.value("city"))
    if form.value("county"):
        markets = markets.filter(county=form.value("county"))
    if form.value("type"):
        markets = markets.filter(facility_type=form.value("type"))
    if form.value("service"):
        markets = markets.filter(services=form.value("service"))
    if form.value("facility"):
        markets = markets.filter(facilities=form.value("facility"))
    if form.value("trade"):
        markets = markets.filter(trades=form.value("trade"))
    if form.value("star"):
        markets = markets.annotate(latest_stars=latest_stars(markets.model)).filter(
            latest_stars__gte=form.value("star")
        )
    if form.value("open_now"):
        markets = markets.filter(open_at(markets.model, hours.local_now(now)))
    return markets


def related(model, name):
    return model._meta.get_field(name).related_model


def open_at(model, moment):
    """Operating, and open at ``moment`` by the day's exception if it has one, else by the week's hours
    (``hours.is_open`` for one market; this is the same rule as a database condition)."""
    day, time_of_day = moment.date(), moment.time()
    exceptions = related(model, "hours_exceptions").objects.filter(market=OuterRef("pk"), date=day)
    weekly = related(model, "opening_hours").objects.filter(market=OuterRef("pk"), weekday=day.weekday())
    open_span = {"opens__lte": time_of_day, "closes__gt": time_of_day}
    by_exception = Exists(exceptions) & Exists(exceptions.filter(closed_all_day=False, **open_span))
    by_week = ~Exists(exceptions) & Exists(weekly.filter(**open_span))
    return Q(status=model.Status.OPERATING) & (by_exception | by_week)


DIRECTORY_ORDER = ("county__city__sort_order", "county__sort_order", "facility_type", "title", "pk")


def township_anchor(listed, name):
    """The mean position of the listed markets in a township (the portal keeps no township boundaries)."""
    points = list(listed.filter(township=name, latitude__isnull=False).values_list("latitude", "longitude"))
    if not points:
        return None
    return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)


def origin_from(form, listed):
    """(lat, lng, description) to sort by distance from, or None."""
    if form.value("lat") is not None and form.value("lng") is not None:
        return form.value("lat"), form.value("lng"), _("您的位置")
    if form.value("near_township"):
        anchor = township_anchor(listed, form.value("near_township"))
        if anchor:
            return anchor[0], anchor[1], form.value("near_township")
    county = form.value("near_county")
    if county and county.latitude is not None:
        return float(county.latitude), float(county.longitude), f"{county.name}人民政府驻地"
    return None


def order_by_distance(markets, origin):
    """Nearest first, in the database: on a city's scale the flat (equirectangular) distance orders as the
    great-circle one does; markets without a position come last."""
    lat, lng = origin[0], origin[1]
    shrink = math.cos(math.radians(lat))
    d_lat, d_lng = F("latitude") - lat, (F("longitude") - lng) * shrink
    flat = ExpressionWrapper(d_lat * d_lat + d_lng * d_lng, output_field=FloatField())
    return markets.annotate(flat_distance=flat).order_by(F("flat_distance").asc(nulls_last=True), "pk")


@dataclass
class DirectoryEntry:
    """One market in the list, read as plain values: building 50 page objects cost more than the rest of the list."""

    pk: int
    title: str
    url: str
    facility_type: str
    is_sample: bool
    stars: int | None
    official_title: str
    full_address: str
    phone: str
    latitude: float | None
    longitude: float | None
    distance_km: float | None = None
    today_hours: str = ""  # today's opening spans, "08:30–12:00、14:30–17:30"; "" when closed all day
    open_now: bool = False

    @property
    def type_label(self):
        return FacilityType(self.facility_type).label

    @property
    def has_location(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def geo_uri(self):
        return geo_uri(self.latitude, self.longitude, self.title) if self.has_location else ""

    @property
    def web_map_url(self):
        return amap_marker_url(self.latitude, self.longitude, self.title) if self.has_location else ""


def spans_today(model, pks, moment):
    """{pk: today's opening spans} for the markets ``pks``: a day's exception replaces the week's hours (as
    ``hours.spans_on``); two queries however many markets."""
    day = moment.date()
    exceptions = related(model, "hours_exceptions").objects.filter(market_id__in=pks, date=day)
    special = {}
    for market_id, closed_all_day, opens, closes in exceptions.values_list(
        "market_id", "closed_all_day", "opens", "closes"
    ):
        spans = special.setdefault(market_id, [])
        if not closed_all_day and opens and closes:
            spans.append(hours.Span(opens, closes))
    weekly = related(model, "opening_hours").objects.filter(market_id__in=pks, weekday=day.weekday())
    spans = {pk: [] for pk in pks}
    for market_id, opens, closes in weekly.values_list("market_id", "opens", "closes"):
        if market_id not in special:
            spans[market_id].append(hours.Span(opens, closes))
    spans.update(special)
    return spans


ENTRY_FIELDS = ("pk", "title", "url_path", "facility_type", "is_sample", "stars", "official_title", "phone", "status")
PLACE_FIELDS = ("county__city__name", "county__name", "township", "address", "latitude", "longitude")


def page_of(markets, pks, origin, now=None):
    """The entries of ``pks`` in that order (the database sorted only the ids), with distances from ``origin`` and
    today's hours (whether open at ``now``)."""
    model, urls = markets.model, PageUrls(full=False)
    moment = hours.local_now(now)
    today = spans_today(model, pks, moment) if pks else {}
    rows = markets.order_by().filter(pk__in=pks)
    rows = rows.annotate(stars=latest_stars(model), official_title=latest_official_title(model))
    by_pk = {row[0]: row for row in rows.values_list(*ENTRY_FIELDS, *PLACE_FIELDS)}
    entries = []
    for pk in pks:
        (
            pk,
            title,
            url_path,
            kind,
            is_sample,
            stars,
            official_title,
            phone,
            status,
            city,
            county,
            township,
            address,
            lat,
            lng,
        ) = by_pk[pk]
        entry = DirectoryEntry(
            pk,
            title,
            urls(url_path),
            kind,
            is_sample,
            stars,
            official_title or "",
            full_address(city, county, township, address),
            phone,
            lat,
            lng,
        )
        if origin and entry.has_location:
            entry.distance_km = haversine_km(origin[0], origin[1], lat, lng)
        spans = today.get(pk, [])
        entry.today_hours = hours.spans_text(spans)
        entry.open_now = status == model.Status.OPERATING and any(span.contains(moment.time()) for span in spans)
        entries.append(entry)
    return entries


MAP_FILTERS = ("city", "county", "type", "service", "facility", "trade", "star", "open_now")


def map_config(request, extent, shown, origin):
    """The map's settings: where to ask for the markets in view (with the list's filters), the extent of all that
    match, and, when sorted by distance, the starting point and the nearest few markets of the list to frame."""
    crs = settings.MAP_TILE_CRS
    filters = request.GET.copy()
    for name in list(filters):
        if name not in MAP_FILTERS:
            del filters[name]
    nearest = [for_display(m.latitude, m.longitude, crs) for m in shown if m.has_location][:5] if origin else []
    return {
        **map_data.tile_config(),
        "dataUrl": reverse("markets:map") + (f"?{filters.urlencode()}" if filters else ""),
        "extent": extent,
        "origin": list(for_display(origin[0], origin[1], crs)) if origin else None,
        "nearest": [list(point) for point in nearest],
    }


def directory_context(request, *, listed, services, facilities, trades, now=None):
    """The directory's context: the filter form, the ``listed`` markets that match, in order of distance when an
    origin is given, and the map's settings."""
    townships = listed.exclude(township="").order_by("township", "county").values_list("township", "county").distinct()
    form = DirectoryFilterForm(
        request.GET or None, services=services, facilities=facilities, trades=trades, townships=list(townships)
    )
    if form.is_bound:
        form.is_valid()  # invalid fields are reported and ignored; valid ones still filter
    matching = filter_markets(listed, form, now)
    origin = origin_from(form, listed)
    markets = order_by_distance(matching, origin) if origin else matching.order_by(*DIRECTORY_ORDER)
    paginator = Paginator(markets.values_list("pk", flat=True), PER_PAGE)
    paginator.count, extent = map_data.count_and_extent(matching)
    page_obj = paginator.get_page(request.GET.get("page"))
    shown = page_of(matching, list(page_obj.object_list), origin, now)
    return {
        "filter_form": form,
        "filters_chosen": sum(1 for name in MAP_FILTERS if form.value(name)),
        "markets": shown,
        "page_obj": page_obj,
        "origin": origin,
        "map_config": map_config(request, extent, shown, origin),
    }
