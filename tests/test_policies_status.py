"""Policy status from its dates (pure function), and the two seed policies' status today (2026-11-23)."""

import datetime

import pytest

from policies.status import policy_status
from tests.policies_factories import NINGDE_PLAN, QUANZHOU_PLAN, seeded_policy

D = datetime.date


@pytest.mark.parametrize(
    "today,code,date",
    [
        (D(2024, 3, 12), "not_yet_effective", D(2024, 3, 13)),
        (D(2024, 3, 13), "in_force", D(2024, 3, 13)),
        (D(2026, 10, 31), "in_force", D(2024, 3, 13)),  # 61 days before expiry
        (D(2026, 11, 1), "expiring_soon", D(2026, 12, 31)),  # exactly 60 days before
        (D(2026, 11, 23), "expiring_soon", D(2026, 12, 31)),
        (D(2026, 12, 31), "expiring_soon", D(2026, 12, 31)),  # 有效期至 includes the day itself
        (D(2027, 1, 1), "expired", D(2026, 12, 31)),
    ],
)
def test_ningde_plan_status_over_its_life_plan_closing_paragraph(today, code, date):
    """ND 实施方案: 自印发之日起执行 (2024-03-13), 有效期至2026年12月31日; 即将失效 within 60 days."""
    status = policy_status(
        today=today, effective_date=D(2024, 3, 13), expiry_date=D(2026, 12, 31), is_consultation_draft=False
    )
    assert (status.code, status.date) == (code, date)


@pytest.mark.parametrize(
    "closes,today,code,label",
    [
        (None, D(2026, 11, 23), "consultation", "征求意见中"),
        (D(2026, 11, 23), D(2026, 11, 23), "consultation", "征求意见中"),
        (D(2026, 11, 22), D(2026, 11, 23), "not_yet_effective", "尚未生效"),
    ],
)
def test_consultation_draft_status_until_and_after_closing(closes, today, code, label):
    status = policy_status(today=today, is_consultation_draft=True, consultation_closes=closes)
    assert (status.code, status.label) == (code, label)


def test_labels_for_every_status():
    assert policy_status(today=D(2030, 1, 1), expiry_date=D(2029, 1, 1)).label == "已失效"
    assert policy_status(today=D(2030, 1, 1)).label == "现行有效"


@pytest.mark.django_db
def test_seed_policies_status_today(home, settings):
    """Today (2026-11-23): Quanzhou is a consultation draft; Ningde expires 2026-12-31 → 即将失效."""
    assert seeded_policy(QUANZHOU_PLAN).status.code == "consultation"
    ningde = seeded_policy(NINGDE_PLAN).status
    assert (ningde.code, ningde.label, ningde.date) == ("expiring_soon", "即将失效", D(2026, 12, 31))


def test_a_consultation_draft_past_its_validity_has_expired():
    """QZ's draft is "有效期至2027年12月31日": from 2028 it is 已失效, not still 征求意见中."""
    status = policy_status(today=D(2028, 1, 1), is_consultation_draft=True, expiry_date=D(2027, 12, 31))
    assert (status.code, str(status.label)) == ("expired", "已失效")
    still_open = policy_status(today=D(2027, 12, 31), is_consultation_draft=True, expiry_date=D(2027, 12, 31))
    assert still_open.code == "consultation"
