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


def test_an_amount_that_cannot_be_computed_is_flagged_for_the_reviewer(home):
    check = rules_check.check_amount(application(subsidy_type="performance", market_type="market", amount=Decimal(8)))
    assert check.computed_yuan is None and check.differs
    assert "未填写自评总分" in check.summary and "请审核人员核实" in check.summary


def test_a_performance_subsidy_before_six_months_of_operation_is_nothing(home):
    check = rules_check.check_amount(
        application(
            "quanzhou",
            subsidy_type="performance",
            market_type="market",
            self_assessed_score=Decimal(95),
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
