"""What the rules make of an assessment: the facts they score from, and the result on the round's rules.

Items the engine can compute (2 from the market's staff, 4 from the year's postings, 7 from recommendations per
seeker, 9 from the roster, 16 from the honours of the recent years) are pre-filled from these facts and show
how; the operator's own 自评分值 of an item, once typed, is what the self-assessment claims.
"""

from policies.rules.engine import assess
from policies.rules.loading import load_rules
from policies.rules.types import Facts, Honor

from .eligibility import months_in_period, whole_months
from .roster import monthly_average


def round_rules(round_):
    """The city's rule set on the round's reference date (the round judges everything by it)."""
    return load_rules(round_.city.slug, round_.reference_date)


def placements_in_period(assessment):
    round_ = assessment.round
    return assessment.placements.filter(placed_on__range=(round_.period_start, round_.period_end))


def monthly_placements(assessment):
    """Item 9's 月均推荐成功就业人数: the roster's placements in the period over the months the market operated.

    Unrounded, as the rule compares it with the base (9.96 a month has not reached 10)."""
    round_ = assessment.round
    months = months_in_period(assessment.market.recognized_on, round_.period_start, round_.period_end)
    return monthly_average(placements_in_period(assessment).count(), months), months


def facts_for(assessment, item_scores=None):
    """The Facts of an assessment; ``item_scores`` ({number: points}) are the scores to take as given."""
    market, round_ = assessment.market, assessment.round
    average, _months = monthly_placements(assessment)
    operated = whole_months(market.recognized_on, round_.reference_date) if market.recognized_on else None
    return Facts(
        city=round_.city.slug,
        facility_type=market.facility_type,
        staff_count=market.staff_count,
        jobs_posted=assessment.jobs_posted,
        recommendations_per_seeker=assessment.recommendations_per_seeker,
        monthly_placements=average,
        honors=[Honor(honour.level, honour.awarded_on) for honour in assessment.honours.all()],
        item_scores=dict(item_scores or {}),
        months_in_operation=operated,
        as_of=round_.reference_date,
    )


def computed_items(assessment, rules=None):
    """{item number: ItemResult} of the items the rules compute from the facts (no typed score taken)."""
    rules = rules or round_rules(assessment.round)
    result = assess(facts_for(assessment), rules)
    return {item.number: item for item in result.items if item.basis == "computed"}


def self_scores(assessment):
    return {item.number: item.self_points for item in assessment.items.all() if item.self_points is not None}


def self_result(assessment, rules=None):
    """The self-assessment as the rules see it: typed scores, computed ones where none was typed."""
    rules = rules or round_rules(assessment.round)
    return assess(facts_for(assessment, self_scores(assessment)), rules)


def assessed_result(assessment, assessed_points, rules=None):
    """The result of the county's scores ({number: points}): total, star and subsidy by the round's rules."""
    rules = rules or round_rules(assessment.round)
    return assess(facts_for(assessment, assessed_points), rules)
