"""What the rules engine says about an application: whether the city takes applications, the minimum floor
area, and the amount due.

An application is judged by the rules of the policy in force on the day it is first submitted, and keeps that
judgement (policy and figures) when the rules change later. The minimum area is a form error (a market below
it cannot be recognised, and the message names the clause); the amount is only compared: a requested amount
that differs from what the rules give is flagged for the county's reviewer, never refused, because the county
may grant more (宁德 实施方案 二（四）1: 各地可根据实际情况，适当提高补助标准). A performance subsidy is computed from
the assessed score the annual assessment hands over, never from a score the operator types; without one it cannot
be submitted.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from policies import rules as engine
from portal.vocabulary import FACILITY_NAMES

from . import catalogue

YUAN_PER_WAN = 10000
# The amount follows the county's score once the results' 公示 has passed (泉州方案二（二）"按照相应得分
# 给予发放绩效补助"; 二（三）"评审结果经公示无异议后"), which only the annual assessment gives
# (review.start_performance_subsidy).
NO_ASSESSED_SCORE = _(
    "绩效补助按经公示无异议的年度考核总分测算，本申请没有考核总分；请在“我的办理”中从已确定结果的年度考核发起申请。"
)


@dataclass(frozen=True)
class AmountCheck:
    computed_yuan: int | None
    summary: str
    differs: bool
    policy: engine.PolicyRef | None = None


def applications_closed(city_slug, day=None):
    """Why the city takes no new applications on ``day`` (no policy of it in force), or None when it does."""
    policy, in_force = engine.applicable_policy(city_slug, day)
    if in_force:
        return None
    reason = f"（{engine.policy_name(policy)}已于{engine.chinese_date(policy.valid_until)}失效）" if policy else ""
    return (
        f"本市目前没有现行有效的零工市场建设政策{reason}，暂不受理新的认定和补助申请。"
        "已保存的草稿会保留，新政策施行后可继续填写并提交；已提交的申请照常审核。"
    )


def area_problem(city_slug, market_type, area):
    """A message naming the clause when ``area`` is below the city's minimum for the type, else None."""
    if area is None or market_type not in FACILITY_NAMES:
        return None
    rules = engine.load_rules(city_slug)
    check = _area_check(rules, market_type, area)
    if check is None or check.ok:
        return None
    return (
        f"建筑面积{engine.number_text(area)}平方米，低于{FACILITY_NAMES[market_type]}最低要求"
        f"{engine.number_text(check.required)}平方米（{rules.city_name}政策{check.rule.citation}），"
        "不符合认定条件。"
    )


def _area_check(rules, market_type, area):
    facts = engine.Facts(city=rules.city, facility_type=market_type, area_m2=Decimal(area))
    return next((check for check in engine.minimum_checks(rules, facts) if check.rule.key == "min_area_m2"), None)


def judgement_day(application):
    """The day whose rules judge the application: the day it was first submitted (today, if it is not yet)."""
    return application.rules_as_of or timezone.localdate()


def expected_amount(application, rules):
    """(yuan or None, the rule's citation or why it cannot be computed) for what the rules give."""
    if not rules.in_force:
        return None, engine.policy_message(rules)
    if application.market_type not in FACILITY_NAMES:
        return None, "未填写类型，无法测算"
    if application.form_kind == catalogue.RECOGNITION or application.subsidy_type == catalogue.ONE_TIME:
        return _one_time(rules, application)
    return _performance(rules, application)


def _one_time(rules, application):
    if application.floor_area is None:
        return None, "未填写建筑面积，无法测算一次性运维补助"
    check = _area_check(rules, application.market_type, application.floor_area)
    if check is not None and not check.ok:
        return 0, f"面积低于最低要求（{check.rule.citation}），不予补助"
    yuan, row = engine.one_time_subsidy(rules, application.market_type, application.floor_area)
    return yuan, (row.citation if row else "未找到一次性运维补助标准")


def assessed_score_problem(application, subsidy_type=None):
    """Why the application cannot be submitted as a performance subsidy (``subsidy_type``, default its own): it has
    no assessed score. None when it can."""
    performance = (subsidy_type or application.subsidy_type) == catalogue.PERFORMANCE
    if application.form_kind == catalogue.SUBSIDY and performance and application.assessed_score is None:
        return NO_ASSESSED_SCORE
    return None


def _performance(rules, application):
    if application.assessed_score is None:
        return None, str(NO_ASSESSED_SCORE).rstrip("。")
    facts = engine.Facts(
        city=rules.city,
        facility_type=application.market_type,
        total_score=application.assessed_score,
        months_in_operation=application.months_in_operation,
        as_of=rules.as_of,
    )
    result = engine.assess(facts, rules)
    basis = "；".join(f"{line.label}：{line.value}" for line in result.lines if not line.label.startswith("最低标准"))
    return result.performance_subsidy_yuan, basis + ("；" + "；".join(result.notes) if result.notes else "")


def check_amount(application):
    """Compare the requested amount (万元) with the rules of its judgement day; for a recognition, only say what
    would be due. The summary begins with the policy applied."""
    rules = engine.load_rules(application.city.slug, judgement_day(application))
    computed, basis = expected_amount(application, rules)
    applied = f"依据{engine.policy_name(rules.policy)}（{rules.policy.status_label}）测算：" if rules.policy else ""
    computed_text = "无法测算" if computed is None else engine.yuan(computed)

    def check(summary, differs):
        return AmountCheck(computed, applied + summary, differs, rules.policy)

    if application.form_kind == catalogue.RECOGNITION:
        return check(f"按规则可申请一次性运维补助：{computed_text}（{basis}）", False)
    if application.amount is None:
        return check(f"未填写申请金额；按规则测算：{computed_text}（{basis}）", computed is not None)
    requested = int(application.amount * YUAN_PER_WAN)
    differs = computed is None or requested != computed
    summary = f"申请{engine.yuan(requested)}，按规则测算{computed_text}（{basis}）"
    if computed is not None and requested != computed:
        summary += f"，相差{engine.yuan(abs(requested - computed))}，请审核人员核实"
    elif computed is None:
        summary += "，请审核人员核实"
    return check(summary + "。", differs)
