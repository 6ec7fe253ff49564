"""The directory (/markets/) and its map over 10,000 published markets: server time, page weight on a phone.

Builds a throwaway SQLite database (or the one in BENCH_DATABASE_URL) with 10,000 market pages inserted in bulk
(as bench/markets_nearby.py does), gives them services, facilities, weekly hours and some star ratings, then asks
the real views through Django's test client with the anonymous page cache switched off (every figure is the
uncached path: a first hit, an editor's preview, a logged-in user).  Prints the median and p95 of:

- the directory's first page, plain and with each kind of filter (targets: p95 < 100 ms);
- the map's data for one county's view and for both cities at once (target for the county: p95 < 50 ms);
- a page of the open-data GeoJSON;

and what a phone downloads for the directory: the HTML, its CSS and scripts as whitenoise sends them (compressed),
and the map's first answer (target: < 200 KB).  Usage: `uv run python -m bench.markets_directory`.
"""

import gzip
import random
import re
import statistics
import time

from bench._setup import configure
from bench.markets_nearby import build_markets

MARKETS = 10_000
REQUESTS = 60
WARMUP = 5
DIRECTORY_TARGET_MS = 100
COUNTY_MAP_TARGET_MS = 50
PAGE_WEIGHT_TARGET_KB = 200


def enrich(rng):
    """Services, facilities, hours and ratings for the bulk-made markets (a fifth of them are markets)."""
    import datetime

    from django.db import transaction

    from markets.models import MarketFacility, MarketOpeningHours, MarketPage, MarketService, MarketStarRating

    if MarketOpeningHours.objects.exists():  # a BENCH_DATABASE_URL kept from an earlier run
        return
    pks = list(MarketPage.objects.order_by("pk").values_list("pk", flat=True))
    services, facilities = list(MarketService.objects.all()), list(MarketFacility.objects.all())
    service_links, facility_links = MarketPage.services.through, MarketPage.facilities.through
    with transaction.atomic():
        MarketPage.objects.filter(pk__in=pks[::5]).update(facility_type="market")
        service_links.objects.bulk_create(
            service_links(marketpage_id=pk, marketservice_id=s.pk) for pk in pks for s in rng.sample(services, 3)
        )
        facility_links.objects.bulk_create(
            facility_links(marketpage_id=pk, marketfacility_id=f.pk) for pk in pks for f in rng.sample(facilities, 2)
        )
        MarketOpeningHours.objects.bulk_create(
            MarketOpeningHours(
                market_id=pk, weekday=day, opens=datetime.time(8), closes=datetime.time(17), sort_order=day
            )
            for pk in pks
            for day in range(6)
        )
        MarketStarRating.objects.bulk_create(
            MarketStarRating(market_id=pk, year=2026, stars=rng.choice([3, 4, 5]), source="基准测试")
            for pk in pks[::10]
        )


def timed(client, url, requests=REQUESTS):
    timings, response = [], None
    for number in range(WARMUP + requests):
        started = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{url} 返回 {response.status_code}：{response.content[:200]!r}")
        if number >= WARMUP:
            timings.append(elapsed)
    return sorted(timings), response


def p95(timings):
    return timings[max(0, int(len(timings) * 0.95) - 1)]


def report(label, timings, target=None):
    verdict = "" if target is None else ("  达标" if p95(timings) < target else f"  未达标（目标 p95 < {target} ms）")
    print(f"  {label:<34} 中位 {statistics.median(timings):6.1f} ms  p95 {p95(timings):6.1f} ms{verdict}", flush=True)
    return p95(timings)


def directory_urls():
    from markets.models import MarketFacility, MarketService
    from portal.regions import County

    county = County.objects.get(name="晋江市")
    service, facility = MarketService.objects.first(), MarketFacility.objects.first()
    return {
        "/markets/（第一页）": "/markets/",
        "按设区市": "/markets/?city=quanzhou",
        "按县（市、区）": f"/markets/?county={county.pk}",
        "类型＋服务＋设施": f"/markets/?type=market&service={service.code}&facility={facility.code}",
        "三星及以上": "/markets/?star=3",
        "现在开放": "/markets/?open_now=on",
        "离我最近（定位）": "/markets/?lat=24.8812&lng=118.6758",
        "第 100 页": "/markets/?page=100",
    }


def county_view(name):
    from portal.regions import County

    county = County.objects.get(name=name)
    lat, lng = float(county.latitude), float(county.longitude)
    return f"{lng - 0.35:.4f},{lat - 0.25:.4f},{lng + 0.35:.4f},{lat + 0.25:.4f}"


def static_weight(html):
    """Bytes of the page's stylesheets and scripts as whitenoise sends them to a phone (gzip)."""
    from django.conf import settings
    from django.contrib.staticfiles import finders

    total = 0
    for path in re.findall(r'(?:href|src)="' + re.escape(settings.STATIC_URL) + r'([^"?]+\.(?:css|js))"', html):
        with open(finders.find(path), "rb") as asset:
            total += len(gzip.compress(asset.read(), compresslevel=9))
    return total


def page_weight(client):
    import json

    html = client.get("/markets/").content.decode()
    config = json.loads(re.search(r'id="market-map-config"[^>]*>(.*?)</script>', html).group(1))
    south_west, north_east = config["extent"]
    bbox = f"{south_west[1]},{south_west[0]},{north_east[1]},{north_east[0]}"
    map_answer = client.get(f"{config['dataUrl']}?bbox={bbox}&zoom=8").content
    parts = {
        "HTML（未压缩）": len(html.encode()),
        "样式表和脚本（gzip）": static_weight(html),
        "地图首次数据（未压缩）": len(map_answer),
    }
    total = sum(parts.values())
    print("手机打开 /markets/ 下载（不含第三方底图瓦片）：")
    for label, size in parts.items():
        print(f"  {label:<20} {size / 1024:7.1f} KB")
    verdict = "达标" if total / 1024 < PAGE_WEIGHT_TARGET_KB else f"未达标（目标 < {PAGE_WEIGHT_TARGET_KB} KB）"
    print(f"  合计 {total / 1024:.1f} KB  {verdict}")


def main():
    configure("bench-directory-", PAGE_CACHE_ENABLED="false")
    from django.conf import settings
    from django.test import Client
    from django.test.utils import override_settings

    # Static files are read from the source folders: the benchmark runs without collectstatic.
    static_sources = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    override_settings(STORAGES={**settings.STORAGES, "staticfiles": static_sources}).enable()
    rng = random.Random(20261201)
    started = time.perf_counter()
    published = build_markets(MARKETS, rng)
    enrich(rng)
    print(
        f"已创建 {published} 个已发布的零工市场（驿站）及其服务、设施、开放时间和星级，"
        f"用时 {time.perf_counter() - started:.1f} 秒"
    )
    client = Client()
    print("目录页（服务器时间，未缓存）：")
    for label, url in directory_urls().items():
        report(label, timed(client, url)[0], DIRECTORY_TARGET_MS)
    print("地图数据（/api/v1/markets/map，未缓存）：")
    for county in ("晋江市", "蕉城区"):
        timings, response = timed(client, f"/api/v1/markets/map?bbox={county_view(county)}&zoom=10")
        body = response.json()
        shown = f"{len(body.get('markers', []))} 个点" if "markers" in body else f"{len(body['clusters'])} 个聚合"
        report(f"{county}一县的范围（{body['total']} 处，{shown}）", timings, COUNTY_MAP_TARGET_MS)
    timings, response = timed(client, "/api/v1/markets/map?bbox=116,23,121,28&zoom=7")
    report(f"两市全图（{response.json()['total']} 处，聚合）", timings)
    timings, response = timed(client, "/api/v1/markets.geojson?page=2", requests=10)
    report(f"GeoJSON 一页（{response.json()['numberReturned']} 处）", timings)
    page_weight(client)


if __name__ == "__main__":
    main()
