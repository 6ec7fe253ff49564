"""The rules engine's word on an application: the minimum area by city and type, and the amount due by band."""

from decimal import Decimal

import pytest

from forms.applications import rules_check
from forms.applications.models import Application
from portal.regions import City

pytestmark = pytest.mark.django_db


def application(city="ningde", form_kind="subsidy", **fields):
    return Application(city=City.objects.get(slug=city), form_kind=form_kind, **fields)


@pytest.mark.parametrize(
    ("city", "facility", "area", "problem"),
    [
        ("quanzhou", "market", 199, "低于零工市场最低要求200平方米"),
        ("quanzhou", "market", 200, None),
        ("quanzhou", "station", 29, "低于零工驿站最低要求30平方米"),
        ("ningde", "market", 59, "低于零工市场最低要求60平方米"),
        ("ningde", "market", 60, None),
    ],
)
def test_the_minimum_area_is_the_city_s_for_the_type(home, city, facility, area, problem):
    message = rules_check.area_problem(city, facility, Decimal(area))
    if problem is None:
        assert message is None
    else:
        assert problem in message and "附件1 第3条" in message


@pytest.mark.parametrize(
    ("facility", "area", "due"),
    [("market", 80, 150000), ("market", 81, 200000), ("market", 101, 300000), ("station", 45, 40000)],
)
def test_ningde_one_time_subsidy_follows_the_area_bands(home, facility, area, due):
    check = rules_check.check_amount(
        application(
            subsidy_type="one_time", market_type=facility, floor_area=Decimal(area), amount=Decimal(due) / 10000
        )
    )
    assert check.computed_yuan == due and not check.differs


def test_a_performance_subsidy_without_an_assessed_score_cannot_be_computed(home):
    """The amount follows the county's score after 公示 (泉州方案二（二）“按照相应得分给予发放绩效补助”)."""
    check = rules_check.check_amount(application(subsidy_type="performance", market_type="market", amount=Decimal(8)))
    assert check.computed_yuan is None and check.differs
    assert check.summary.endswith(
        "申请8万元，按规则测算无法测算（绩效补助按经公示无异议的年度考核总分测算，本申请没有考核总分；"
        "请在“我的办理”中从已确定结果的年度考核发起申请），请审核人员核实。"
    )


@pytest.mark.parametrize(
    ("city", "facility", "score", "months", "due"),
    [
        ("quanzhou", "market", "92", 12, 100000),  # 泉州 二（二）1: 90分及以上 五星 10万元
        ("quanzhou", "market", "85", 12, 80000),  # 80分至89分 四星 8万元
        ("quanzhou", "station", "92", 12, 30000),  # 二（二）2: 零工驿站 90分及以上 3万元
        ("ningde", "market", "91", 12, 150000),  # 宁德 二（四）1: 五星 15万元
    ],
)
def test_a_performance_subsidy_follows_the_assessed_score(home, city, facility, score, months, due):
    check = rules_check.check_amount(
        application(
            city,
            subsidy_type="performance",
            market_type=facility,
            assessed_score=Decimal(score),
            months_in_operation=months,
            amount=Decimal(due) / 10000,
        )
    )
    assert (check.computed_yuan, check.differs) == (due, False)


def test_only_a_performance_subsidy_needs_an_assessed_score(home):
    assert rules_check.assessed_score_problem(application(subsidy_type="one_time")) is None
    assert (
        rules_check.assessed_score_problem(application(subsidy_type="performance", assessed_score=Decimal(70))) is None
    )
    assert rules_check.assessed_score_problem(application("quanzhou", "recognition")) is None
    assert str(rules_check.assessed_score_problem(application(subsidy_type="performance"))).startswith(
        "绩效补助按经公示无异议的年度考核总分测算"
    )


def test_a_performance_subsidy_before_six_months_of_operation_is_nothing(home):
    check = rules_check.check_amount(
        application(
            "quanzhou",
            subsidy_type="performance",
            market_type="market",
            assessed_score=Decimal(95),
            months_in_operation=3,
            amount=Decimal(10),
        )
    )
    assert check.computed_yuan == 0 and check.differs and "相差10万元" in check.summary


def test_a_recognition_says_what_one_time_subsidy_would_follow_without_flagging(home):
    check = rules_check.check_amount(
        application("quanzhou", "recognition", market_type="station", floor_area=Decimal(40))
    )
    assert check.computed_yuan == 20000 and not check.differs
    assert "一次性运维补助：2万元" in check.summary
