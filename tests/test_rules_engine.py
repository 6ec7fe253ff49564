"""The rules engine against every amount and threshold of the two seed policies.

Each test names the clause it checks: QZ = 泉州市零工市场（驿站）标准化建设实施方案（征求意见稿）, its 附件1 standard
and 附件5 assessment form; ND = 宁德市零工市场规范化建设实施方案 (宁人社规〔2024〕3号) and its 附件1 standard.
"""

import pytest

from policies.models import RuleValue
from policies.rules import Facts, FactsError, evaluate, load_rules

from .utils import SUITE_TODAY

pytestmark = pytest.mark.django_db


def qz(facility_type="market", **facts):
    return evaluate({"city": "quanzhou", "facility_type": facility_type, **facts})


def nd(facility_type="market", **facts):
    return evaluate({"city": "ningde", "facility_type": facility_type, **facts})


def item(result, number):
    return next(i for i in result.items if i.number == number)


# ----- minimum area and staff ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "city,facility_type,area,staff,meets",
    [
        ("quanzhou", "market", 200, 2, True),  # QZ 附件1 第3条: 不少于200㎡; 第21条: 2人及以上
        ("quanzhou", "market", 199.9, 2, False),
        ("quanzhou", "market", 200, 1, False),
        ("quanzhou", "station", 30, 1, True),  # QZ 附件1 第3条: 驿站不少于30㎡; 第21条: 1人及以上
        ("quanzhou", "station", 29, 1, False),
        ("quanzhou", "station", 30, 0, False),
        ("ningde", "market", 60, 2, True),  # ND 附件1 第3条: 不少于60㎡; 第19条: 2人及以上
        ("ningde", "market", 59, 2, False),
        ("ningde", "market", 60, 1, False),
        ("ningde", "station", 30, 1, True),  # ND 附件1 第3条: 驿站不少于30㎡; 第19条: 1人及以上
        ("ningde", "station", 29.5, 1, False),
        ("ningde", "station", 30, 0, False),
    ],
)
def test_minimum_area_and_staff_qz_clauses_3_21_nd_clauses_3_19(home, city, facility_type, area, staff, meets):
    result = evaluate({"city": city, "facility_type": facility_type, "area_m2": area, "staff_count": staff})
    assert result.meets_minimum_standard is meets
    citations = {check.rule.citation for check in result.minimum_checks}
    assert citations == ({"附件1 第3条", "附件1 第21条"} if city == "quanzhou" else {"附件1 第3条", "附件1 第19条"})
    if not meets:
        assert result.one_time_subsidy_yuan is None
        assert any("低于" in note for note in result.notes)


def test_minimum_standard_unknown_without_area_names_clause_3(home):
    result = qz(staff_count=2)
    assert result.meets_minimum_standard is False
    assert any("未提供服务场所面积" in note and "附件1 第3条" in note for note in result.notes)


# ----- one-time operating subsidy --------------------------------------------------------------------------------


@pytest.mark.parametrize("area", [200, 350, 5000])
def test_quanzhou_one_time_subsidy_is_flat_50000_for_markets_plan_2_2(home, area):
    """QZ 实施方案 二（二）: 零工市场每家给予5万元 whatever the area above the minimum."""
    assert qz(area_m2=area, staff_count=2).one_time_subsidy_yuan == 50000


@pytest.mark.parametrize("area", [30, 45, 500])
def test_quanzhou_one_time_subsidy_is_flat_20000_for_stations_plan_2_2(home, area):
    """QZ 实施方案 二（二）: 零工驿站每家给予2万元."""
    assert qz("station", area_m2=area, staff_count=1).one_time_subsidy_yuan == 20000


@pytest.mark.parametrize(
    "area,yuan",
    [(60, 150000), (79.99, 150000), (80, 150000), (80.01, 200000), (100, 200000), (100.5, 300000), (800, 300000)],
)
def test_ningde_market_one_time_subsidy_bands_plan_2_4_1(home, area, yuan):
    """ND 实施方案 二（四）1: 60-80㎡(含80㎡)15万元, 80-100㎡(含100㎡)20万元, 100㎡以上30万元."""
    assert nd(area_m2=area, staff_count=2).one_time_subsidy_yuan == yuan


@pytest.mark.parametrize(
    "area,yuan", [(30, 30000), (40, 30000), (40.5, 40000), (50, 40000), (50.1, 50000), (60, 50000), (120, 50000)]
)
def test_ningde_station_one_time_subsidy_bands_plan_2_4_1(home, area, yuan):
    """ND 实施方案 二（四）1: 30-40㎡(含40㎡)3万元, 40㎡-50㎡(含50㎡)4万元, 50㎡以上5万元."""
    assert nd("station", area_m2=area, staff_count=1).one_time_subsidy_yuan == yuan


def test_ningde_market_below_60_gets_no_one_time_subsidy_clause_3(home):
    """ND 附件1 第3条 + 实施方案 二（四）1: the first band starts at the 60㎡ minimum."""
    result = nd(area_m2=59.9, staff_count=2)
    assert result.one_time_subsidy_yuan is None
    assert result.meets_minimum_standard is False


# ----- star rating and performance subsidy -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "score,stars,yuan",
    [
        (100, 5, 100000),
        (90, 5, 100000),
        (89.5, 4, 80000),
        (80, 4, 80000),
        (79, 3, 50000),
        (70, 3, 50000),
        (69.5, None, 0),
    ],
)
def test_quanzhou_market_stars_and_performance_subsidy_plan_2_2_1(home, score, stars, yuan):
    """QZ 实施方案 二（二）1: 90分及以上五星10万元; 80分至89分四星8万元; 70分至79分三星5万元."""
    result = qz(total_score=score)
    assert (result.star_rating, result.performance_subsidy_yuan) == (stars, yuan)


@pytest.mark.parametrize("score,yuan", [(95, 30000), (90, 30000), (89, 20000), (80, 20000), (79.5, 0), (10, 0)])
def test_quanzhou_station_performance_subsidy_by_score_plan_2_2_2(home, score, yuan):
    """QZ 实施方案 二（二）2: 得分满90分及以上3万元, 80至89分2万元; stations get no star rating (interpretation)."""
    result = qz("station", total_score=score)
    assert result.performance_subsidy_yuan == yuan
    assert result.star_rating is None
    if yuan:
        assert any(note.startswith("【解读】") and "零工驿站不评星级" in note for note in result.notes)


@pytest.mark.parametrize(
    "facility_type,score,stars,yuan",
    [
        ("market", 90, 5, 150000),
        ("market", 89.9, 4, 100000),
        ("market", 80, 4, 100000),
        ("market", 70, 3, 50000),
        ("market", 69.9, None, 0),
        ("station", 90, 5, 30000),
        ("station", 80, 4, 20000),
        ("station", 70, 3, 10000),
        ("station", 60, None, 0),
    ],
)
def test_ningde_performance_subsidy_by_star_plan_2_4_1(home, facility_type, score, stars, yuan):
    """ND 实施方案 二（四）1: 五星、四星、三星 → 零工市场15/10/5万元, 零工驿站3/2/1万元; 考核不合格的不予补助.

    The score thresholds are not in the source: they are interpretation values and the result says so.
    """
    result = nd(facility_type, total_score=score)
    assert (result.star_rating, result.performance_subsidy_yuan) == (stars, yuan)
    assert any("宁德方案未规定星级评定的分数线" in note for note in result.notes)


def test_ningde_star_thresholds_are_bureau_editable_plan_2_4_1(home):
    """ND 实施方案 二（四）1 leaves the thresholds open: the bureau's edit changes the rating."""
    RuleValue.objects.filter(policy__city__slug="ningde", key="stars_by_score", threshold=90).update(threshold=95)
    assert nd(total_score=92).star_rating == 4
    assert nd(total_score=95).star_rating == 5


@pytest.mark.parametrize("months,yuan", [(11, 0), (12, 150000), (30, 150000)])
def test_ningde_performance_only_after_one_year_of_operation_plan_2_4_1(home, months, yuan):
    """ND 实施方案 二（四）1: 连续运营满1年后开展星级认定和年度绩效考核."""
    result = nd(total_score=95, months_in_operation=months)
    assert result.performance_subsidy_yuan == yuan
    if months < 12:
        assert any("未满12个月" in note for note in result.notes)


@pytest.mark.parametrize("months,yuan", [(5, 0), (6, 100000)])
def test_quanzhou_performance_only_after_half_a_year_plan_2_2(home, months, yuan):
    """QZ 实施方案 二（二）: 经认定工作时间满半年以上 before the assessment."""
    assert qz(total_score=95, months_in_operation=months).performance_subsidy_yuan == yuan


# ----- Quanzhou's computed assessment items (附件5) ---------------------------------------------------------------


@pytest.mark.parametrize(
    "facility_type,staff,points",
    [
        ("market", 0, 0),
        ("market", 1, 3),
        ("market", 2, 5),
        ("market", 9, 5),
        ("station", 0, 0),
        ("station", 1, 5),
        ("station", 3, 5),
    ],
)
def test_item_2_staff_points_annex5_item2_clause_21(home, facility_type, staff, points):
    """QZ 附件5 第2项 (附件1 第21条): 市场2人及以上5分, 1人3分; 驿站1人及以上5分, 0人不得分."""
    result = qz(facility_type, staff_count=staff)
    assert item(result, 2).points == points and item(result, 2).basis == "computed"


@pytest.mark.parametrize(
    "facility_type,posted,points",
    [
        ("market", 0, 3),
        ("market", 499, 3),
        ("market", 500, 5),
        ("market", 2000, 5),
        ("station", 199, 3),
        ("station", 200, 5),
        ("station", 201, 5),
    ],
)
def test_item_4_postings_points_annex5_item4_clause_9(home, facility_type, posted, points):
    """QZ 附件5 第4项 (附件1 第9条): 市场年发布500个以上5分、以下3分; 驿站200个以上5分、以下3分."""
    assert item(qz(facility_type, jobs_posted=posted), 4).points == points


def test_item_4_at_exactly_500_is_flagged_as_interpretation_annex5_item4(home):
    """QZ 附件5 第4项: “500个以上/以下” both include 500; the engine's choice is shown as an interpretation."""
    assert any("恰为500个" in note for note in qz(jobs_posted=500).notes)


@pytest.mark.parametrize("per_seeker,points", [(0, 0), (0.9, 0), (1, 3), (1.5, 3), (2, 4), (2.9, 4), (3, 5), (6, 5)])
def test_item_7_recommendations_per_seeker_annex5_item7_clause_10(home, per_seeker, points):
    """QZ 附件5 第7项 (附件1 第10条): 每人推荐3次以上得满分, 2－3次得4分, 1次得3分."""
    assert item(qz(recommendations_per_seeker=per_seeker), 7).points == points


def test_item_7_overlap_at_three_is_an_editable_interpretation_annex5_item7(home):
    """QZ 附件5 第7项: 3 is in both “3次以上” and “2－3次”; the bureau can move it to 4 points."""
    result = qz(recommendations_per_seeker=3)
    assert any("恰为3次时按满分5分计" in note for note in result.notes)
    RuleValue.objects.filter(policy__city__slug="quanzhou", key="recommendation_points", threshold=3).update(
        threshold=3.01
    )
    assert item(qz(recommendations_per_seeker=3), 7).points == 4


@pytest.mark.parametrize(
    "placements,points",
    [(10, 5), (11, 6), (12.5, 7), (19, 14), (20, 15), (35, 15), (8, 4), (0, 0)],
)
def test_item_9_market_monthly_placements_annex5_item9_clause_13(home, placements, points):
    """QZ 附件5 第9项: 市场月均10人5分, 每增加1人多得1分, 满分15分 (below 10: interpretation 0.5 per person)."""
    assert item(qz(monthly_placements=placements), 9).points == points


@pytest.mark.parametrize("placements,points", [(5, 5), (6, 6.5), (10, 12.5), (11, 14), (12, 15), (30, 15), (3, 3)])
def test_item_9_station_monthly_placements_annex5_item9_clause_13(home, placements, points):
    """QZ 附件5 第9项: 驿站月均5人5分, 每增加1人多得1.5分, 满分15分 (below 5: interpretation 1 per person)."""
    assert item(qz("station", monthly_placements=placements), 9).points == points


def test_item_9_below_ten_is_flagged_and_editable_annex5_item9(home):
    """QZ 附件5 第9项 says nothing below 10 a month: the value is the bureau's, and the result says so."""
    result = qz(monthly_placements=6)
    assert any("不足10人" in note for note in result.notes)
    RuleValue.objects.filter(
        policy__city__slug="quanzhou", key="placement_points_below_base", facility_type="market"
    ).update(value=0)
    assert item(qz(monthly_placements=6), 9).points == 0


@pytest.mark.parametrize(
    "honors,points",
    [
        ([], 0),
        (["national"], 5),
        (["provincial"], 3),
        (["city"], 1),
        (["county"], 0.5),
        (["provincial", "city"], 4),
        (["city", "county", "county"], 2),
        (["provincial", "provincial"], 5),  # 6 capped at 5
        (["national", "county"], 5),
    ],
)
def test_item_16_honours_with_cap_annex5_item16(home, honors, points):
    """QZ 附件5 第16项: 国家级5分, 省级3分, 市级1分, 县级0.5分, 总计5分."""
    assert item(qz(honors=honors), 16).points == points


def test_full_quanzhou_assessment_adds_items_to_a_rating_annex5_and_plan_2_2_1(home):
    """QZ 附件5 (16 items, 100 points) → 实施方案 二（二）1: the sum of all items decides the stars."""
    assessor = {str(n): 5 for n in (3, 5, 6, 8, 10, 11, 12, 13, 14)} | {"1": 10, "15": 10}
    result = qz(
        area_m2=300,
        staff_count=3,
        jobs_posted=800,
        recommendations_per_seeker=4,
        monthly_placements=12,
        honors=["provincial"],
        item_scores=assessor,
    )
    # 10 + 5 + 5*9 assessor + 10 + item 4 (5) + item 7 (5) + item 9 (7) + item 16 (3) = 90
    assert result.total_score == 90
    assert (result.star_rating, result.performance_subsidy_yuan, result.one_time_subsidy_yuan) == (5, 100000, 50000)
    assert {i.basis for i in result.items} == {"assessor", "computed"}


def test_missing_items_leave_rating_open_annex5(home):
    """QZ 附件5: without all 16 items (or a total) the engine does not guess a rating."""
    result = qz(staff_count=2)
    assert result.star_rating is None and result.performance_subsidy_yuan is None
    assert item(result, 1).basis == "missing"
    assert any("尚未评分" in note for note in result.notes)


def test_assessor_score_overrides_computed_item_annex5_item2(home):
    result = qz(staff_count=2, item_scores={"2": 3})
    assert (item(result, 2).points, item(result, 2).basis) == (3, "assessor")


def test_items_carry_links_to_their_clauses_annex5_item2_clause_21(home):
    clauses = item(qz(), 2).clauses
    assert [c.number for c in clauses] == [21, 22]
    assert clauses[0].url.endswith("/policies/quanzhou-standardisation-plan-2025/#clause-21")


def test_ningde_scores_the_items_the_portal_reads_into_its_unpublished_form(home):
    """Ningde's 工作考核表 is named, not given: its items are Quanzhou's, each carrying the interpretation."""
    result = nd(area_m2=90, staff_count=2)
    assert len(result.items) == 16 and result.star_rating is None
    criteria = load_rules("ningde", SUITE_TODAY).criteria
    assert len(criteria) == 16 and all("附件4" in criterion.interpretation_note for criterion in criteria)
    assert not any("尚未录入考核项目" in note for note in result.notes)


def test_python_entry_point_accepts_a_facts_dataclass(home):
    from decimal import Decimal

    result = evaluate(Facts(city="ningde", facility_type="station", area_m2=Decimal(45), staff_count=1))
    assert result.one_time_subsidy_yuan == 40000 and result.meets_minimum_standard


# ----- bad input ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body,field",
    [
        ({"facility_type": "market"}, "city"),
        ({"city": "fuzhou", "facility_type": "market"}, "city"),
        ({"city": "quanzhou"}, "facility_type"),
        ({"city": "quanzhou", "facility_type": "shop"}, "facility_type"),
        ({"city": "quanzhou", "facility_type": "market", "area_m2": "大"}, "area_m2"),
        ({"city": "quanzhou", "facility_type": "market", "area_m2": -5}, "area_m2"),
        ({"city": "quanzhou", "facility_type": "market", "area_m2": True}, "area_m2"),
        ({"city": "quanzhou", "facility_type": "market", "area_m2": "NaN"}, "area_m2"),
        ({"city": "quanzhou", "facility_type": "market", "staff_count": 1.5}, "staff_count"),
        ({"city": "quanzhou", "facility_type": "market", "total_score": 101}, "total_score"),
        ({"city": "quanzhou", "facility_type": "market", "honors": ["world"]}, "honors"),
        ({"city": "quanzhou", "facility_type": "market", "honors": "national"}, "honors"),
        ({"city": "quanzhou", "facility_type": "market", "item_scores": {"17": 1}}, "item_scores"),
        ({"city": "quanzhou", "facility_type": "market", "item_scores": {"9": 16}}, "item_scores"),
        ({"city": "quanzhou", "facility_type": "market", "item_scores": [1]}, "item_scores"),
        ({"city": "quanzhou", "facility_type": "market", "colour": "red"}, "colour"),
    ],
)
def test_bad_input_raises_field_errors_in_chinese(home, body, field):
    with pytest.raises(FactsError) as raised:
        evaluate(body)
    messages = raised.value.errors[field]
    assert messages and all(any("\u4e00" <= ch <= "\u9fff" for ch in message) for message in messages)


def test_star_line_cites_the_band_reached_plan_2_2_1(home):
    """QZ 实施方案 二（二）1: the calculator line names the band (80分至89分四星) it applied."""
    line = next(line for line in qz(total_score=85).lines if line.label == "星级")
    assert line.value == "4星（80分及以上）"
    assert [rule.citation for rule in line.rules] == ["实施方案 二（二）1：80分至89分四星"]


def test_ningde_amounts_note_counties_may_raise_them_plan_2_4_1(home):
    """ND 实施方案 二（四）1: 各地可根据实际情况，适当提高补助标准 — said, but not as an interpretation."""
    notes = nd(area_m2=90, staff_count=2, total_score=95).notes
    raise_notes = [note for note in notes if "适当提高补助标准" in note]
    assert len(raise_notes) == 1 and not raise_notes[0].startswith("【解读】")
    assert not RuleValue.objects.filter(note__contains="适当提高", is_interpretation=True).exists()
