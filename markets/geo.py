"""Distances and map datums for the directory: pure functions, no Django.

Locations are stored in WGS-84 (what phones' GPS reports).  Chinese tile
services (Tianditu excepted) draw their maps in GCJ-02, so markers are shifted
with ``wgs84_to_gcj02`` before they are shown on such tiles.
"""

import math
from urllib.parse import quote, urlencode

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)


def haversine_km(lat1, lng1, lat2, lng2):
    """Great-circle distance in kilometres between two WGS-84 points."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lng2 - lng1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(lat, lng, radius_km):
    """(min_lat, max_lat, min_lng, max_lng) of a box containing every point within ``radius_km``."""
    dlat = math.degrees(radius_km / EARTH_RADIUS_KM)
    cos_lat = max(math.cos(math.radians(lat)), 1e-6)
    dlng = math.degrees(radius_km / (EARTH_RADIUS_KM * cos_lat))
    if dlng >= 180 or lat + dlat >= 90 or lat - dlat <= -90:
        return max(-90.0, lat - dlat), min(90.0, lat + dlat), -180.0, 180.0
    # Boxes crossing the antimeridian are not split: the portal serves Fujian.
    return lat - dlat, lat + dlat, lng - dlng, lng + dlng


# --- WGS-84 -> GCJ-02 ---------------------------------------------------------
# The published GCJ-02 ("Mars coordinates") obfuscation: offsets computed on the
# Krasovsky 1940 ellipsoid (a = 6378245 m, e² = 0.00669342162296594323), the
# algorithm every open implementation (eviltransform, coordtransform, prcoords)
# reproduces.  Outside mainland China's rough bounding box no offset applies.
_KRASOVSKY_A = 6378245.0
_KRASOVSKY_EE = 0.00669342162296594323


def _outside_china(lat, lng):
    return not (72.004 <= lng <= 137.8347 and 0.8293 <= lat <= 55.8271)


def _transform_lat(x, y):
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return ret


def _transform_lng(x, y):
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return ret


def wgs84_to_gcj02(lat, lng):
    """Shift a WGS-84 point to GCJ-02 (the datum of most Chinese map tiles)."""
    if _outside_china(lat, lng):
        return lat, lng
    dlat = _transform_lat(lng - 105.0, lat - 35.0)
    dlng = _transform_lng(lng - 105.0, lat - 35.0)
    rad_lat = math.radians(lat)
    magic = 1 - _KRASOVSKY_EE * math.sin(rad_lat) ** 2
    sqrt_magic = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((_KRASOVSKY_A * (1 - _KRASOVSKY_EE)) / (magic * sqrt_magic) * math.pi)
    dlng = (dlng * 180.0) / (_KRASOVSKY_A / sqrt_magic * math.cos(rad_lat) * math.pi)
    return lat + dlat, lng + dlng


def for_display(lat, lng, crs):
    """The point as the map's tile layer expects it (``crs`` is settings.MAP_TILE_CRS)."""
    if crs.upper() == "GCJ02":
        return wgs84_to_gcj02(lat, lng)
    return lat, lng


# --- Opening the phone's map app at a market ---------------------------------


def geo_uri(lat, lng, label):
    """A ``geo:`` URI (RFC 5870, WGS-84): Android offers the map apps installed (高德, 百度, …) to show the point."""
    point = f"{lat:.6f},{lng:.6f}"
    return f"geo:{point}?q={point}({quote(label, safe='')})"


def amap_marker_url(lat, lng, label):
    """Amap's marker page (uri.amap.com) at the point, which opens the Amap app where it is installed and shows a
    web map elsewhere: the web fallback of ``geo_uri``.  Amap draws GCJ-02, so the point is shifted first."""
    gcj_lat, gcj_lng = wgs84_to_gcj02(lat, lng)
    query = urlencode(
        {
            "position": f"{gcj_lng:.6f},{gcj_lat:.6f}",
            "name": label,
            "src": "lgsc",
            "coordinate": "gaode",
            "callnative": "1",
        }
    )
    return f"https://uri.amap.com/marker?{query}"
