"""GET /api/v1/markets/nearby over 10,000 published markets: median and p95 response time.

Builds a throwaway SQLite database (or the one in BENCH_DATABASE_URL) with the
site tree and 10,000 market pages inserted in bulk (publishing 10,000 pages one
by one would take far longer than the benchmark), then requests the real
endpoint through Django's test client from random points over Quanzhou and
Ningde.  Usage: `uv run python -m bench.markets_nearby`.
"""

import random
import statistics
import time

from bench._setup import configure, insert_children, market_pages

MARKETS = 10_000
REQUESTS = 500
WARMUP = 20
TARGET_MEDIAN_MS = 50


def build_markets(count, rng):
    import io

    from django.core.management import call_command
    from django.db import transaction

    from markets.models import MarketIndexPage, MarketPage
    from markets.seed import ensure_county_pages
    from portal.seed import build_site_tree

    call_command("migrate", verbosity=0)
    if MarketPage.objects.live().count() >= count:  # a BENCH_DATABASE_URL kept from an earlier run
        return MarketPage.objects.live().count()
    home = build_site_tree(io.StringIO())
    county_pages = list(ensure_county_pages(MarketIndexPage.objects.child_of(home).get()).values())
    with transaction.atomic():
        insert_children(MarketPage, county_pages, market_pages(county_pages, count, rng))
    return MarketPage.objects.live().count()


def measure(points):
    """Milliseconds per request through the whole Django stack, warm-up requests left out."""
    from django.test import Client

    client = Client()
    timings = []
    for number, (lat, lng) in enumerate(points):
        started = time.perf_counter()
        response = client.get(f"/api/v1/markets/nearby?lat={lat:.6f}&lng={lng:.6f}&limit=10")
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200 or response.json()["count"] != 10:
            raise SystemExit(f"接口返回异常：{response.status_code} {response.content[:200]!r}")
        if number >= WARMUP:
            timings.append(elapsed)
    return sorted(timings)


def report(label, timings):
    median = statistics.median(timings)
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"{label}（limit=10，{len(timings)} 次请求）：中位数 {median:.1f} ms，p95 {p95:.1f} ms")
    return median


def near_counties(rng, count):
    """Where people ask from: within about 20 km of a county seat."""
    from portal.regions import County

    seats = [(float(c.latitude), float(c.longitude)) for c in County.objects.all()]
    return [
        (lat + rng.uniform(-0.2, 0.2), lng + rng.uniform(-0.2, 0.2))
        for lat, lng in (rng.choice(seats) for _ in range(count))
    ]


def main():
    configure("bench-markets-")
    rng = random.Random(20261123)
    started = time.perf_counter()
    published = build_markets(MARKETS, rng)
    print(f"已创建 {published} 个已发布的零工市场（驿站），用时 {time.perf_counter() - started:.1f} 秒")
    anywhere = [(rng.uniform(24.5, 27.5), rng.uniform(118.0, 120.3)) for _ in range(WARMUP + REQUESTS)]
    populated = near_counties(rng, WARMUP + REQUESTS)
    report("GET /api/v1/markets/nearby，县城附近的随机位置", measure(populated))
    median = report("GET /api/v1/markets/nearby，两市范围内任意位置（含海上）", measure(anywhere))
    print(
        "结论：" + ("达标" if median < TARGET_MEDIAN_MS else "未达标") + f"（目标：中位数远低于 {TARGET_MEDIAN_MS} ms）"
    )


if __name__ == "__main__":
    main()
