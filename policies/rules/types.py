"""The plain data the rules engine works on: rules, facts, results. No database, no clock."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from portal.vocabulary import FACILITY_NAMES

FACILITY_TYPES = FACILITY_NAMES  # the engine's messages print the names as the policies do
HONOR_LEVELS = {"national": 1, "provincial": 2, "city": 3, "county": 4}
HONOR_LABELS = {"national": "国家级", "provincial": "省级", "city": "市级", "county": "县级"}
MAX_TOTAL_SCORE = Decimal(100)


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
    interpretation_note: str = ""  # the item is the portal's reading (Ningde's form is not given), and why


@dataclass(frozen=True)
class PolicyRef:
    """The policy whose rule set a result applies, with its status on the day the case is about."""

    page_id: int
    title: str
    document_number: str
    status_code: str  # policies.status codes: consultation, in_force, expiring_soon, expired, ...
    status_label: str
    valid_from: datetime.date | None
    valid_until: datetime.date | None
    is_draft: bool
    url: str = ""

    def as_json(self):
        return {
            "title": self.title,
            "document_number": self.document_number,
            "status": self.status_label,
            "valid_from": self.valid_from.isoformat() if self.valid_from else None,
            "valid_until": self.valid_until.isoformat() if self.valid_until else None,
        }


@dataclass(frozen=True)
class CityRules:
    """A city's rule set on a date: the rules of the policy applying then (none when no policy is in force)."""

    city: str
    city_name: str
    rules: tuple
    criteria: tuple
    as_of: datetime.date | None = None
    policy: PolicyRef | None = None
    in_force: bool = True

    def find(self, key, facility_type):
        """The rows of ``key`` for ``facility_type`` (type-specific rows win over shared ones), by threshold."""
        rows = [rule for rule in self.rules if rule.key == key and rule.facility_type == facility_type]
        if not rows:
            rows = [rule for rule in self.rules if rule.key == key and rule.facility_type == ""]
        return sorted(rows, key=lambda rule: rule.threshold if rule.threshold is not None else Decimal(-1))

    def single(self, key, facility_type):
        rows = self.find(key, facility_type)
        return rows[0] if rows else None


@dataclass(frozen=True)
class Honor:
    """An honour or press report (item 16) at a level, with the day it was awarded when known."""

    level: str
    awarded_on: datetime.date | None = None


@dataclass
class Facts:
    city: str
    facility_type: str
    area_m2: Decimal | None = None
    staff_count: int | None = None
    jobs_posted: int | None = None
    # Item 7: the number of recommendations every registered seeker reached (the fewest any seeker had) ...
    recommendations_per_seeker: Decimal | None = None
    # ... or, when known, each registered seeker's number of recommendations.
    recommendation_counts: list | None = None
    monthly_placements: Decimal | None = None
    honors: list | None = None  # of Honor, or of level names
    item_scores: dict = field(default_factory=dict)  # {item number (int): points}
    total_score: Decimal | None = None
    months_in_operation: int | None = None
    as_of: datetime.date | None = None  # the day the case is about


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
    partial_score: Decimal | None = None  # the sum of the items scored so far, while some are missing
    as_of: datetime.date | None = None
    policy: PolicyRef | None = None
    in_force: bool = True
    policy_message: str = ""

    def as_json(self):
        return {
            "city": self.city,
            "facility_type": self.facility_type,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "policy": self.policy.as_json() if self.policy else None,
            "message": self.policy_message or None,
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
            "partial_score": number_json(self.partial_score),
            "missing_items": self.missing_items,
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
