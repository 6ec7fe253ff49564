"""The rules engine proper: small pure functions that apply a city's rule set (CityRules) to Facts.

No database and no clock: ``assess(facts, rules)`` takes the rule set already chosen for the day the case
is about (see loading.py), so tests can call every function here directly.
"""

import datetime
import math
from decimal import ROUND_HALF_UP, Decimal

from portal.vocabulary import chinese_date

from .parsing import number_text
from .types import FACILITY_TYPES, HONOR_LEVELS, Honor, ItemResult, Line, MinimumCheck, Result

# ----- bands and items ------------------------------------------------------------------------------------------


def band_at_least(rows, amount):
    """The row of the highest threshold that ``amount`` reaches (threshold <= amount), or None."""
    reached = [row for row in rows if row.threshold is not None and amount >= row.threshold]
    return reached[-1] if reached else None


def band_above(rows, amount):
    """The row of the highest threshold that ``amount`` exceeds, a threshold of 0 meaning "from the minimum"."""
    reached = [row for row in rows if row.threshold == 0 or (row.threshold is not None and amount > row.threshold)]
    return reached[-1] if reached else None


def points_by_band(rows, amount, extra_rules=()):
    row = band_at_least(rows, amount)
    return (row.value if row else Decimal(0)), ((row,) if row else ()) + tuple(extra_rules)


def recommendations_reached(counts, share_percent):
    """Item 7 per seeker: the number of recommendations that ``share_percent`` of the seekers all reached.

    With 100 % (the seed's 为每名……每人) it is the fewest any seeker had; None when no seeker is registered.
    """
    if not counts:
        return None
    needed = max(1, math.ceil(len(counts) * Decimal(share_percent) / 100))
    return sorted(counts, reverse=True)[min(needed, len(counts)) - 1]


def recommendation_points(rules, facility_type, facts):
    rows = rules.find("recommendation_points", facility_type)
    share = rules.single("recommendation_share", facility_type)
    if facts.recommendation_counts is not None:
        reached = recommendations_reached(facts.recommendation_counts, share.value if share else 100)
        if reached is None:
            return None
    else:
        reached = facts.recommendations_per_seeker
    return points_by_band(rows, reached, (share,) if share else ())


def placement_points(rules, facility_type, placements):
    """Item 9: the base score at the base number, more per extra placement up to the cap.

    Whether a fraction of an extra placement (a monthly average of 12.5) earns part of a point is the
    bureau's ``placement_fractions`` value; without it only whole extra placements count.
    """
    base = rules.single("placement_base", facility_type)
    base_points = rules.single("placement_base_points", facility_type)
    per_extra = rules.single("placement_points_per_extra", facility_type)
    cap = rules.single("placement_cap", facility_type)
    below = rules.single("placement_points_below_base", facility_type)
    fractions = rules.single("placement_fractions", facility_type)
    if placements >= base.value:
        extra = placements - base.value
        if not (fractions and fractions.value == 1):
            extra = math.floor(extra)
        points = min(base_points.value + per_extra.value * extra, cap.value)
        return points, (base, base_points, per_extra, cap) + ((fractions,) if fractions else ())
    return min(below.value * placements, base_points.value), (base, base_points, below)


def years_before(day, years):
    """The same calendar day ``years`` earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def honours_counted(honors, as_of, years):
    """Item 16 "近N年": the honours awarded within ``years`` before ``as_of`` (undated ones count)."""
    honours = [entry if isinstance(entry, Honor) else Honor(entry) for entry in honors]
    if as_of is None or years is None:
        return honours
    since = years_before(as_of, int(years))
    return [h for h in honours if h.awarded_on is None or since <= h.awarded_on <= as_of]


def honor_points(rules, facility_type, honors, as_of):
    """Item 16: points per honour by level within the recent years, summed and capped."""
    rows = {int(row.threshold): row for row in rules.find("honor_points", facility_type)}
    cap = rules.single("honor_cap", facility_type)
    years = rules.single("honor_years", facility_type)
    counted = honours_counted(honors, as_of, years.value if years else None)
    total = sum((rows[HONOR_LEVELS[h.level]].value for h in counted), Decimal(0))
    used = tuple({rows[HONOR_LEVELS[h.level]] for h in counted}) + (cap,) + ((years,) if years else ())
    return min(total, cap.value), used


def computed_points(rules, criterion, facts):
    """(points, rules used) of a criterion the engine can score from the facts, or None without the fact."""
    kind, facility = criterion.computation, facts.facility_type
    if kind == "staff" and facts.staff_count is not None:
        return points_by_band(rules.find("staff_points", facility), facts.staff_count)
    if kind == "postings" and facts.jobs_posted is not None:
        return points_by_band(rules.find("postings_points", facility), facts.jobs_posted)
    if kind == "recommendations" and (
        facts.recommendations_per_seeker is not None or facts.recommendation_counts is not None
    ):
        return recommendation_points(rules, facility, facts)
    if kind == "placements" and facts.monthly_placements is not None:
        return placement_points(rules, facility, facts.monthly_placements)
    if kind == "honors" and facts.honors is not None:
        return honor_points(rules, facility, facts.honors, facts.as_of)
    return None


def score_item(rules, criterion, facts):
    def result(points, basis, used=()):
        return ItemResult(
            criterion.number, criterion.title, criterion.max_points, points, basis, criterion.clauses, rules=used
        )

    if criterion.number in facts.item_scores:
        return result(facts.item_scores[criterion.number], "assessor")
    computed = computed_points(rules, criterion, facts)
    if computed is None:
        return result(None, "missing")
    points, used = computed
    return result(min(points, criterion.max_points), "computed", used)


# ----- score, stars and amounts ---------------------------------------------------------------------------------


def score_for_bands(rules, facility_type, total):
    """The total as it is compared with the score bands: rounded (half up) to the bureau's number of decimals.

    (score, the rule that says so, or None when the city has no such rule).
    """
    rule = rules.single("score_decimals", facility_type)
    if rule is None:
        return total, None
    return Decimal(total).quantize(Decimal(1).scaleb(-int(rule.value)), rounding=ROUND_HALF_UP), rule


def star_rating(rules, facility_type, total):
    row = band_at_least(rules.find("stars_by_score", facility_type), total)
    return (int(row.value), row) if row else (None, None)


def performance_subsidy(rules, facility_type, total, stars):
    """The performance subsidy in yuan and the rule it comes from: by star rating, or by score band."""
    by_stars = rules.find("subsidy_by_stars", facility_type)
    if by_stars:
        row = next((r for r in by_stars if stars is not None and int(r.threshold) == stars), None)
    else:
        row = band_at_least(rules.find("subsidy_by_score", facility_type), total)
    return (int(row.value), row) if row else (0, None)


def one_time_subsidy(rules, facility_type, area):
    row = band_above(rules.find("one_time_by_area", facility_type), area)
    return (int(row.value), row) if row else (None, None)


def minimum_checks(rules, facts):
    checks = []
    for key, label, actual in (
        ("min_area_m2", "服务场所面积（㎡）", facts.area_m2),
        ("min_staff", "工作人员（人）", facts.staff_count),
    ):
        rule = rules.single(key, facts.facility_type)
        if rule is not None:
            checks.append(MinimumCheck(label, rule.value, None if actual is None else Decimal(actual), rule))
    return checks


def operating_too_short(rules, facts):
    """(too short, rule): whether the facility has not yet operated long enough to be rated or assessed."""
    rule = rules.single("min_months_for_performance", facts.facility_type)
    if rule is None or facts.months_in_operation is None:
        return False, rule
    return facts.months_in_operation < rule.value, rule


# ----- the whole assessment -------------------------------------------------------------------------------------


def assess(facts, rules):
    """Apply ``rules`` (CityRules) to ``facts`` (Facts). Pure: no database, no clock."""
    if not rules.in_force:
        return without_policy(facts, rules)
    notes, lines, interpretations = [], [], []

    checks = minimum_checks(rules, facts)
    for check in checks:
        notes += minimum_note(check, facts.facility_type)
        lines.append(Line(f"最低标准：{check.label}", check_text(check), (check.rule,)))
    meets_minimum = bool(checks) and all(check.ok for check in checks)
    one_time = one_time_line(rules, facts, meets_minimum, lines, interpretations)

    items = [score_item(rules, criterion, facts) for criterion in rules.criteria]
    for item in items:
        interpretations += [rule for rule in item.rules if rule.is_interpretation]
    missing = [item.number for item in items if item.basis == "missing"]
    scored = sum((item.points for item in items if item.points is not None), Decimal(0)) if items else None
    total = facts.total_score if facts.total_score is not None else (None if missing else scored)

    stars = subsidy = None
    if total is not None:
        stars, subsidy = rate(rules, facts, total, lines, notes, interpretations)
    elif missing:
        notes.append(
            f"考核表第{'、'.join(str(n) for n in missing)}项尚未评分，"
            f"已评项目合计{number_text(scored)}分（不是考核总分）；请填写各项评分或直接填写考核总分，才能确定星级和绩效补助。"
        )
    else:
        notes.append(f"{rules.city_name}考核表尚未录入考核项目，请直接填写考核总分。")

    notes += interpretation_notes(interpretations)
    return Result(
        city=rules.city,
        facility_type=facts.facility_type,
        items=items,
        total_score=total,
        star_rating=stars,
        performance_subsidy_yuan=subsidy,
        one_time_subsidy_yuan=one_time,
        meets_minimum_standard=meets_minimum,
        minimum_checks=checks,
        lines=lines,
        notes=notes,
        missing_items=missing if total is None else [],
        partial_score=scored if missing and total is None else None,
        **policy_fields(rules),
    )


def one_time_line(rules, facts, meets_minimum, lines, interpretations):
    if facts.area_m2 is None:
        return None
    if not meets_minimum:
        lines.append(Line("一次性运维补助", "未达到最低标准，不予补助", ()))
        return None
    amount, row = one_time_subsidy(rules, facts.facility_type, facts.area_m2)
    lines.append(Line("一次性运维补助", yuan(amount), (row,) if row else ()))
    if row and row.note:
        interpretations.append(row)
    return amount


def rate(rules, facts, total, lines, notes, interpretations):
    """(stars, performance subsidy) for a total score, or (None, 0) before the operating period is over."""
    facility = facts.facility_type
    stars_rules = rules.find("stars_by_score", facility)
    too_short, period = operating_too_short(rules, facts)
    if too_short:
        why = f"运营{facts.months_in_operation}个月，未满{int(period.value)}个月"
        if stars_rules:
            lines.append(Line("星级", f"{why}，暂不评定星级", (period,)))
        lines.append(Line("绩效补助", f"{why}，暂不参加绩效考核", (period,)))
        notes.append(f"{why}，暂不参加星级认定和绩效考核（{period.citation}）。")
        return None, 0
    if period is not None and facts.months_in_operation is None:
        notes.append(f"星级认定和绩效考核须在认定后运营满{int(period.value)}个月后进行（{period.citation}）。")

    score, rounding = score_for_bands(rules, facility, total)
    stars, star_row = star_rating(rules, facility, score)
    subsidy, subsidy_row = performance_subsidy(rules, facility, score, stars)
    # A band decides even when the score falls below it, so every interpretation band in play is noted.
    bands = stars_rules + rules.find("subsidy_by_stars", facility) + rules.find("subsidy_by_score", facility)
    interpretations += [row for row in bands if row.is_interpretation]
    interpretations += [subsidy_row] if subsidy_row and subsidy_row.note else []
    if rounding is not None and score != total:
        lines.append(Line("对照分数段的得分", f"{number_text(total)}分计为{number_text(score)}分", (rounding,)))
    if rounding is not None and rounding.is_interpretation and total != Decimal(total).to_integral_value():
        interpretations.append(rounding)
    if stars_rules:
        lines.append(star_line(stars, star_row, stars_rules))
    lines.append(Line("绩效补助", yuan(subsidy), (subsidy_row,) if subsidy_row else ()))
    return stars, subsidy


def without_policy(facts, rules):
    """No policy of the city is in force on the day: nothing is computed, and the result says why."""
    return Result(
        city=rules.city,
        facility_type=facts.facility_type,
        items=[],
        total_score=None,
        star_rating=None,
        performance_subsidy_yuan=None,
        one_time_subsidy_yuan=None,
        meets_minimum_standard=None,
        minimum_checks=[],
        lines=[],
        notes=[],
        **policy_fields(rules),
    )


def policy_fields(rules):
    return {
        "as_of": rules.as_of,
        "policy": rules.policy,
        "in_force": rules.in_force,
        "policy_message": policy_message(rules),
    }


def policy_name(policy):
    return f"《{policy.title}》" + (f"（{policy.document_number}）" if policy.document_number else "")


def policy_message(rules):
    """What a reader must know about the policy applied: a draft, about to expire, expired, or none at all."""
    policy, day = rules.policy, rules.as_of
    when = chinese_date(day) if isinstance(day, datetime.date) else "该日期"
    if policy is None:
        return f"{rules.city_name}在{when}没有适用的零工市场建设政策，无法测算。"
    if not rules.in_force:
        return (
            f"{rules.city_name}在{when}没有现行有效的零工市场建设政策：{policy_name(policy)}已于"
            f"{chinese_date(policy.valid_until)}失效，不再按其测算补助金额；新政策发布后按新政策测算。"
        )
    if policy.is_draft:
        return (
            f"以下结果依据{policy_name(policy)}测算。该文件是征求意见稿，尚未正式印发，"
            "金额和标准可能调整，以正式印发的文件为准。"
        )
    if policy.status_code == "expiring_soon":
        return (
            f"以下结果依据{policy_name(policy)}测算。该文件将于{chinese_date(policy.valid_until)}失效，"
            "此后以届时有效的政策为准。"
        )
    return ""


# ----- text -----------------------------------------------------------------------------------------------------


def yuan(amount):
    if amount is None:
        return "不符合条件"
    if amount % 10000 == 0 and amount:
        return f"{amount // 10000}万元"
    return f"{amount:,}元"


def minimum_note(check, facility_type):
    if check.actual is None:
        return [f"未提供{check.label}，无法确认是否达到最低标准（{check.rule.citation}）。"]
    if not check.ok:
        return [
            f"{check.label}为{number_text(check.actual)}，低于{FACILITY_TYPES[facility_type]}最低要求"
            f"{number_text(check.required)}（{check.rule.citation}）。"
        ]
    return []


def star_line(stars, star_row, stars_rules):
    if star_row is None:
        lowest = stars_rules[0]
        return Line("星级", f"未达到星级（最低{number_text(lowest.threshold)}分）", (lowest,))
    return Line("星级", f"{stars}星（{number_text(star_row.threshold)}分及以上）", (star_row,))


def interpretation_notes(rows):
    seen, notes = set(), []
    for row in rows:
        if row.note and row.note not in seen:
            seen.add(row.note)
            notes.append(f"【解读】{row.note}" if row.is_interpretation else row.note)
    return notes


def check_text(check):
    required = f"不少于{number_text(check.required)}"
    if check.actual is None:
        return f"{required}（未填写）"
    return f"{required}，实际{number_text(check.actual)}：{'达标' if check.ok else '不达标'}"
