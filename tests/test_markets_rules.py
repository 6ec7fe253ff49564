"""The directory's rules as pure functions: official names, opening hours, distances, GCJ-02."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from markets import geo, hours
from markets.naming import official_name_problem

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(
    "name, facility_type",
    [
        ("晋江市零工市场", "market"),
        ("晋江市陈埭镇零工驿站", "station"),
        ("泉州市晋江市零工市场", "market"),  # Quanzhou standard clause 1: “泉州市××县（市、区）零工市场（驿站）”
        ("晋江市鞋服行业零工市场", "market"),  # Ningde standard clause 2 allows a trade in the middle
    ],
)
def test_names_in_the_standard_form_pass(name, facility_type):
    assert official_name_problem(name, county_name="晋江市", city_name="泉州市", facility_type=facility_type) is None


def test_name_without_the_county_is_refused_with_the_standard_form_shown():
    problem = official_name_problem("陈埭镇零工驿站", county_name="晋江市", city_name="泉州市", facility_type="station")
    assert "应以所在县（市、区）“晋江市”开头" in problem
    assert "晋江市××零工驿站" in problem


def test_name_ending_does_not_match_the_type():
    problem = official_name_problem("晋江市零工市场", county_name="晋江市", city_name="泉州市", facility_type="station")
    assert "应以“零工驿站”结尾" in problem


def test_name_with_another_county_is_refused():
    problem = official_name_problem("石狮市零工市场", county_name="晋江市", city_name="泉州市", facility_type="market")
    assert problem is not None


WEEKLY = {0: [hours.Span(time(8, 30), time(12)), hours.Span(time(14, 30), time(17, 30))]}  # Mondays only


@pytest.mark.parametrize(
    "moment, expected",
    [
        (datetime(2026, 11, 23, 9, 0, tzinfo=SHANGHAI), True),  # Monday morning
        (datetime(2026, 11, 23, 12, 0, tzinfo=SHANGHAI), False),  # closing time itself is closed
        (datetime(2026, 11, 23, 13, 0, tzinfo=SHANGHAI), False),  # lunch break
        (datetime(2026, 11, 23, 8, 29, tzinfo=SHANGHAI), False),
        (datetime(2026, 11, 24, 9, 0, tzinfo=SHANGHAI), False),  # Tuesday
        # 01:30 UTC on Monday is 09:30 in Shanghai: open, although the UTC clock says 01:30
        (datetime(2026, 11, 23, 1, 30, tzinfo=ZoneInfo("UTC")), True),
        # 23:30 UTC on Sunday is already Monday 07:30 in Shanghai: still closed
        (datetime(2026, 11, 22, 23, 30, tzinfo=ZoneInfo("UTC")), False),
    ],
)
def test_open_now_uses_shanghai_time(moment, expected):
    assert hours.is_open(WEEKLY, {}, now=moment) is expected


def test_an_exception_date_replaces_the_weekly_hours():
    monday = datetime(2026, 11, 23, 9, 0, tzinfo=SHANGHAI)
    assert hours.is_open(WEEKLY, {date(2026, 11, 23): []}, now=monday) is False
    special = {date(2026, 11, 24): [hours.Span(time(9), time(12))]}
    assert hours.is_open(WEEKLY, special, now=datetime(2026, 11, 24, 10, 0, tzinfo=SHANGHAI)) is True


def test_haversine_matches_a_known_distance():
    # Quanzhou (鲤城区 seat) to Ningde (蕉城区 seat): 1.753° north (194.9 km) and 0.939° east at
    # latitude 25.8° (94.0 km), so about 216.4 km as the crow flies.
    distance = geo.haversine_km(24.907, 118.587, 26.660, 119.526)
    assert distance == pytest.approx(216.4, abs=0.5)
    assert geo.haversine_km(24.9, 118.6, 24.9, 118.6) == 0


def test_bounding_box_contains_the_radius():
    min_lat, max_lat, min_lng, max_lng = geo.bounding_box(25.0, 118.6, 10)
    assert geo.haversine_km(25.0, 118.6, max_lat, 118.6) == pytest.approx(10, rel=1e-6)
    assert geo.haversine_km(25.0, 118.6, min_lat, 118.6) == pytest.approx(10, rel=1e-6)
    assert geo.haversine_km(25.0, 118.6, 25.0, max_lng) >= 10 - 1e-6
    assert geo.haversine_km(25.0, 118.6, 25.0, min_lng) >= 10 - 1e-6


# Reference values computed with the eviltransform package (github.com/googollee/eviltransform,
# wgs2gcj), an independent implementation of the same published algorithm.
GCJ02_REFERENCE = [
    ((24.874, 118.676), (24.871092142867422, 118.68054743068042)),  # Quanzhou
    ((26.66, 119.526), (26.656558396378646, 119.53065181527919)),  # Ningde
    ((39.915, 116.404), (39.91640430528012, 116.41024460490651)),  # Beijing, Tiananmen
    ((31.2304, 121.4737), (31.228457704689244, 121.47822313586518)),  # Shanghai
]


@pytest.mark.parametrize("wgs, gcj", GCJ02_REFERENCE)
def test_wgs84_to_gcj02_matches_reference_points(wgs, gcj):
    lat, lng = geo.wgs84_to_gcj02(*wgs)
    assert lat == pytest.approx(gcj[0], abs=1e-6)  # 1e-6° is about 0.1 m
    assert lng == pytest.approx(gcj[1], abs=1e-6)
    # The shift is hundreds of metres: enough to put a marker on the wrong street.
    assert 0.2 < geo.haversine_km(*wgs, lat, lng) < 1.0


def test_no_gcj02_offset_outside_china_or_for_wgs84_tiles():
    assert geo.wgs84_to_gcj02(51.5, -0.12) == (51.5, -0.12)
    assert geo.for_display(24.874, 118.676, "WGS84") == (24.874, 118.676)
    assert geo.for_display(24.874, 118.676, "GCJ02") == geo.wgs84_to_gcj02(24.874, 118.676)
