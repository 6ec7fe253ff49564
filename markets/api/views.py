"""Open data: the published markets as GeoJSON, and the nearest ones to a point; withdrawn ones are left out.

Coordinates are WGS-84 (GeoJSON's datum).  Bad input answers 400 with
{"errors": {field: [message]}} in Chinese.
"""

from django import forms
from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from portal.inputs import RowChoiceField
from portal.regions import City, County
from portal.vocabulary import FacilityType

from .. import map_data
from ..directory import DirectoryFilterForm, filter_markets
from ..geo import bounding_box, haversine_km
from ..models import MarketFacility, MarketPage, MarketService, MarketTrade
from ..presentation import PageUrls

COORDINATE_MESSAGES = {
    "required": "请提供坐标。",
    "invalid": "坐标应为十进制度数，如 24.874。",
    "min_value": "坐标超出范围。",
    "max_value": "坐标超出范围。",
}
NEARBY_MAX_LIMIT = 50
GEOJSON_LIMIT = 1000  # features per page: 10,000 markets come in ten answers of about 500 KB
GEOJSON_MAX_LIMIT = 5000
NEARBY_FIRST_RADIUS_KM = 5
NEARBY_MAX_RADIUS_KM = 20_000  # half the Earth's circumference: the box is then the whole globe


def whole_number(name, minimum, maximum=None, required=None):
    """An integer parameter whose errors name it in Chinese; optional unless ``required`` gives the message."""
    messages = {"invalid": f"{name} 应为整数。", "min_value": f"{name} 至少为 {minimum}。"}
    if maximum is not None:
        messages["max_value"] = f"{name} 最多为 {maximum}。"
    if required:
        messages["required"] = required
    return forms.IntegerField(required=bool(required), min_value=minimum, max_value=maximum, error_messages=messages)


class NearbyQuery(forms.Form):
    lat = forms.FloatField(min_value=-90, max_value=90, error_messages=COORDINATE_MESSAGES)
    lng = forms.FloatField(min_value=-180, max_value=180, error_messages=COORDINATE_MESSAGES)
    limit = whole_number("limit", 1, NEARBY_MAX_LIMIT)


class GeoJSONQuery(forms.Form):
    city = RowChoiceField(
        City.objects.all(),
        to_field_name="slug",
        required=False,
        error_messages={"invalid_choice": "没有这个设区市代码。"},
    )
    county = RowChoiceField(
        County.objects.all(), required=False, error_messages={"invalid_choice": "没有这个县（市、区）编号。"}
    )
    type = forms.ChoiceField(
        choices=[("", "")] + FacilityType.choices,
        required=False,
        error_messages={"invalid_choice": "类型应为 market（零工市场）或 station（零工驿站）。"},
    )
    trade = RowChoiceField(
        MarketTrade.objects.all(),
        to_field_name="code",
        required=False,
        error_messages={"invalid_choice": "没有这个职业（工种）代码。"},
    )
    page = whole_number("page", 1)
    limit = whole_number("limit", 1, GEOJSON_MAX_LIMIT)


MAX_ZOOM = 20


class BoxField(forms.CharField):
    """west,south,east,north in decimal degrees, as Leaflet's ``getBounds().toBBoxString()`` gives them."""

    default_error_messages = {
        "invalid": "bbox 应为“西经度,南纬度,东经度,北纬度”四个十进制度数，如 118.3,24.5,118.9,25.1。"
    }

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            west, south, east, north = (float(part) for part in value.split(","))
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
            raise forms.ValidationError("bbox 超出范围，或西边不小于东边、南边不小于北边。", code="range")
        return map_data.Box(west, south, east, north)


class MapViewQuery(forms.Form):
    bbox = BoxField(error_messages={"required": "请提供地图范围 bbox。"})
    zoom = whole_number("zoom", 0, MAX_ZOOM, required="请提供缩放级别 zoom。")


def bad_request(form):
    errors = {field: [str(message) for message in messages] for field, messages in form.errors.items()}
    return JsonResponse({"errors": errors}, status=400, json_dumps_params={"ensure_ascii": False})


FIELDS = ("pk", "title", "url_path", "facility_type", "latitude", "longitude", "county__name", "county__city__name")


def _summary(row, urls):
    pk, title, url_path, facility_type, lat, lng, county, city = row
    return {
        "id": pk,
        "name": title,
        "type": facility_type,
        "type_label": str(FacilityType(facility_type).label),
        "city": city,
        "county": county,
        "latitude": lat,
        "longitude": lng,
        "url": urls(url_path),
    }


def nearest(lat, lng, limit):
    """The ``limit`` nearest published, not withdrawn markets as (distance_km, row), nearest first.

    Searches a box around the point on the indexed latitude/longitude, growing it
    until it holds ``limit`` markets.  The k-th distance found then bounds the
    answer, so one more box of that radius makes it exact; only the markets near
    the point are read, and details are fetched for the winners alone.
    """
    located = MarketPage.objects.listed().filter(latitude__isnull=False, longitude__isnull=False).order_by()
    radius = NEARBY_FIRST_RADIUS_KM
    while True:
        candidates = _candidates(located, lat, lng, radius)
        if len(candidates) >= limit or radius >= NEARBY_MAX_RADIUS_KM:
            break
        radius *= 4
    if len(candidates) >= limit and candidates[limit - 1][0] > radius:
        candidates = _candidates(located, lat, lng, candidates[limit - 1][0])
    winners = candidates[:limit]
    details = {row[0]: row for row in located.filter(pk__in=[pk for _, pk in winners]).values_list(*FIELDS)}
    return [(distance, details[pk]) for distance, pk in winners]


def _candidates(located, lat, lng, radius_km):
    """(distance_km, pk) of the markets in the box around the point, nearest first."""
    min_lat, max_lat, min_lng, max_lng = bounding_box(lat, lng, radius_km)
    points = located.filter(latitude__range=(min_lat, max_lat), longitude__range=(min_lng, max_lng))
    return sorted(
        (haversine_km(lat, lng, p_lat, p_lng), pk)
        for pk, p_lat, p_lng in points.values_list("pk", "latitude", "longitude")
    )


@require_GET
def nearby(request):
    query = NearbyQuery(request.GET)
    if not query.is_valid():
        return bad_request(query)
    lat, lng = query.cleaned_data["lat"], query.cleaned_data["lng"]
    limit = query.cleaned_data["limit"] or 10
    urls = PageUrls()
    results = [{**_summary(row, urls), "distance_km": round(distance, 3)} for distance, row in nearest(lat, lng, limit)]
    return JsonResponse(
        {"origin": {"lat": lat, "lng": lng}, "count": len(results), "results": results},
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def map_view(request):
    """The directory map's markets in view, with the list's filters (invalid filters are ignored, as there):
    {"crs", "total", "markers": [...]} or, for a view holding more than map_data.MAX_MARKERS, "clusters"."""
    view = MapViewQuery(request.GET)
    if not view.is_valid():
        return bad_request(view)
    box, zoom = view.cleaned_data["bbox"], view.cleaned_data["zoom"]
    filters = DirectoryFilterForm(
        request.GET,
        services=MarketService.objects.all(),
        facilities=MarketFacility.objects.all(),
        trades=MarketTrade.objects.all(),
    )
    filters.is_valid()
    in_view = map_data.in_box(filter_markets(MarketPage.objects.listed(), filters), box)
    body = {"crs": settings.MAP_TILE_CRS.upper()}
    if in_view.count() <= map_data.MAX_MARKERS:
        body["markers"] = map_data.markers(in_view, box, PageUrls(full=False))
        body["total"] = len(body["markers"])
    else:
        body["clusters"] = map_data.clusters(in_view, zoom)
        body["total"] = sum(cell["count"] for cell in body["clusters"])
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


@require_GET
def geojson(request):
    """The published markets as a FeatureCollection, a page at a time (``page``, ``limit``), with the OGC API
    Features counts (numberMatched, numberReturned) and a ``next`` link (also as a Link header) while more remain."""
    query = GeoJSONQuery(request.GET)
    if not query.is_valid():
        return bad_request(query)
    markets = geojson_markets(query.cleaned_data)
    page, limit = query.cleaned_data["page"] or 1, query.cleaned_data["limit"] or GEOJSON_LIMIT
    matched = markets.count()
    urls = PageUrls()
    features = [_feature(market, urls) for market in markets[(page - 1) * limit : page * limit]]
    body = {
        "type": "FeatureCollection",
        "numberMatched": matched,
        "numberReturned": len(features),
        "features": features,
    }
    links = page_links(request, page, limit, matched)
    if links:
        body["links"] = links
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/geo+json; charset=utf-8"
    if links:
        response["Link"] = ", ".join(f'<{link["href"]}>; rel="{link["rel"]}"' for link in links)
    return response


def geojson_markets(filters):
    markets = MarketPage.objects.listed().filter(latitude__isnull=False).select_related("county__city")
    if filters["city"]:
        markets = markets.filter(county__city=filters["city"])
    if filters["county"]:
        markets = markets.filter(county=filters["county"])
    if filters["type"]:
        markets = markets.filter(facility_type=filters["type"])
    if filters["trade"]:
        markets = markets.filter(trades=filters["trade"])
    return markets.prefetch_related("services", "facilities", "trades", "star_ratings").order_by("pk")


def page_links(request, page, limit, matched):
    """Links to the previous and next pages, keeping the other parameters."""
    links = []
    for rel, number in (("prev", page - 1), ("next", page + 1)):
        if 1 <= number and (number - 1) * limit < matched:
            parameters = request.GET.copy()
            parameters["page"] = str(number)
            links.append(
                {"rel": rel, "type": "application/geo+json", "href": f"{request.path}?{parameters.urlencode()}"}
            )
    return links


def _feature(market, urls):
    return {
        "type": "Feature",
        "id": market.pk,
        "geometry": {"type": "Point", "coordinates": [market.longitude, market.latitude]},
        "properties": {
            "name": market.title,
            "type": market.facility_type,
            "type_label": market.get_facility_type_display(),
            "status": market.status,
            "city": market.county.city.name,
            "city_slug": market.county.city.slug,
            "county": market.county.name,
            "county_id": market.county_id,
            "township": market.township,
            "address": market.address,
            "phone": market.phone,
            "services": market.service_names,
            "facilities": market.facility_names,
            "trades": market.trade_names,
            "stars": market.current_stars,
            "official_title": market.current_official_title,
            "is_sample": market.is_sample,
            "url": urls(market.url_path),
        },
    }
