"""Who takes part in a round: a recognised market or station that has operated long enough by the round's date.

Quanzhou 实施方案 二（二）: "经认定工作时间满半年以上"; Ningde 二（四）1: "连续运营满1年后". Both are the rule value
``min_months_for_performance`` of the policy in force on the round's reference date; the months are counted from
the market's recognition date (认定日期), as the directory records it, never typed by the operator. Pure functions:
no database, no clock.
"""

import datetime
from dataclasses import dataclass

from portal.vocabulary import chinese_date

# What a market's status means for the round (the status is the directory's, on the day the round is opened).
NOT_OPERATING = {
    "preparing": "尚在筹建中",
    "suspended": "暂停服务，未连续运营",
    "withdrawn": "已退出",
}


@dataclass(frozen=True)
class Eligibility:
    eligible: bool
    reason: str  # in Chinese, for the operator and the bureau
    months: int | None = None
    citation: str = ""


def whole_months(start: datetime.date, end: datetime.date) -> int:
    """Whole calendar months from ``start`` to ``end`` (1 March to 31 August is 5; to 1 September, 6)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(months, 0)


def eligibility(recognized_on, status, reference_date, min_months_rule) -> Eligibility:
    """Whether a market with these dates takes part in the round of ``reference_date``.

    ``min_months_rule`` is the rules engine's ``min_months_for_performance`` Rule (None: the policy sets none).
    """
    if status in NOT_OPERATING:
        return Eligibility(False, f"该零工市场（驿站）{NOT_OPERATING[status]}，不参加本年度考核。")
    if recognized_on is None:
        return Eligibility(False, "该零工市场（驿站）尚无认定日期，须经认定后方可参加考核。")
    if recognized_on > reference_date:
        return Eligibility(False, f"该零工市场（驿站）于{chinese_date(recognized_on)}认定，晚于考核基准日。")
    months = whole_months(recognized_on, reference_date)
    if min_months_rule is None:
        return Eligibility(True, f"自{chinese_date(recognized_on)}认定起运营{months}个月。", months)
    needed = int(min_months_rule.value)
    citation = min_months_rule.citation
    since = f"于{chinese_date(recognized_on)}认定，至考核基准日{chinese_date(reference_date)}运营{months}个月"
    if months < needed:
        return Eligibility(
            False, f"该零工市场（驿站）{since}，未满{needed}个月（{citation}），不参加本年度考核。", months, citation
        )
    return Eligibility(True, f"{since}，已满{needed}个月（{citation}）。", months, citation)


def months_in_period(recognized_on, period_start, period_end) -> int:
    """The months of the assessment period the market operated (item 9's monthly average divides by these)."""
    start = max(recognized_on or period_start, period_start)
    return max(whole_months(start, period_end + datetime.timedelta(days=1)), 1)
