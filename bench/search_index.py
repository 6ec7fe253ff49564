"""Search benchmark: index 50,000 generated Chinese items, then time Chinese queries.

    uv run python -m bench.search_index                      # SQLite (FTS5)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal uv run python -m bench.search_index
    uv run python -m bench.search_index --items 5000        # a quicker run

It works in a throwaway test database (Django's test database for DATABASE_URL: in memory for
SQLite, ``test_<name>`` on PostgreSQL), with a bench-only indexed table created for the run, and
goes through the configured search backend (``search.backends``), jieba analysis included.
Prints indexing time and the median and 95th percentile latency of a first page of results.
"""

import argparse
import os
import random
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
os.environ.setdefault("HTTPS_ONLY", "false")

import django

django.setup()

from django.db import connection, models  # noqa: E402
from wagtail.search import index  # noqa: E402
from wagtail.search.backends import get_search_backend  # noqa: E402

from portal.regions import CITIES  # noqa: E402

CHUNK = 1000
REPEATS = 5
QUERIES = [
    "零工市场",
    "零工驿站",
    "运维补助",
    "泥水工",
    "养老护理员",
    "晋江",
    "蕉城区 保洁员",
    "宁人社规〔2024〕3号",
    "宁人社规",
    "2024",
    "日工资 300元",
    "星级认定 绩效补助",
    "家政服务员 福鼎",
    "规范化",
]
TRADES = [
    "泥水工",
    "木工",
    "钢筋工",
    "搬运工",
    "保洁员",
    "家政服务员",
    "育婴员",
    "养老护理员",
    "水电安装工",
    "油漆工",
    "焊工",
]
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


class BenchItem(index.Indexed, models.Model):
    """A bench-only indexed row (its table exists only in the throwaway database)."""

    title = models.CharField(max_length=200)
    body = models.TextField()

    search_fields = [index.SearchField("title", boost=2), index.AutocompleteField("title"), index.SearchField("body")]

    class Meta:
        app_label = "search"
        managed = False

    def __str__(self):
        return self.title


def prepare_table():
    """Create the bench table and give it the index relation modelsearch adds to indexed models at start-up."""
    from modelsearch.abstract_models import TextIDGenericRelation
    from wagtail.search.models import IndexEntry

    TextIDGenericRelation(IndexEntry).contribute_to_class(BenchItem, "index_entries")
    with connection.schema_editor() as editor:
        editor.create_model(BenchItem)


def generate(count, seed=2026):
    rng = random.Random(seed)
    counties = [county[0] for _, _, _, city_counties in CITIES for county in city_counties]
    for number in range(count):
        county, trade = rng.choice(counties), rng.choice(TRADES)
        sentences = [
            rng.choice(PHRASES).format(wage=rng.randrange(150, 450, 10), hour=rng.randrange(6, 9)) for _ in range(4)
        ]
        yield BenchItem(
            pk=number + 1,
            title=f"{county}{rng.choice(['零工市场', '零工驿站'])}招{trade}（第{number + 1}号）",
            body=f"{county}{trade}岗位。" + "。".join(sentences) + "。",
        )


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def run(item_count):
    backend = get_search_backend()
    prepare_table()
    items = list(generate(item_count))
    BenchItem.objects.bulk_create(items, batch_size=2000)

    started = time.perf_counter()
    for start in range(0, len(items), CHUNK):
        backend.add_bulk(BenchItem, items[start : start + CHUNK])
    indexing = time.perf_counter() - started
    print(f"索引 {item_count} 条：{indexing:.1f} 秒（每秒 {item_count / indexing:.0f} 条）", flush=True)

    latencies = []
    for query in QUERIES:
        per_query = []
        for _ in range(REPEATS):
            started = time.perf_counter()
            results = backend.search(query, BenchItem)
            first_page, total = list(results[:10]), results.count()
            per_query.append((time.perf_counter() - started) * 1000)
        latencies += per_query
        first = first_page[0].title if first_page else "—"
        print(f"  {query:<16} {total:>6} 条结果  中位 {statistics.median(per_query):7.1f} ms  首条：{first}")
    median, p95 = statistics.median(latencies), percentile(latencies, 0.95)
    print(f"查询 {len(QUERIES)} 个 × {REPEATS} 次：中位 {median:.1f} ms，P95 {p95:.1f} ms")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=50_000)
    options = parser.parse_args(argv)
    original_name = connection.settings_dict["NAME"]
    test_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    print(f"搜索基准：{connection.vendor}（{type(get_search_backend()).__name__}），临时数据库 {test_name}")
    try:
        run(options.items)
    finally:
        connection.creation.destroy_test_db(original_name, verbosity=0)


if __name__ == "__main__":
    sys.exit(main())
