"""GET /api/v1/markets/nearby over 10,000 published markets: median and p95 response time.

Builds a throwaway SQLite database (or the one in BENCH_DATABASE_URL) with the
site tree and 10,000 market pages inserted in bulk (publishing 10,000 pages one
by one would take far longer than the benchmark), then requests the real
endpoint through Django's test client from random points over Quanzhou and
Ningde.  Usage: `uv run python -m bench.markets_nearby`.
"""

import os
import random
import statistics
import tempfile
import time

MARKETS = 10_000
REQUESTS = 500
WARMUP = 20
TARGET_MEDIAN_MS = 50


def configure():
    workdir = tempfile.mkdtemp(prefix="bench-markets-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ["HTTPS_ONLY"] = "false"
    os.environ["DEBUG"] = "false"
    os.environ["DEMO_MODE"] = "false"
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    import django

    django.setup()


def build_markets(count, rng):
    import io

    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Locale, Page

    from markets.models import MarketIndexPage, MarketPage
    from markets.seed import ensure_county_pages
    from portal.seed import build_site_tree

    call_command("migrate", verbosity=0)
    if MarketPage.objects.live().count() >= count:  # a BENCH_DATABASE_URL kept from an earlier run
        return MarketPage.objects.live().count()
    home = build_site_tree(io.StringIO())
    county_pages = list(ensure_county_pages(MarketIndexPage.objects.child_of(home).get()).values())
    content_type = ContentType.objects.get_for_model(MarketPage)
    locale = Locale.get_default()
    now = timezone.now()
    children = {page.pk: page.numchild for page in county_pages}
    pages = []
    for number in range(count):
        parent = county_pages[number % len(county_pages)]
        children[parent.pk] += 1
        county = parent.county
        slug = f"bench-{number}"
        pages.append(
            MarketPage(
                title=f"{county.name}示例{number}零工驿站",
                slug=slug,
                path=MarketPage._get_path(parent.path, parent.depth + 1, children[parent.pk]),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{slug}/",
                content_type=content_type,
                locale=locale,
                live=True,
                first_published_at=now,
                last_published_at=now,
                draft_title=f"{county.name}示例{number}零工驿站",
                facility_type="station",
                county=county,
                latitude=float(county.latitude) + rng.uniform(-0.3, 0.3),
                longitude=float(county.longitude) + rng.uniform(-0.3, 0.3),
                is_sample=True,
            )
        )
    market_fields = MarketPage._meta.local_concrete_fields
    with transaction.atomic():
        for start in range(0, len(pages), 400):
            batch = pages[start : start + 400]
            Page.objects.bulk_create(batch)  # fills the parent table's ids
            for page in batch:
                page.page_ptr_id = page.id
            MarketPage.objects._insert(batch, fields=market_fields, raw=True)
        for parent in county_pages:
            Page.objects.filter(pk=parent.pk).update(numchild=children[parent.pk])
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
    configure()
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
