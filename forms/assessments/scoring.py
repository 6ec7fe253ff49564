"""From the experts' scores to the result: each item's 考核分值, the total, the star and the performance subsidy.

The seed says experts assess (Quanzhou 二（二）"组织专家……进行考核") but not how their scores combine: the
portal takes the average of the experts who scored the item, dropping the highest and lowest ``expert_trim``
scores each when enough experts scored (the rule value ``expert_trim``, an interpretation; 0 by default, a plain
average). Pure functions: the rule set and the scores come in, numbers come out.
"""

from decimal import ROUND_HALF_UP, Decimal

ONE_DECIMAL = Decimal("0.1")
# A difference between the self-assessed and the assessed score of an item this large is highlighted for the
# county (a display choice, not a rule of the policies).
LARGE_DIFFERENCE = Decimal(2)


def combined_points(points, trim=0):
    """The item's assessed score from its experts' scores: trimmed mean, one decimal, half up; None if none."""
    scores = sorted(Decimal(p) for p in points)
    if not scores:
        return None
    trim = int(trim or 0)
    if trim and len(scores) > 2 * trim:
        scores = scores[trim:-trim]
    return (sum(scores) / len(scores)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def expert_trim(rules, facility_type):
    """(the ``expert_trim`` rule or None, the number of highest and lowest scores each to drop)."""
    rule = rules.single("expert_trim", facility_type)
    return rule, (rule.value if rule else 0)


def large_difference(self_points, assessed_points):
    if self_points is None or assessed_points is None:
        return False
    return abs(Decimal(self_points) - Decimal(assessed_points)) >= LARGE_DIFFERENCE


def official_title(city_name, year, stars, facility_name):
    """The name the seed gives the result: 泉州市2026年度五星级零工市场 (二（二）"泉州市XX年度X星级零工市场")."""
    if not stars:
        return ""
    return f"{city_name}{year}年度{STAR_NUMERALS[stars]}星级{facility_name}"


STAR_NUMERALS = {1: "一", 2: "二", 3: "三", 4: "四", 5: "五"}
# Ningde's plan awards stars (二（四）1, 四 "挂牌评星") but gives them no name: Quanzhou's naming is used, said so.
NAMING_INTERPRETATION = {
    "ningde": "解读：宁德市实施方案未规定星级的命名，平台参照泉州市实施方案二（二）“泉州市XX年度X星级零工市场”命名。"
}
