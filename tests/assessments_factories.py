"""make_* helpers for the annual assessment: a round, an operator's recognised market, an assessment."""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from stdnum.cn import uscc

from forms.applications import catalogue
from forms.applications.models import Application
from forms.assessments import rounds
from forms.assessments.models import AssessmentEvidence, AssessmentRound, PlacementRow
from forms.assessments.workflow import ASSESSMENTS, start_assessment, submit
from policies.models import AssessmentCriterion
from portal.regions import City

from .complaints_factories import pdf_bytes
from .markets_factories import make_market
from .operators_factories import VALID_USCC, VALID_USCC_2, make_operator, with_check_character
from .utils import SUITE_TODAY, make_county_staff


def make_round(city_slug="quanzhou", year=None, **dates):
    """A round of ``year`` (the suite's year) with the proposed dates, its window open on the suite's day."""
    year = year or SUITE_TODAY.year
    values = rounds.proposed_dates(city_slug, year)
    values.update(
        opens_on=SUITE_TODAY - datetime.timedelta(days=10), closes_on=SUITE_TODAY + datetime.timedelta(days=5)
    )
    values.update(dates)
    return AssessmentRound.objects.create(city=City.objects.get(slug=city_slug), year=year, **values)


def make_operator_market(username="operator", county_name="丰泽区", recognized_on=None, **market_fields):
    """An operator whose approved recognition application put its market in the directory."""
    user, profile = make_operator(
        username, county_name=county_name, uscc=market_fields.pop("uscc", None) or uscc_for(username)
    )
    market = make_market(
        county_name,
        name=market_fields.pop("name", f"{county_name}{username}零工市场"),
        recognized_on=recognized_on or datetime.date(SUITE_TODAY.year, 3, 16),
        staff_count=market_fields.pop("staff_count", 2),
        floor_area=market_fields.pop("floor_area", 260),
        **market_fields,
    )
    Application.objects.create(
        receipt_no=f"RD-{username}",
        operator=profile,
        city=market.county.city,
        form_kind=catalogue.RECOGNITION,
        status=Application.Status.APPROVED,
        handling_county=market.county,
        organisation_name=profile.organisation_name,
        legal_representative="陈建国",
        uscc=profile.uscc,
        registered_address="泉州市丰泽区东海街道通港西街1号",
        market_name=market.title,
        market_address="泉州市丰泽区东海街道海星街88号",
        market_page=market,
    )
    return user, profile, market


def uscc_for(username):
    """Each operator of a test needs its own valid code (the code is unique)."""
    return VALID_USCC_2 if username == "operator2" else VALID_USCC


def resident_id(serial):
    """A valid identity number of a Fengze resident born in 1980, distinct per ``serial`` (0-999)."""
    return with_check_character(f"35050319800101{serial:03d}")


def add_placements(assessment, count, placed_on=None):
    placed_on = placed_on or datetime.date(assessment.round.year, 6, 1)
    for n in range(count):
        PlacementRow.objects.create(
            assessment=assessment,
            row_number=n + 1,
            name=f"务工人员{n + 1}",
            id_number=resident_id(n),
            residence="泉州市丰泽区东海街道",
            phone=f"1380000{n:04d}",
            employer="泉州市示范建筑劳务有限公司",
            placed_on=placed_on,
        )


def fill_self_assessment(assessment, points=None):
    """Every item self-scored (its full points unless ``points`` says otherwise) and the report uploaded."""
    points = points or {}
    for item in assessment.items.all():
        item.self_points = points.get(item.number, criterion_max(assessment, item.number))
        item.save()
    AssessmentEvidence.objects.create(
        assessment=assessment,
        item_number=AssessmentEvidence.REPORT,
        file=pdf_file(),
        original_name="工作运营方案落实情况报告.pdf",
        content_type="application/pdf",
        size=len(pdf_bytes()),
    )


def criterion_max(assessment, number):
    return AssessmentCriterion.objects.get(city=assessment.round.city, number=number).max_points


def pdf_file():
    return ContentFile(pdf_bytes(), name="report.pdf")


def make_submitted_assessment(round_=None, username="operator", placements=30, points=None, **market_fields):
    round_ = round_ or make_round()
    user, profile, market = make_operator_market(username, **market_fields)
    assessment = start_assessment(round_, profile, market, user)
    add_placements(assessment, placements)
    fill_self_assessment(assessment, points)
    submit(assessment, user)
    assessment.refresh_from_db()
    return assessment


def make_scored_assessment(round_=None, username="operator", points_lost=0, experts=("expert1", "expert2"), **kwargs):
    """A submitted assessment that the county's experts scored (each item its self-assessed points less
    ``points_lost``, not below 0) and completed."""
    assessment = make_submitted_assessment(round_, username, **kwargs)
    staff = [make_county_staff(assessment.handling_county.name, username=name) for name in experts]
    data = {
        f"score-points_{item.number}": str(max(item.self_points - points_lost, 0)) for item in assessment.items.all()
    }
    for expert in staff:
        ok, form = ASSESSMENTS.perform(assessment, expert, "score", data)
        assert ok, form.errors
    ok, form = ASSESSMENTS.perform(assessment, staff[0], "complete", {})
    assert ok, form.errors
    assessment.refresh_from_db()
    return assessment


def numbered_uscc(serial):
    """A valid unified social credit code of its own for the ``serial``-th operator of a test (0-99)."""
    body = f"91350503MA2YQK6{serial:02d}"
    return body + uscc.calc_check_digit(body)


def start_in_county(round_, serial, county_name):
    """(operator's user, draft) for a market of ``county_name`` whose operator is ``operator<serial>``."""
    user, profile, market = make_operator_market(
        f"operator{serial}", county_name=county_name, uscc=numbered_uscc(serial)
    )
    return user, start_assessment(round_, profile, market, user)


def submit_in_county(round_, serial, county_name, self_total=None):
    """A submitted assessment of a market of ``county_name`` (12 roster rows; items at full points, or adding up to
    ``self_total``)."""
    user, assessment = start_in_county(round_, serial, county_name)
    add_placements(assessment, 12)
    fill_self_assessment(assessment, None if self_total is None else points_totalling(assessment, self_total))
    submit(assessment, user)
    assessment.refresh_from_db()
    return assessment


def objection_post(assessment, **overrides):
    data = {
        "assessment": str(assessment.pk),
        "reason": "该市场公示的推荐就业人数与实际不符，花名册中有人并未通过该市场就业。",
        "contact_name": "林志明",
        "contact_phone": "13905951234",
        "token": "objection-token-0123456789",
        "website": "",
        "captcha_0": "x",
        "captcha_1": "PASSED",
    }
    data.update(overrides)
    return data


def points_totalling(assessment, total):
    """Item scores adding up to ``total`` (each item at most its 基本分值)."""
    left, points = Decimal(total), {}
    for item in assessment.items.order_by("number"):
        points[item.number] = min(criterion_max(assessment, item.number), left)
        left -= points[item.number]
    return points
