"""The rules engine: small pure functions over per-city rule sets, and the one entry point other apps call.

``evaluate(facts, as_of=None)`` is shared by the API (POST /api/v1/assessment/evaluate), the public 补贴测算
calculator and the operators' applications. The rule values live in RuleValue rows, each belonging to the
policy that sets it; ``load_rules(city, as_of)`` picks the rule set of the policy applying on that day and
turns it into plain data (loading.py), ``assess`` applies it without touching the database (engine.py), and
parsing.py reads the API's JSON.
"""

from .engine import assess, chinese_date, minimum_checks, one_time_subsidy, policy_message, policy_name, yuan
from .loading import applicable_policy, evaluate, load_rules
from .parsing import FactsError, number_text
from .types import FACILITY_TYPES, HONOR_LABELS, CityRules, Facts, Honor, PolicyRef, Result, Rule

__all__ = [
    "FACILITY_TYPES",
    "HONOR_LABELS",
    "CityRules",
    "Facts",
    "FactsError",
    "Honor",
    "PolicyRef",
    "Result",
    "Rule",
    "applicable_policy",
    "assess",
    "chinese_date",
    "evaluate",
    "load_rules",
    "minimum_checks",
    "number_text",
    "one_time_subsidy",
    "policy_message",
    "policy_name",
    "yuan",
]
