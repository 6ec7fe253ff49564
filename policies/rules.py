"""The rules engine: small pure functions over per-city rule data.

``evaluate(facts)`` is the one entry point shared by the API (POST /api/v1/assessment/evaluate), the public
补贴测算 calculator and the operators' application forms. The rule values themselves live in RuleValue rows
(editable by the bureau, each citing its clause); ``load_rules`` turns them into plain data, and ``assess``
applies them without touching the database.
"""

import math
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

FACILITY_TYPES = {"market": "零工市场", "station": "零工驿站"}
HONOR_LEVELS = {"national": 1, "provincial": 2, "city": 3, "county": 4}
HONOR_LABELS = {"national": "国家级", "provincial": "省级", "city": "市级", "county": "县级"}
MAX_TOTAL_SCORE = Decimal(100)


# ----- the data the functions work on -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """One rule value: a threshold (band start) and what it gives, with where it comes from."""

    key: str
    facility_type: str  # "" for both
    threshold: Decimal | None
    value: Decimal
    citation: str
    url: str = ""
    is_interpretation: bool = False
    note: str = ""


@dataclass(frozen=True)
class ClauseLink:
    number: int
    citation: str
    url: str


@dataclass(frozen=True)
class Criterion:
    number: int
    title: str
    max_points: Decimal
    computation: str
    clauses: tuple = ()


@dataclass(frozen=True)
class CityRules:
    city: str
    city_name: str
    rules: tuple
    criteria: tuple

    def find(self, key, facility_type):
        """The rows of ``key`` for ``facility_type`` (type-specific rows win over shared ones), by threshold."""
        rows = [rule for rule in self.rules if rule.key == key and rule.facility_type == facility_type]
        if not rows:
            rows = [rule for rule in self.rules if rule.key == key and rule.facility_type == ""]
        return sorted(rows, key=lambda rule: rule.threshold if rule.threshold is not None else Decimal(-1))

    def single(self, key, facility_type):
        rows = self.find(key, facility_type)
        return rows[0] if rows else None


@dataclass
class Facts:
    city: str
    facility_type: str
    area_m2: Decimal | None = None
    staff_count: int | None = None
    jobs_posted: int | None = None
    recommendations_per_seeker: Decimal | None = None
    monthly_placements: Decimal | None = None
    honors: list | None = None
    item_scores: dict = field(default_factory=dict)  # {item number (int): points}
    total_score: Decimal | None = None
    months_in_operation: int | None = None


@dataclass
class ItemResult:
    number: int
    title: str
    max_points: Decimal
    points: Decimal | None
    basis: str  # computed / assessor / missing
    clauses: tuple
    explanation: str = ""
    rules: tuple = ()


@dataclass
class Line:
    """One line of the result as the calculator shows it: what, how much, and where it comes from."""

    label: str
    value: str
    rules: tuple = ()


@dataclass
class MinimumCheck:
    label: str
    required: Decimal
    actual: Decimal | None
    rule: Rule

    @property
    def ok(self):
        return self.actual is not None and self.actual >= self.required


@dataclass
class Result:
    city: str
    facility_type: str
    items: list
    total_score: Decimal | None
    star_rating: int | None
    performance_subsidy_yuan: int | None
    one_time_subsidy_yuan: int | None
    meets_minimum_standard: bool
    minimum_checks: list
    lines: list
    notes: list
    missing_items: list = field(default_factory=list)

    def as_json(self):
        return {
            "city": self.city,
            "facility_type": self.facility_type,
            "items": [
                {
                    "number": item.number,
                    "title": item.title,
                    "max_points": number_json(item.max_points),
                    "points": number_json(item.points),
                    "basis": item.basis,
                    "clauses": [{"number": c.number, "citation": c.citation, "url": c.url} for c in item.clauses],
                }
                for item in self.items
            ],
            "total_score": number_json(self.total_score),
            "star_rating": self.star_rating,
            "performance_subsidy_yuan": self.performance_subsidy_yuan,
            "one_time_subsidy_yuan": self.one_time_subsidy_yuan,
            "meets_minimum_standard": self.meets_minimum_standard,
            "minimum_checks": [
                {
                    "label": check.label,
                    "required": number_json(check.required),
                    "actual": number_json(check.actual),
                    "ok": check.ok,
                    "citation": check.rule.citation,
                    "url": check.rule.url,
                }
                for check in self.minimum_checks
            ],
            "notes": self.notes,
        }


def number_json(value):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


# ----- the pure functions -----------------------------------------------------------------------------------------


def band_at_least(rows, amount):
    """The row of the highest threshold that ``amount`` reaches (threshold <= amount), or None."""
    reached = [row for row in rows if row.threshold is not None and amount >= row.threshold]
    return reached[-1] if reached else None


def band_above(rows, amount):
    """The row of the highest threshold that ``amount`` exceeds, a threshold of 0 meaning "from the minimum"."""
    reached = [row for row in rows if row.threshold == 0 or (row.threshold is not None and amount > row.threshold)]
    return reached[-1] if reached else None


def points_by_band(rows, amount):
    row = band_at_least(rows, amount)
    return (row.value if row else Decimal(0)), ((row,) if row else ())


def placement_points(rules, facility_type, placements):
    """Item 9: the base score at the base number, more per whole extra placement up to the cap."""
    base = rules.single("placement_base", facility_type)
    base_points = rules.single("placement_base_points", facility_type)
    per_extra = rules.single("placement_points_per_extra", facility_type)
    cap = rules.single("placement_cap", facility_type)
    below = rules.single("placement_points_below_base", facility_type)
    if placements >= base.value:
        extra = math.floor(placements - base.value)
        points = min(base_points.value + per_extra.value * extra, cap.value)
        return points, (base, base_points, per_extra, cap)
    return min(below.value * placements, base_points.value), (base, base_points, below)


def honor_points(rules, facility_type, honors):
    """Item 16: points per honour by level, the total capped."""
    rows = {int(row.threshold): row for row in rules.find("honor_points", facility_type)}
    cap = rules.single("honor_cap", facility_type)
    total = sum((rows[HONOR_LEVELS[level]].value for level in honors), Decimal(0))
    used = tuple({rows[HONOR_LEVELS[level]] for level in honors}) + (cap,)
    return min(total, cap.value), used


def computed_points(rules, criterion, facts):
    """(points, rules used) of a criterion the engine can score from the facts, or None without the fact."""
    kind, facility = criterion.computation, facts.facility_type
    if kind == "staff" and facts.staff_count is not None:
        return points_by_band(rules.find("staff_points", facility), facts.staff_count)
    if kind == "postings" and facts.jobs_posted is not None:
        return points_by_band(rules.find("postings_points", facility), facts.jobs_posted)
    if kind == "recommendations" and facts.recommendations_per_seeker is not None:
        return points_by_band(rules.find("recommendation_points", facility), facts.recommendations_per_seeker)
    if kind == "placements" and facts.monthly_placements is not None:
        return placement_points(rules, facility, facts.monthly_placements)
    if kind == "honors" and facts.honors is not None:
        return honor_points(rules, facility, facts.honors)
    return None


def score_item(rules, criterion, facts):
    if criterion.number in facts.item_scores:
        return ItemResult(
            criterion.number,
            criterion.title,
            criterion.max_points,
            facts.item_scores[criterion.number],
            "assessor",
            criterion.clauses,
        )
    computed = computed_points(rules, criterion, facts)
    if computed is None:
        return ItemResult(criterion.number, criterion.title, criterion.max_points, None, "missing", criterion.clauses)
    points, used = computed
    return ItemResult(
        criterion.number,
        criterion.title,
        criterion.max_points,
        min(points, criterion.max_points),
        "computed",
        criterion.clauses,
        rules=used,
    )


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


def yuan(amount):
    if amount is None:
        return "不符合条件"
    if amount % 10000 == 0 and amount:
        return f"{amount // 10000}万元"
    return f"{amount:,}元"


def assess(facts, rules):
    """Apply ``rules`` (CityRules) to ``facts`` (Facts). Pure: no database, no clock."""
    facility_name = FACILITY_TYPES[facts.facility_type]
    notes, lines = [], []
    used_interpretations = []

    checks = minimum_checks(rules, facts)
    for check in checks:
        if check.actual is None:
            notes.append(f"未提供{check.label}，无法确认是否达到最低标准（{check.rule.citation}）。")
        elif not check.ok:
            notes.append(
                f"{check.label}为{number_text(check.actual)}，低于{facility_name}最低要求{number_text(check.required)}"
                f"（{check.rule.citation}）。"
            )
        lines.append(Line(f"最低标准：{check.label}", check_text(check), (check.rule,)))
    meets_minimum = bool(checks) and all(check.ok for check in checks)

    one_time = None
    if facts.area_m2 is not None and meets_minimum:
        one_time, row = one_time_subsidy(rules, facts.facility_type, facts.area_m2)
        lines.append(Line("一次性运维补助", yuan(one_time), (row,) if row else ()))
        if row and row.note:
            used_interpretations.append(row)
    elif facts.area_m2 is not None:
        lines.append(Line("一次性运维补助", "未达到最低标准，不予补助", ()))

    items = [score_item(rules, criterion, facts) for criterion in rules.criteria]
    for item in items:
        used_interpretations += [rule for rule in item.rules if rule.is_interpretation]
    missing = [item.number for item in items if item.basis == "missing"]
    if facts.total_score is not None:
        total = facts.total_score
    elif items:
        total = sum((item.points for item in items if item.points is not None), Decimal(0))
    else:
        total = None

    stars = subsidy = None
    if facts.total_score is not None or (items and not missing):
        stars, star_row = star_rating(rules, facts.facility_type, total)
        subsidy, subsidy_row = performance_subsidy(rules, facts.facility_type, total, stars)
        stars_rules = rules.find("stars_by_score", facts.facility_type)
        # A band decides even when the score falls below it, so every interpretation band in play is noted.
        bands = stars_rules + rules.find("subsidy_by_stars", facts.facility_type)
        bands += rules.find("subsidy_by_score", facts.facility_type)
        used_interpretations += [row for row in bands if row.is_interpretation]
        used_interpretations += [subsidy_row] if subsidy_row and subsidy_row.note else []
        if stars_rules:
            lines.append(star_line(stars, star_row, stars_rules))
        lines.append(Line("绩效补助", yuan(subsidy), (subsidy_row,) if subsidy_row else ()))
        subsidy = performance_after_operation(rules, facts, subsidy, notes)
    elif missing:
        notes.append(
            f"考核表第{'、'.join(str(n) for n in missing)}项尚未评分，已评项目合计{number_text(total)}分；"
            "请填写各项评分或直接填写考核总分，才能确定星级和绩效补助。"
        )
    elif not items:
        notes.append(f"{rules.city_name}考核表尚未录入考核项目，请直接填写考核总分。")

    notes += interpretation_notes(used_interpretations)
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
    )


def star_line(stars, star_row, stars_rules):
    if star_row is None:
        lowest = stars_rules[0]
        return Line("星级", f"未达到星级（最低{number_text(lowest.threshold)}分）", (lowest,))
    return Line("星级", f"{stars}星（{number_text(star_row.threshold)}分及以上）", (star_row,))


def performance_after_operation(rules, facts, subsidy, notes):
    rule = rules.single("min_months_for_performance", facts.facility_type)
    if rule is None:
        return subsidy
    if facts.months_in_operation is None:
        notes.append(f"绩效考核须在认定后运营满{int(rule.value)}个月后进行（{rule.citation}）。")
        return subsidy
    if facts.months_in_operation < rule.value:
        notes.append(
            f"运营{facts.months_in_operation}个月，未满{int(rule.value)}个月，暂不参加绩效考核（{rule.citation}）。"
        )
        return 0
    return subsidy


def interpretation_notes(rows):
    seen, notes = set(), []
    for row in rows:
        if row.note and row.note not in seen:
            seen.add(row.note)
            notes.append(f"【解读】{row.note}" if row.is_interpretation else row.note)
    return notes


def number_text(value):
    if value is None:
        return "—"
    value = Decimal(value)
    return str(int(value)) if value == value.to_integral_value() else f"{value.normalize()}"


def check_text(check):
    required = f"不少于{number_text(check.required)}"
    if check.actual is None:
        return f"{required}（未填写）"
    return f"{required}，实际{number_text(check.actual)}：{'达标' if check.ok else '不达标'}"


# ----- input: from a JSON body or a form to Facts -----------------------------------------------------------------


class FactsError(ValueError):
    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


NUMBER_FIELDS = {
    # field: (label, whole numbers only, upper limit)
    "area_m2": ("服务场所面积", False, Decimal(100000)),
    "staff_count": ("工作人员数", True, Decimal(10000)),
    "jobs_posted": ("年发布岗位数", True, Decimal(10000000)),
    "recommendations_per_seeker": ("人均推荐次数", False, Decimal(1000)),
    "monthly_placements": ("月均推荐成功就业人数", False, Decimal(100000)),
    "total_score": ("考核总分", False, MAX_TOTAL_SCORE),
    "months_in_operation": ("运营月数", True, Decimal(1200)),
}
KNOWN_FIELDS = {"city", "facility_type", "honors", "item_scores", *NUMBER_FIELDS}


def parse_number(value, label, whole, upper):
    """A Decimal from a JSON number or numeric string; raises ValueError with a Chinese message."""
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise ValueError(f"{label}须为数字")
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError(f"{label}须为数字") from None
    if not number.is_finite():
        raise ValueError(f"{label}须为数字")
    if number < 0:
        raise ValueError(f"{label}不能为负数")
    if number > upper:
        raise ValueError(f"{label}不能超过{number_text(upper)}")
    if whole and number != number.to_integral_value():
        raise ValueError(f"{label}须为整数")
    return int(number) if whole else number


def parse_facts(data, criteria_max_points):
    """Facts from a dict shaped like the API body; raises FactsError({field: [message]}).

    ``criteria_max_points`` maps the city's item numbers to their maximum points, to check item_scores.
    """
    if not isinstance(data, dict):
        raise FactsError({"body": ["请求内容须为JSON对象"]})
    errors = {}
    unknown = sorted(set(data) - KNOWN_FIELDS)
    for name in unknown:
        errors[name] = ["不支持的字段"]
    if data.get("facility_type") not in FACILITY_TYPES:
        errors["facility_type"] = ["请选择设施类型：market（零工市场）或 station（零工驿站）"]
    values = {}
    for name, (label, whole, upper) in NUMBER_FIELDS.items():
        if data.get(name) in (None, ""):
            continue
        try:
            values[name] = parse_number(data[name], label, whole, upper)
        except ValueError as error:
            errors[name] = [str(error)]
    honors = data.get("honors")
    if honors is not None:
        if not isinstance(honors, list) or len(honors) > 100 or any(h not in HONOR_LEVELS for h in honors):
            errors["honors"] = ["荣誉须为列表，每项为 national、provincial、city 或 county 之一"]
    item_scores = parse_item_scores(data.get("item_scores"), criteria_max_points, errors)
    if errors:
        raise FactsError(errors)
    return Facts(
        city=data["city"], facility_type=data["facility_type"], honors=honors, item_scores=item_scores, **values
    )


def parse_item_scores(raw, criteria_max_points, errors):
    if raw in (None, ""):
        return {}
    if not isinstance(raw, dict):
        errors["item_scores"] = ['各项评分须为对象，如 {"1": 9}']
        return {}
    scores, messages = {}, []
    for key, value in raw.items():
        number = int(key) if isinstance(key, str) and key.isdigit() else None
        if number not in criteria_max_points:
            messages.append(f"考核表没有第{key}项")
            continue
        maximum = criteria_max_points[number]
        try:
            scores[number] = parse_number(value, f"第{number}项评分", False, maximum)
        except ValueError as error:
            messages.append(str(error))
    if messages:
        errors["item_scores"] = messages
    return scores


# ----- the entry point ----------------------------------------------------------------------------------------------


def load_rules(city_slug):
    """The city's rule values and criteria from the database as plain data (None for an unknown city)."""
    from portal.models import City

    from .models import AssessmentCriterion, RuleValue

    city = City.objects.filter(slug=city_slug).first()
    if city is None:
        return None
    rows = RuleValue.objects.filter(city=city).select_related("clause__page", "policy")
    rules = tuple(
        Rule(
            row.key,
            row.facility_type,
            row.threshold,
            row.value,
            row.citation,
            row.source_url,
            row.is_interpretation,
            row.note,
        )
        for row in rows
    )
    criteria = tuple(
        Criterion(
            criterion.number,
            criterion.title,
            criterion.max_points,
            criterion.computation,
            tuple(
                ClauseLink(clause.number, clause.citation, clause.get_absolute_url())
                for clause in criterion.clauses.all()
            ),
        )
        for criterion in AssessmentCriterion.objects.filter(city=city).prefetch_related("clauses__page")
    )
    return CityRules(city.slug, city.name, rules, criteria)


def evaluate(facts):
    """Evaluate ``facts`` (a Facts, or a dict shaped like the API body) against the city's current rules.

    Raises FactsError({field: [message]}) for bad input.
    """
    raw = None if isinstance(facts, Facts) else facts
    if raw is not None and not isinstance(raw, dict):
        raise FactsError({"body": ["请求内容须为JSON对象"]})
    city_slug = raw.get("city") if raw is not None else facts.city
    rules = load_rules(city_slug) if isinstance(city_slug, str) else None
    if rules is None:
        errors = {"city": ["请选择城市：quanzhou（泉州）或 ningde（宁德）"]}
        facility_type = raw.get("facility_type") if raw is not None else facts.facility_type
        if facility_type not in FACILITY_TYPES:
            errors["facility_type"] = ["请选择设施类型：market（零工市场）或 station（零工驿站）"]
        raise FactsError(errors)
    if raw is not None:
        facts = parse_facts(raw, {c.number: c.max_points for c in rules.criteria})
    return assess(facts, rules)
