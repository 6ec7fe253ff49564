"""What the directory's map shows for the part of the map in view.

The map asks for its bounding box and zoom level and gets the markets in view that match the list's
filters: each one as a marker while there are few enough (Leaflet.markercluster groups them on the
phone), or, when a view holds more than ``MAX_MARKERS``, counts per grid cell, summed by the database,
so that a view of both cities' 10,000 markets costs one grouped query and a few kilobytes.

Coordinates are stored in WGS-84; the map may draw GCJ-02 tiles (``settings.MAP_TILE_CRS``), so the
box arrives in the map's datum and every position leaves in it.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Avg, Count, F, Max, Min
from django.db.models.functions import Floor
from django.templatetags.static import static

from .geo import for_display
from .latest_rating import latest_official_title

MAX_MARKERS = 400
# GCJ-02 moves a point in mainland China by well under 0.01° (about 700 m); a box widened by this margin
# in WGS-84 holds every point the map's box holds in GCJ-02.
DATUM_MARGIN_DEGREES = 0.01
# A cluster cell is half a 256-pixel map tile wide at the view's zoom: three or so across a phone's map, far
# enough apart that the groups' 40-pixel circles seldom touch.
CELLS_PER_TILE = 2


@dataclass(frozen=True)
class Box:
    """A bounding box in degrees; the map never spans the antimeridian (the portal serves Fujian)."""

    west: float
    south: float
    east: float
    north: float

    def widened(self, margin):
        return Box(
            max(-180.0, self.west - margin),
            max(-90.0, self.south - margin),
            min(180.0, self.east + margin),
            min(90.0, self.north + margin),
        )

    def contains(self, lat, lng):
        return self.south <= lat <= self.north and self.west <= lng <= self.east


def cell_degrees(zoom):
    """The side of a cluster cell at ``zoom``: a 256-pixel tile spans 360 / 2**zoom degrees of longitude."""
    return 360.0 / (2**zoom) / CELLS_PER_TILE


def in_box(markets, box):
    """The located markets of ``markets`` that may lie in ``box`` (given in the map's datum)."""
    wide = box.widened(DATUM_MARGIN_DEGREES) if settings.MAP_TILE_CRS.upper() == "GCJ02" else box
    return markets.filter(latitude__range=(wide.south, wide.north), longitude__range=(wide.west, wide.east))


MARKER_FIELDS = ("pk", "title", "url_path", "facility_type", "latitude", "longitude", "official_title")


def markers(markets, box, urls):
    """The markers in ``box``: id, name, link, type, position in the map's datum, official star title if any."""
    rows = markets.annotate(official_title=latest_official_title(markets.model)).order_by("pk")
    found = []
    for pk, title, url_path, facility_type, lat, lng, official_title in rows.values_list(*MARKER_FIELDS):
        shown_lat, shown_lng = for_display(lat, lng, settings.MAP_TILE_CRS)
        if box.contains(shown_lat, shown_lng):
            marker = {"id": pk, "title": title, "url": urls(url_path), "type": facility_type}
            marker.update(lat=round(shown_lat, 6), lng=round(shown_lng, 6))
            if official_title:
                marker["official_title"] = official_title
            found.append(marker)
    return found


def clusters(markets, zoom):
    """Counts of markets per grid cell at ``zoom``, each placed at the mean position of its markets."""
    size = cell_degrees(zoom)
    cells = (
        markets.order_by()
        .annotate(cell_row=Floor(F("latitude") / size), cell_column=Floor(F("longitude") / size))
        .values("cell_row", "cell_column")
        .annotate(count=Count("pk"), mean_lat=Avg("latitude"), mean_lng=Avg("longitude"))
        .order_by("cell_row", "cell_column")
    )
    placed = []
    for cell in cells:
        lat, lng = for_display(cell["mean_lat"], cell["mean_lng"], settings.MAP_TILE_CRS)
        placed.append({"lat": round(lat, 6), "lng": round(lng, 6), "count": cell["count"]})
    return placed


def count_and_extent(markets):
    """How many ``markets`` there are, and [[south, west], [north, east]] around those with a position in the map's
    datum (None when none has one): one pass over the matching markets serves the list's count and the map."""
    found = markets.order_by().aggregate(
        count=Count("pk"), south=Min("latitude"), west=Min("longitude"), north=Max("latitude"), east=Max("longitude")
    )
    if found["south"] is None:
        return found["count"], None
    crs = settings.MAP_TILE_CRS
    south_west = for_display(found["south"], found["west"], crs)
    north_east = for_display(found["north"], found["east"], crs)
    return found["count"], [[round(value, 6) for value in south_west], [round(value, 6) for value in north_east]]


def tile_config():
    """The tiles and marker images every map of the portal uses (the directory's and a market page's)."""
    return {
        "tileUrl": settings.MAP_TILE_URL,
        "attribution": settings.MAP_TILE_ATTRIBUTION,
        # Full URLs: Leaflet guesses its image folder from the CSS, which fails with hashed static names.
        "icons": {
            "iconUrl": static("markets/vendor/leaflet/images/marker-icon.png"),
            "iconRetinaUrl": static("markets/vendor/leaflet/images/marker-icon-2x.png"),
            "shadowUrl": static("markets/vendor/leaflet/images/marker-shadow.png"),
        },
    }
