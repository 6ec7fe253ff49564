"""The seed policy pages with 10,000 pages in the tree: median and p95 server time, and queries per page.

Builds a throwaway SQLite database (or the one in BENCH_DATABASE_URL, e.g.
postgres://postgres@127.0.0.1:5432/bench_policy) with the seed content as `make run` loads it, then fills the tree
to 10,000 pages inserted in bulk (publishing them one by one would take far longer than the benchmark): notices
under the notices index, market pages under the county pages and more policy pages, each with its clauses, under
the policy index. The anonymous page cache is off (PAGE_CACHE_ENABLED=false), so every request renders the page:
this is what a first visitor, a preview or a logged-in user gets. Static files are collected as for a deployment.
Issue 16 asks for p95 < 30 ms. Usage: `uv run python -m bench.policy_page`.
"""

import io
import random
import statistics
import time

from bench._setup import BATCH, configure, insert_children, market_pages

PAGES_IN_TREE = 10_000
SHARE_OF_NOTICES = 0.45
SHARE_OF_POLICIES = 0.10  # the rest are market pages
CLAUSES_PER_POLICY = 20
REQUESTS_PER_PAGE = 300
WARMUP = 20
TARGET_P95_MS = 30


def load_seed_content():
    """The site tree, seed policies and sample content, as `make run` loads them (once per database)."""
    from django.core.management import call_command

    from portal.models import HomePage

    call_command("migrate", verbosity=0)
    if not HomePage.objects.exists():
        call_command("load_seed_content", stdout=io.StringIO())
    call_command("collectstatic", "--noinput", verbosity=0)
    return HomePage.objects.get()


# --- filling the tree in bulk --------------------------------------------------------------------------------


def notices(count, rng):
    import datetime

    from notices.models import NoticePage
    from portal.regions import City

    cities = [*City.objects.all(), None]
    kinds = [kind for kind, _ in NoticePage.Kind.choices]
    first_day = datetime.date(2023, 1, 1)
    return [
        NoticePage(
            title=f"关于做好零工市场服务工作的通知（第{number}号）",
            slug=f"bench-notice-{number}",
            date=first_day + datetime.timedelta(days=rng.randrange(1200)),
            issuing_body="泉州市人力资源和社会保障局",
            city=rng.choice(cities),
            kind=rng.choice(kinds[:2]),
            body="<p>请各县（市、区）人社部门按要求做好零工市场（驿站）服务工作。</p>" * 5,
            is_sample=True,
        )
        for number in range(count)
    ]


def policies(count, rng):
    import datetime

    from policies.models import PolicyPage
    from portal.regions import City

    cities = list(City.objects.all())
    body = [{"type": "paragraph", "value": "<p>为规范零工市场建设，结合本地实际，制定本办法。</p>"}] * 10
    pages = []
    for number in range(count):
        issued = datetime.date(2020, 1, 1) + datetime.timedelta(days=rng.randrange(2000))
        pages.append(
            PolicyPage(
                title=f"零工市场管理办法（第{number}号）",
                slug=f"bench-policy-{number}",
                issuing_bodies="人力资源和社会保障局",
                issue_date=issued,
                effective_date=issued,
                kind=rng.choice([PolicyPage.Kind.MEASURES, PolicyPage.Kind.NOTICE, PolicyPage.Kind.OTHER]),
                city=rng.choice(cities),
                body=body,
            )
        )
    return pages


def add_clauses(pages):
    from policies.models import PolicyClause

    clauses = [
        PolicyClause(
            page_id=page.pk, number=number, section="一、总则", text=f"第{number}条 零工市场应当公开服务项目。"
        )
        for page in pages
        for number in range(1, CLAUSES_PER_POLICY + 1)
    ]
    PolicyClause.objects.bulk_create(clauses, batch_size=BATCH)


def fill_tree(home, total, rng):
    """Add notices, market pages and policy pages until the tree holds ``total`` pages."""
    from django.db import transaction
    from wagtail.models import Page

    from markets.models import CountyDirectoryPage, MarketIndexPage, MarketPage
    from notices.models import NoticeIndexPage, NoticePage
    from policies.models import PolicyIndexPage, PolicyPage

    missing = total - Page.objects.count()
    if missing <= 0:  # a BENCH_DATABASE_URL kept from an earlier run
        return
    notice_count, policy_count = int(missing * SHARE_OF_NOTICES), int(missing * SHARE_OF_POLICIES)
    county_pages = list(CountyDirectoryPage.objects.child_of(MarketIndexPage.objects.child_of(home).get()))
    with transaction.atomic():
        insert_children(NoticePage, [NoticeIndexPage.objects.child_of(home).get()], notices(notice_count, rng))
        new_policies = policies(policy_count, rng)
        insert_children(PolicyPage, [PolicyIndexPage.objects.child_of(home).get()], new_policies)
        add_clauses(new_policies)
        market_count = missing - notice_count - policy_count
        insert_children(MarketPage, county_pages, market_pages(county_pages, market_count, rng))


# --- measuring ---------------------------------------------------------------------------------------------


def seed_policy_urls():
    """The seed's policy pages (each a plan with its standard as clauses), by title."""
    from policies import seed_data
    from policies.models import PolicyPage

    slugs = [spec["slug"] for spec in seed_data.POLICIES]
    return {page.title: page.url for page in PolicyPage.objects.live().filter(slug__in=slugs).order_by("slug")}


def timed_requests(client, url, count):
    """Milliseconds per request through the whole Django stack, warm-up requests left out."""
    timings = []
    for number in range(WARMUP + count):
        started = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200 or "X-Page-Cache" in response:
            raise SystemExit(f"{url} 返回异常：{response.status_code} {response.get('X-Page-Cache', '')}")
        if number >= WARMUP:
            timings.append(elapsed)
    return sorted(timings)


def query_count(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured.captured_queries)


def percentile_95(timings):
    return timings[int(len(timings) * 0.95) - 1]


def report(label, timings, queries=None):
    figures = f"中位数 {statistics.median(timings):.1f} ms，p95 {percentile_95(timings):.1f} ms"
    counted = "" if queries is None else f"，每次 {queries} 条 SQL 查询"
    print(f"{label}（{len(timings)} 次请求）：{figures}{counted}", flush=True)


def main():
    configure("bench-policy-", PAGE_CACHE_ENABLED="false", PAGE_CACHE_URL="locmemcache://bench-pages")
    from django.test import Client
    from wagtail.models import Page

    rng = random.Random(20261124)
    started = time.perf_counter()
    home = load_seed_content()
    fill_tree(home, PAGES_IN_TREE, rng)
    print(f"页面树共 {Page.objects.count()} 个页面，准备用时 {time.perf_counter() - started:.1f} 秒", flush=True)
    client = Client()
    everything = []
    for title, url in seed_policy_urls().items():
        timings = timed_requests(client, url, REQUESTS_PER_PAGE)
        report(f"GET {url}（{title}）", timings, query_count(client, url))
        everything += timings
    everything.sort()
    report("全部政策文件页", everything)
    met = percentile_95(everything) < TARGET_P95_MS
    print("结论：" + ("达标" if met else "未达标") + f"（目标：p95 < {TARGET_P95_MS} ms，不用页面缓存）")


if __name__ == "__main__":
    main()
