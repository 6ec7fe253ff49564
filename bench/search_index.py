"""Search benchmark: the first page of /search/?q=… over 50,000 indexed items, as a visitor waits for it.

    uv run python -m bench.search_index                      # SQLite (FTS5)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal uv run python -m bench.search_index
    uv run python -m bench.search_index --items 5000        # a quicker run

It works in a throwaway test database (Django's test database for DATABASE_URL: in memory for
SQLite, ``test_<name>`` on PostgreSQL): the seed content, then generated market pages, notices and
policy clauses inserted in bulk (with treebeard paths, as ``bench/markets_nearby.py`` does) and
indexed through the configured backend's ``add_bulk`` (``search.backends``, jieba analysis included).
Each query is a whole GET /search/?q=… through Django's test client, page cache off and rate limit
raised: ``run_search`` over every registered kind, facets, the city filter, the partial fallback,
the page's snippets, promotions, did-you-mean and the template.  Prints the indexing time and the
median and 95th percentile per query set and overall (one untimed request per query first).
"""

import argparse
import os
import random
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
os.environ["HTTPS_ONLY"] = "false"
os.environ["DEBUG"] = "false"
os.environ["DEMO_MODE"] = "false"
os.environ["LOG_LEVEL"] = "WARNING"
os.environ["ALLOWED_HOSTS"] = "testserver"

import django

django.setup()

from django.db import connection  # noqa: E402
from wagtail.search.backends import get_search_backend  # noqa: E402

CHUNK = 1000
REPEATS = 5
TARGET_P95_MS = 50
# Each set is a list of (query, extra parameters); broad queries match most items and are the hard case.
QUERY_SETS = {
    "宽泛词": [("零工市场", {}), ("零工驿站", {}), ("规范化", {}), ("2024", {}), ("宁人社规", {})],
    "具体词": [("运维补助", {}), ("泥水工", {}), ("养老护理员", {}), ("晋江", {}), ("宁人社规〔2024〕3号", {})],
    "多个词": [("蕉城区 保洁员", {}), ("日工资 300元", {}), ("星级认定 绩效补助", {}), ("家政服务员 福鼎", {})],
    "筛选": [("零工市场", {"kind": "market"}), ("零工驿站", {"city": "ningde"}), ("泥水工", {"kind": "notice"})],
    "部分词": [("零工市埸", {}), ("泥水工 鲟鱼", {})],
}
TRADES = ["泥水工", "木工", "钢筋工", "搬运工", "保洁员", "家政服务员", "育婴员", "养老护理员", "水电安装工", "焊工"]
PHRASES = [
    "零工市场提供免费求职登记和岗位推荐服务",
    "零工驿站设在社区服务中心，方便灵活就业人员就近找活",
    "用工主体发布日结岗位信息须真实有效",
    "按规定申请一次性建设补助、运维补助和绩效补助",
    "经星级认定的零工市场按星级给予奖补",
    "严厉打击黑中介和虚假招聘",
    "日工资参考价位{wage}元，具体由双方协商",
    "依据宁人社规〔2024〕3号和闽人社文〔2022〕127号",
    "开展职业技能培训和劳动维权咨询",
    "每日{hour}时开门，节假日照常开放",
]
# The page cache off, the one address's rate limit raised, static URLs without collectstatic's manifest.
REQUEST_SETTINGS = {
    "PAGE_CACHE_ENABLED": False,
    "RATE_LIMITS": {"search": "1000000/m"},
    "STORAGES": {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    },
}
# Shares of the generated items: (market pages, notices, policy clauses).
SHARES = (0.5, 0.3, 0.2)


def sentences(rng, count):
    return "。".join(
        rng.choice(PHRASES).format(wage=rng.randrange(150, 450, 10), hour=rng.randrange(6, 9)) for _ in range(count)
    )


def insert_pages(parent, pages):
    """Insert specific pages under ``parent`` in bulk: treebeard paths, the Page rows, then the specific rows."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from wagtail.models import Locale, Page

    model, now, locale = type(pages[0]), timezone.now(), Locale.get_default()
    content_type = ContentType.objects.get_for_model(model)
    numchild = parent.numchild
    for page in pages:
        numchild += 1
        page.path = model._get_path(parent.path, parent.depth + 1, numchild)
        page.depth, page.numchild, page.url_path = parent.depth + 1, 0, f"{parent.url_path}{page.slug}/"
        page.content_type, page.locale, page.live, page.draft_title = content_type, locale, True, page.title
        page.first_published_at = page.last_published_at = now
    for start in range(0, len(pages), 400):
        batch = pages[start : start + 400]
        Page.objects.bulk_create(batch)  # fills the parent table's ids
        for page in batch:
            page.page_ptr_id = page.id
        model.objects._insert(batch, fields=model._meta.local_concrete_fields, raw=True)
    Page.objects.filter(pk=parent.pk).update(numchild=numchild)
    parent.numchild = numchild


def generate_markets(count, rng):
    from markets.models import CountyDirectoryPage, MarketPage

    county_pages = list(CountyDirectoryPage.objects.select_related("county"))
    by_parent = {page.pk: [] for page in county_pages}
    for number in range(count):
        parent = county_pages[number % len(county_pages)]
        county, trade = parent.county, rng.choice(TRADES)
        kind = rng.choice(["零工市场", "零工驿站"])
        by_parent[parent.pk].append(
            MarketPage(
                title=f"{county.name}第{number + 1}{kind}",
                slug=f"bench-market-{number}",
                facility_type="station" if kind == "零工驿站" else "market",
                county=county,
                township=f"{rng.choice(['城东', '城西', '南埔', '三沙', '罗山'])}街道",
                address=f"{county.name}{trade}服务点{number + 1}号",
                is_sample=True,
            )
        )
    for parent in county_pages:
        insert_pages(parent, by_parent[parent.pk])
    return [page for pages in by_parent.values() for page in pages]


def generate_notices(count, rng):
    import datetime

    from notices.models import NoticeIndexPage, NoticePage
    from portal.regions import City, County

    cities, counties = list(City.objects.all()), list(County.objects.values_list("name", flat=True))
    pages = [
        NoticePage(
            title=f"关于{rng.choice(counties)}{rng.choice(TRADES)}岗位对接的通知（第{number + 1}期）",
            slug=f"bench-notice-{number}",
            date=datetime.date(2026, 1, 1) + datetime.timedelta(days=number % 300),
            issuing_body="人力资源和社会保障局",
            city=rng.choice(cities + [None]),
            body=f"<p>{sentences(rng, 4)}。</p>",
            is_sample=True,
        )
        for number in range(count)
    ]
    insert_pages(NoticeIndexPage.objects.get(), pages)
    return pages


def generate_clauses(count, rng):
    from policies.models import PolicyClause, PolicyPage

    policies = list(PolicyPage.objects.live())
    first_free = {policy.pk: policy.clauses.count() + 1000 for policy in policies}
    clauses = []
    for number in range(count):
        policy = policies[number % len(policies)]
        clauses.append(
            PolicyClause(
                page=policy,
                number=first_free[policy.pk] + number // len(policies),
                section=f"{rng.choice(['一', '二', '三', '四'])}、{rng.choice(TRADES)}服务",
                text=f"{sentences(rng, 3)}。",
            )
        )
    return PolicyClause.objects.bulk_create(clauses, batch_size=2000)


def build_content(item_count):
    """The seed content and ``item_count`` generated items; returns the generated items, one list per model."""
    import io

    from django.core.management import call_command

    call_command("load_seed_content", stdout=io.StringIO())
    rng = random.Random(2026)
    markets, notices = round(item_count * SHARES[0]), round(item_count * SHARES[1])
    return [
        generate_markets(markets, rng),
        generate_notices(notices, rng),
        generate_clauses(item_count - markets - notices, rng),
    ]


def index_items(item_lists):
    backend = get_search_backend()
    started = time.perf_counter()
    for items in item_lists:
        for start in range(0, len(items), CHUNK):
            backend.add_bulk(type(items[0]), items[start : start + CHUNK])
    return time.perf_counter() - started


def vacuum_after_bulk_load():
    """On PostgreSQL, what autovacuum does within minutes of a bulk load on a server (PostgreSQL 13 and later vacuum
    a table after many inserts): the planner's statistics, without which it guesses the posting list's size and a
    query's time varies tenfold from one run to the next, and the visibility map, without which the posting list's
    covering index cannot be read alone (every matching row is fetched from the table: 110 instead of 5 ms for
    26,000 rows)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed_request(client, query, params):
    started = time.perf_counter()
    response = client.get("/search/", {"q": query, **params})
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"搜索页返回 {response.status_code}：{query}")
    return elapsed, response


def result_count(response):
    import re

    found = re.search(r"找到 (\d+) 条结果", response.content.decode())
    return int(found.group(1)) if found else 0


def time_query_set(client, queries):
    timings = []
    for query, params in queries:
        _, response = timed_request(client, query, params)  # warm-up, not counted
        per_query = [timed_request(client, query, params)[0] for _ in range(REPEATS)]
        timings += per_query
        label = " ".join([query, *(f"{key}={value}" for key, value in params.items())])
        print(f"    {label:<22} {result_count(response):>6} 条结果  中位 {statistics.median(per_query):7.1f} ms")
    return timings


def report(label, timings):
    median, p95 = statistics.median(timings), percentile(timings, 0.95)
    print(f"  {label}：中位 {median:.1f} ms，P95 {p95:.1f} ms（{len(timings)} 次）", flush=True)
    return p95


def run(item_count):
    from django.test import Client, override_settings

    started = time.perf_counter()
    item_lists = build_content(item_count)
    print(f"写入 {item_count} 条（市场、通知、条款）及种子内容：{time.perf_counter() - started:.1f} 秒", flush=True)
    indexing = index_items(item_lists)
    print(f"索引 {item_count} 条：{indexing:.1f} 秒（每秒 {item_count / indexing:.0f} 条）", flush=True)
    vacuum_after_bulk_load()

    client, everything = Client(), []
    with override_settings(**REQUEST_SETTINGS):
        for name, queries in QUERY_SETS.items():
            print(f"  {name}：")
            timings = time_query_set(client, queries)
            report(name, timings)
            everything += timings
    p95 = report("全部查询", everything)
    verdict = "达标" if p95 < TARGET_P95_MS else "未达标"
    print(f"结论：{verdict}（目标：首页结果 P95 < {TARGET_P95_MS} ms，GET /search/ 整个请求）")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=50_000)
    options = parser.parse_args(argv)
    original_name = connection.settings_dict["NAME"]
    if connection.vendor != "sqlite":  # its own name on a shared server, never the test suite's test_<name>
        connection.settings_dict["TEST"]["NAME"] = f"test_{original_name}_search_bench"
    test_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    print(f"搜索基准：{connection.vendor}（{type(get_search_backend()).__name__}），临时数据库 {test_name}")
    try:
        run(options.items)
    finally:
        connection.creation.destroy_test_db(original_name, verbosity=0)


if __name__ == "__main__":
    sys.exit(main())
