"""The annual assessment's figures per year, city and county (考核统计), with a totals row and the .xlsx export.

Pure: the functions take assessments (anything with their fields, the round and the county loaded) and return
rows; the admin view scopes the queryset to the user. An assessment takes part once it has left the operator's
draft, and counts as scored once it has an assessed total, whatever the workflow has made of it since
(公示, 确定 …).
"""

from dataclasses import astuple, dataclass, fields
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from .models import Assessment

# The portal's choice, not the seed's: neither policy says when a self-assessment is too far from the county's
# score. Ten points is the width of one star band in Quanzhou (90, 80 and 70 points, 实施方案 二（二）1), so an
# operator this far out expected another star than the one given.
LARGE_DIFFERENCE_POINTS = Decimal(10)
ONE_PLACE = Decimal("0.1")
STAR_COLUMNS = (5, 4, 3)  # both policies name only 五星, 四星 and 三星


@dataclass(frozen=True)
class Figures:
    """One row of the table: a county's assessments of one year (or, for the totals row, all of them)."""

    year: int | None
    city: str
    county: str
    taking_part: int
    scored: int
    five_stars: int
    four_stars: int
    three_stars: int
    unqualified: int
    subsidy_yuan: int
    self_average: Decimal | None
    assessed_average: Decimal | None
    difference_average: Decimal | None
    large_differences: int


HEADERS = {
    "year": _("考核年度"),
    "city": _("设区市"),
    "county": _("县（市、区）"),
    "taking_part": _("参加考核"),
    "scored": _("已考核"),
    "five_stars": _("五星级"),
    "four_stars": _("四星级"),
    "three_stars": _("三星级"),
    "unqualified": _("考核不合格"),
    "subsidy_yuan": _("绩效补助合计（元）"),
    "self_average": _("平均自评总分"),
    "assessed_average": _("平均考核总分"),
    "difference_average": _("平均差值（自评−考核）"),
    "large_differences": _("自评与考核相差%(points)s分及以上"),
}


def header_row():
    """The column names, in the order of ``Figures``' fields."""
    names = [field.name for field in fields(Figures)]
    return [str(HEADERS[name]) % {"points": LARGE_DIFFERENCE_POINTS} for name in names]


# --- One assessment ---------------------------------------------------------------------------------------------


def takes_part(assessment):
    return assessment.status != Assessment.Status.DRAFT


def is_scored(assessment):
    return assessment.assessed_total is not None


def is_unqualified(assessment):
    """考核不合格: scored, and the total earned neither a star nor a subsidy."""
    return is_scored(assessment) and not assessment.stars and not assessment.subsidy_yuan


def difference(assessment):
    """Self total minus assessed total, or None until both are known."""
    if assessment.self_total is None or assessment.assessed_total is None:
        return None
    return assessment.self_total - assessment.assessed_total


def differs_widely(assessment):
    gap = difference(assessment)
    return gap is not None and abs(gap) >= LARGE_DIFFERENCE_POINTS


# --- Many assessments -------------------------------------------------------------------------------------------


def average(values):
    """The mean of the values that are not None, to one decimal place (as points are given), or None."""
    present = [value for value in values if value is not None]
    if not present:
        return None
    return (sum(present, Decimal(0)) / len(present)).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def figures(assessments, year, city, county):
    """The row of ``assessments`` (drafts are left out)."""
    present = [a for a in assessments if takes_part(a)]
    scored = [a for a in present if is_scored(a)]
    stars = [sum(1 for a in scored if a.stars == level) for level in STAR_COLUMNS]
    return Figures(
        year,
        city,
        county,
        len(present),
        len(scored),
        *stars,
        unqualified=sum(1 for a in scored if is_unqualified(a)),
        subsidy_yuan=sum(a.subsidy_yuan or 0 for a in scored),
        self_average=average(a.self_total for a in present),
        assessed_average=average(a.assessed_total for a in scored),
        difference_average=average(difference(a) for a in scored),
        large_differences=sum(1 for a in scored if differs_widely(a)),
    )


def group_key(assessment):
    """(year, city, county) with what orders them: the latest year first, then as the regions are listed."""
    round_, county = assessment.round, assessment.handling_county
    return (-round_.year, round_.city.sort_order, round_.city.name, county.sort_order, county.name)


def county_rows(assessments):
    """One row per year, city and county that has assessments taking part."""
    groups = {}
    for assessment in assessments:
        if takes_part(assessment):
            groups.setdefault(group_key(assessment), []).append(assessment)
    return [
        figures(members, members[0].round.year, members[0].round.city.name, members[0].handling_county.name)
        for _key, members in sorted(groups.items())
    ]


def totals_row(assessments):
    """The totals over every assessment (averages of the assessments themselves, not of the rows)."""
    return figures(assessments, None, str(_("合计")), "")


def assessment_statistics(queryset):
    """(rows, totals) of a queryset of assessments."""
    assessments = list(
        queryset.exclude(status=Assessment.Status.DRAFT).select_related("round__city", "handling_county")
    )
    return county_rows(assessments), totals_row(assessments)


# --- The export -------------------------------------------------------------------------------------------------


def statistics_workbook(title, rows, totals):
    """One sheet: the header, a row per county, the totals."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]  # Excel's limit on a sheet's name
    sheet.append(header_row())
    for row in [*rows, totals]:
        sheet.append(list(astuple(row)))
    for index in range(1, len(fields(Figures)) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 14
    return workbook
