"""Chinese queries over the seed content: the expected page must be in the top 3 for ≥95% of them,
and for at least 40 queries finding at least 20 different pages.

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
    ("宁德 实施方案", NINGDE_PLAN),
    ("泉州 实施方案", QUANZHOU_PLAN),
    ("规范化建设", NINGDE_PLAN),
    ("标准化建设", QUANZHOU_PLAN),
    ("征求意见稿", QUANZHOU_PLAN),
    # Sub-words inside longer words
    ("规范化", NINGDE_PLAN),
    ("标准化", QUANZHOU_PLAN),
    ("驿站", QUANZHOU_PLAN),
    ("零工", NINGDE_PLAN),
    ("一次性运维补助", QUANZHOU_PLAN),
    ("绩效补助 星级", QUANZHOU_PLAN),
    ("星级", QUANZHOU_PLAN),
    # Domain words
    ("霞浦 驿站", "霞浦县三沙镇零工驿站"),
    ("泉就业", QUANZHOU_PLAN),
    ("黑中介", QUANZHOU_PLAN),
    ("服务场所面积", "#clause-3"),
    ("星级零工市场 公示", "星级零工市场评定结果公示"),
    ("星级认定", QUANZHOU_PLAN),
    ("网购式", NINGDE_PLAN),
    ("劳动维权", QUANZHOU_PLAN),
    ("失业保险", NINGDE_PLAN),
    ("招聘会", NINGDE_PLAN),
    ("灵活就业", QUANZHOU_PLAN),
    ("用工主体", QUANZHOU_PLAN),
    ("工作人员 2人", "#clause-21"),
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
    # Clauses of the two standards, linked by their anchors
    ("饭食加热", "#clause-6"),
    ("金保网", "#clause-7"),
    ("工伤保险", "#clause-11"),
    ("政策咨询", "#clause-12"),
    ("限时办结", "#clause-20"),
    # Trade names in the wage guides
    ("泥水工", "零工岗位工资指导价位"),
    ("保洁员", "零工岗位工资指导价位"),
    ("养老护理员", "零工岗位工资指导价位"),
    ("泉州 泥水工", "泉州市2026年零工岗位工资指导价位"),
    # Markets, notices, forms and services
    ("晋江 零工市场", "晋江市零工市场"),
    ("考核工作", "考核工作的通知"),
    ("季度 建设情况", "建设情况的通知"),
    ("认定申请表", "认定申请表"),
    ("补助资金申请表", "补助资金申请表"),
    ("推荐成功就业花名册", "花名册"),
    ("工作考核表", "工作考核表"),
    ("投诉", "/feedback/complaint/"),
    ("查询进度", "/feedback/progress/"),
    ("满意度调查", "/feedback/survey/"),
    ("2024年3号", NINGDE_PLAN),
]

REQUIRED_HIT_RATE = 0.95
# A hit rate says little over a handful of queries, or over many that all find the same few pages.
MIN_QUERIES_FOUND = 40
MIN_PAGES_FOUND = 20


def expected_hit_in_top_3(query, expected):
    """The first of the top 3 results whose title or URL contains ``expected`` (None if none does), and the top 3."""
    hits = run_search(query).hits[:3]
    found = next((hit for hit in hits if expected in hit.title or expected in hit.url), None)
    return found, [hit.title for hit in hits]


def test_top_3_hit_rate(home, capsys):
    found_pages, misses = set(), []
    for query, expected in QUERIES:
        found, top = expected_hit_in_top_3(query, expected)
        if found is None:
            misses.append(f"  {query} → 期望 {expected}，前三：{top}")
        else:
            found_pages.add(found.url)
    rate = 1 - len(misses) / len(QUERIES)
    with capsys.disabled():
        print(f"\n搜索命中率（前三）：{rate:.1%}（{len(QUERIES) - len(misses)}/{len(QUERIES)}）")
        print("\n".join(misses))
    assert rate >= REQUIRED_HIT_RATE
    assert len(QUERIES) - len(misses) >= MIN_QUERIES_FOUND
    assert len(found_pages) >= MIN_PAGES_FOUND
