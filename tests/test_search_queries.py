"""Chinese queries over the seed content: the expected page must be in the top 3 for ≥95% of them.

Add a row to QUERIES to extend the set: (query, expected), where ``expected`` is a fragment of
the expected result's title or URL (e.g. "#clause-20" for a clause).
"""

import pytest

from search.engine import run_search

pytestmark = pytest.mark.django_db

QUANZHOU_PLAN = "泉州市零工市场（驿站）标准化建设实施方案"
NINGDE_PLAN = "宁德市零工市场规范化建设实施方案"

QUERIES = [
    # Whole titles and title words
    ("宁德市零工市场规范化建设实施方案", NINGDE_PLAN),
    ("泉州市零工市场（驿站）标准化建设实施方案", QUANZHOU_PLAN),
    ("零工市场", NINGDE_PLAN),
    ("宁德", NINGDE_PLAN),
    ("泉州", QUANZHOU_PLAN),
    ("规范化建设", NINGDE_PLAN),
    ("标准化建设", QUANZHOU_PLAN),
    ("征求意见稿", QUANZHOU_PLAN),
    # Sub-words inside longer words
    ("规范化", NINGDE_PLAN),
    ("标准化", QUANZHOU_PLAN),
    ("驿站", QUANZHOU_PLAN),
    ("零工", NINGDE_PLAN),
    ("运维", QUANZHOU_PLAN),
    ("绩效", QUANZHOU_PLAN),
    ("星级", QUANZHOU_PLAN),
    # Domain words
    ("零工驿站", QUANZHOU_PLAN),
    ("泉就业", QUANZHOU_PLAN),
    ("黑中介", QUANZHOU_PLAN),
    ("运维补助", QUANZHOU_PLAN),
    ("绩效补助", QUANZHOU_PLAN),
    ("星级认定", QUANZHOU_PLAN),
    ("网购式", NINGDE_PLAN),
    ("劳动维权", QUANZHOU_PLAN),
    ("失业保险", NINGDE_PLAN),
    ("招聘会", NINGDE_PLAN),
    ("灵活就业", QUANZHOU_PLAN),
    ("用工主体", QUANZHOU_PLAN),
    ("就业服务站", QUANZHOU_PLAN),
    # Document numbers, whole and in parts, and other mixes of Chinese and digits
    ("宁人社规〔2024〕3号", NINGDE_PLAN),
    ("宁人社规", NINGDE_PLAN),
    ("宁人社规2024年3号", NINGDE_PLAN),
    ("2024", NINGDE_PLAN),
    ("闽人社文〔2022〕127号", NINGDE_PLAN),
    ("闽人社文〔2024〕9号", NINGDE_PLAN),
    ("闽财规〔2024〕32号", QUANZHOU_PLAN),
    ("闽财规", QUANZHOU_PLAN),
    ("30万元", NINGDE_PLAN),
    ("零工市场 2024", NINGDE_PLAN),
    # Several words
    ("宁德 零工驿站", NINGDE_PLAN),
    ("泉州 运维补助", QUANZHOU_PLAN),
    # Counties and sections
    ("晋江", "晋江市"),
    ("晋江市", "晋江市"),
    ("蕉城区", "蕉城区"),
    ("福鼎", "福鼎市"),
    ("东侨", "东侨经济技术开发区"),
    ("台商投资区", "泉州台商投资区"),
    ("通知公告", "通知公告"),
    ("工资指导价位", "工资指导价位"),
    ("投诉建议", "投诉建议"),
    ("办事服务", "办事服务"),
]

REQUIRED_HIT_RATE = 0.95


def found_in_top_3(query, expected):
    hits = run_search(query).hits[:3]
    return any(expected in hit.title or expected in hit.url for hit in hits), [hit.title for hit in hits]


def test_the_query_set_is_large_enough():
    assert len(QUERIES) >= 40


def test_top_3_hit_rate(home, capsys):
    misses = []
    for query, expected in QUERIES:
        found, top = found_in_top_3(query, expected)
        if not found:
            misses.append(f"  {query} → 期望 {expected}，前三：{top}")
    rate = 1 - len(misses) / len(QUERIES)
    with capsys.disabled():
        print(f"\n搜索命中率（前三）：{rate:.1%}（{len(QUERIES) - len(misses)}/{len(QUERIES)}）")
        print("\n".join(misses))
    assert rate >= REQUIRED_HIT_RATE
