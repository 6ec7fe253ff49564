"""Where the seeds leave a reading open, the reading is a rule value the bureau edits, shown with the result.

Each test quotes the seed line it reads: QZ = 泉州市零工市场（驿站）标准化建设实施方案（征求意见稿） with its 附件5
工作考核表; ND = 宁德市零工市场规范化建设实施方案 (宁人社规〔2024〕3号).
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from policies.models import RuleValue
from policies.rules import CityRules, Facts, Honor, Rule, assess, evaluate
from policies.rules.engine import honours_counted, recommendations_reached, score_for_bands

pytestmark = pytest.mark.django_db
ON_2026_06_01 = "2026-06-01"  # both cities' policies apply


def qz(facility_type="market", **facts):
    return evaluate({"city": "quanzhou", "facility_type": facility_type, "as_of": ON_2026_06_01, **facts})


def nd(facility_type="market", **facts):
    return evaluate({"city": "ningde", "facility_type": facility_type, "as_of": ON_2026_06_01, **facts})


def item(result, number):
    return next(i for i in result.items if i.number == number)


def set_rule(city, key, value):
    RuleValue.objects.filter(policy__city__slug=city, key=key).update(value=value)


# ----- a score between the bands ------------------------------------------------------------------------------------


def test_a_score_between_quanzhou_bands_is_read_by_the_bureau_s_rounding_rule(home):
    """QZ 二（二）1 "得分80分至89分的评为“四星零工市场”…得分70分至79分的评为“三星”": 89.5 and 79.5 fall between."""
    result = qz(total_score="89.5")
    assert (result.star_rating, result.performance_subsidy_yuan) == (4, 80000)
    assert any(note.startswith("【解读】原文分数段为“80分至89分”") for note in result.notes)

    set_rule("quanzhou", "score_decimals", 0)  # the bureau decides: round half up to whole points
    result = qz(total_score="89.5")
    assert (result.star_rating, result.performance_subsidy_yuan) == (5, 100000)
    assert any(line.label == "对照分数段的得分" and line.value == "89.5分计为90分" for line in result.lines)
    assert qz(total_score="79.4").star_rating == 3


def test_quanzhou_station_bands_follow_the_same_rule(home):
    """QZ 二（二）2 "得分满90分及以上的…3万元，得分80至89分的…2万元"."""
    assert qz("station", total_score="89.5").performance_subsidy_yuan == 20000
    set_rule("quanzhou", "score_decimals", 0)
    assert qz("station", total_score="89.5").performance_subsidy_yuan == 30000


def test_whole_scores_carry_no_rounding_note(home):
    assert not any("原文分数段" in note for note in qz(total_score=85).notes)


def test_score_for_bands_is_a_pure_function():
    rules = CityRules("x", "某市", (Rule("score_decimals", "", None, Decimal(0), "c"),), ())
    assert score_for_bands(rules, "market", Decimal("79.5"))[0] == 80
    assert score_for_bands(rules, "market", Decimal("79.49"))[0] == 79


# ----- item 7: per seeker, not on average ------------------------------------------------------------------------


def test_item_7_counts_every_registered_seeker_not_the_average(home):
    """QZ 附件5 第7项 "为每名登记在册的有意愿灵活就业的求职人员每人推荐3次以上得满分，2－3次得4分，1次得3分"."""
    counts = [5, 5, 5, 1]  # an average of 4, but one seeker was recommended once
    result = qz(recommendation_counts=counts)
    assert item(result, 7).points == 3
    assert any("按每名求职人员计，不按平均数" in note for note in result.notes)
    assert item(qz(recommendation_counts=[3, 4, 6]), 7).points == 5


def test_the_share_of_seekers_who_must_reach_the_count_is_the_bureau_s(home):
    set_rule("quanzhou", "recommendation_share", 75)
    assert item(qz(recommendation_counts=[5, 5, 5, 1]), 7).points == 5


def test_recommendations_reached_is_a_pure_function():
    assert recommendations_reached([4, 1, 3], 100) == 1
    assert recommendations_reached([4, 1, 3, 2], 50) == 3
    assert recommendations_reached([], 100) is None


# ----- item 9: fractions of a placement ------------------------------------------------------------------------------


def test_item_9_fractions_of_an_extra_placement_are_the_bureau_s_reading(home):
    """QZ 附件5 第9项 "零工市场月均推荐10人成功就业得5分，月均每增加推荐1人成功就业，多得1分，满分15分"."""
    result = qz(monthly_placements="12.5")
    assert item(result, 9).points == 7
    assert any("不足1人的部分不加分" in note for note in result.notes)
    set_rule("quanzhou", "placement_fractions", 1)
    assert item(qz(monthly_placements="12.5"), 9).points == Decimal("7.5")


def test_item_9_station_fractions(home):
    """QZ 附件5 第9项 "零工驿站月均推荐5人成功就业得5分，月均每增加推荐1人成功就业，多得1.5分"."""
    assert item(qz("station", monthly_placements="6.5"), 9).points == Decimal("6.5")
    set_rule("quanzhou", "placement_fractions", 1)
    assert item(qz("station", monthly_placements="6.5"), 9).points == Decimal("7.25")


# ----- item 16: honours of the last two years, summed and capped ---------------------------------------------------


def test_item_16_honours_are_summed_and_capped(home):
    """QZ 附件5 第16项 "国家级以上…计5分；省级及以上…计3分；市级以上…计1分；…县级以上…计0.5分。总计5分"."""
    assert item(qz(honors=["provincial", "city", "county"]), 16).points == Decimal("4.5")
    assert item(qz(honors=["national", "provincial"]), 16).points == 5


def test_item_16_counts_only_the_last_two_years(home):
    """QZ 附件5 第16项 "近2年来获得过各级荣誉、宣传报道"."""
    honours = [{"level": "provincial", "date": "2024-06-02"}, {"level": "city", "date": "2024-05-31"}]
    result = qz(honors=honours)  # on 2026-06-01: two years back is 2024-06-01
    assert item(result, 16).points == 3
    assert any("只计考核日前2年内获得的荣誉" in note for note in result.notes)


def test_honours_counted_is_a_pure_function():
    day = datetime.date(2028, 2, 29)
    honours = [Honor("city", datetime.date(2026, 2, 28)), Honor("city", datetime.date(2026, 2, 27)), Honor("county")]
    assert [h.awarded_on for h in honours_counted(honours, day, 2)] == [datetime.date(2026, 2, 28), None]


def test_honours_with_a_bad_date_name_the_field(client, home):
    body = '{"city": "quanzhou", "facility_type": "market", "honors": [{"level": "city", "date": "去年"}]}'
    response = client.post("/api/v1/assessment/evaluate", data=body, content_type="application/json")
    assert response.status_code == 400 and list(response.json()["errors"]) == ["honors"]


# ----- no star before the operating period --------------------------------------------------------------------------


def test_a_ningde_market_gets_no_star_before_a_year_of_operation(home):
    """ND 二（四）1 "在零工市场(驿站)连续运营满1年后开展星级认定和年度绩效考核"."""
    result = nd(total_score=95, months_in_operation=11)
    assert (result.star_rating, result.performance_subsidy_yuan) == (None, 0)
    assert any(line.label == "星级" and "未满12个月，暂不评定星级" in line.value for line in result.lines)
    assert nd(total_score=95, months_in_operation=12).star_rating == 5


def test_a_quanzhou_market_gets_no_star_before_half_a_year(home):
    """QZ 二（二） "对经认定工作时间满半年以上且取得一定成效的零工市场（驿站）进行考核"."""
    result = qz(total_score=95, months_in_operation=5)
    assert (result.star_rating, result.performance_subsidy_yuan) == (None, 0)
    assert any("未满6个月" in note for note in result.notes)


def test_the_calculator_shows_why_no_star_is_given(client, home):
    query = {"city": "ningde", "facility_type": "market", "total_score": "95", "months_in_operation": "11"}
    html = client.get(reverse("policies:calculator"), {**query, "as_of": ON_2026_06_01}).content.decode()
    assert "运营11个月，未满12个月，暂不评定星级" in html and "5 星" not in html


# ----- a partial sum is not the total ----------------------------------------------------------------------------


def test_a_partial_sum_is_never_the_total(home):
    """QZ 附件5 has 16 items (合计100分): with only item 2 scored there is no 考核总分."""
    result = qz(staff_count=2)
    assert result.total_score is None and result.partial_score == 5
    assert result.missing_items == [n for n in range(1, 17) if n != 2]


def test_the_calculator_says_how_many_items_are_unscored(client, home):
    query = {"city": "quanzhou", "facility_type": "market", "staff_count": "2", "as_of": ON_2026_06_01}
    html = client.get(reverse("policies:calculator"), query).content.decode()
    assert "尚有 15 项未评分；已评项目合计 5 分，不是考核总分" in html
    assert '<dd data-field="total_score">5 分' not in html


def test_assess_is_pure_and_gives_nothing_without_a_policy_in_force():
    rules = CityRules("x", "某市", (), (), as_of=datetime.date(2027, 1, 15), in_force=False)
    result = assess(Facts(city="x", facility_type="market", area_m2=Decimal(100)), rules)
    assert result.one_time_subsidy_yuan is None and result.meets_minimum_standard is None
    assert result.policy_message == "某市在2027年1月15日没有适用的零工市场建设政策，无法测算。"
