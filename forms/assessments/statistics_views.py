"""The bureau's 考核统计 page (年度考核 → 考核统计): one year's figures per county of the user's scope, and the same
table as .xlsx. Built as forms/complaints does its statistics: one view, ``?format=xlsx`` for the file."""

import io

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import MenuItem

from forms.cases.scoping import cases_visible_to
from policies.rules import yuan
from portal.scoping import counties_for

from . import statistics
from .models import Assessment, AssessmentRound
from .roster_files import XLSX_CONTENT_TYPE

PERMISSION = "assessments.view_assessment"
URL_NAME = "assessments_statistics"


def round_years(user):
    """The years of the rounds of the cities whose counties ``user`` sees, the latest first."""
    rounds = AssessmentRound.objects.filter(city__in=counties_for(user).values("city"))
    return list(rounds.values_list("year", flat=True).distinct().order_by("-year"))


def chosen_year(text, years):
    """``?year=`` when it is one of ``years``, else the latest (None when there is no round)."""
    if text.isdigit() and int(text) in years:
        return int(text)
    return years[0] if years else None


def display_cells(row):
    """A row as the page shows it: the subsidy in 元, missing averages as a dash."""
    cells = [row.year or "", row.city, row.county, row.taking_part, row.scored, row.five_stars, row.four_stars]
    cells += [row.three_stars, row.unqualified, yuan(row.subsidy_yuan)]
    averages = (row.self_average, row.assessed_average, row.difference_average)
    return cells + ["—" if value is None else value for value in averages] + [row.large_differences]


def statistics_view(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    years = round_years(request.user)
    year = chosen_year(request.GET.get("year", ""), years)
    assessments = cases_visible_to(request.user, Assessment.objects.filter(round__year=year))
    rows, totals = statistics.assessment_statistics(assessments)
    if request.GET.get("format") == "xlsx" and year is not None:
        return workbook_response(year, rows, totals)
    context = {
        "page_title": _("考核统计"),
        "years": years,
        "year": year,
        "headers": statistics.header_row(),
        "rows": [display_cells(row) for row in rows],
        "totals": display_cells(totals)[3:],  # after 合计 (over the year, city and county columns)
        "threshold": statistics.LARGE_DIFFERENCE_POINTS,
    }
    return TemplateResponse(request, "assessments/admin/statistics.html", context)


def workbook_response(year, rows, totals):
    buffer = io.BytesIO()
    statistics.statistics_workbook(_("%(year)s年度考核统计") % {"year": year}, rows, totals).save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="assessment-statistics-{year}.xlsx"'
    return response


def admin_urls():
    """For the ``register_admin_urls`` hook."""
    return [path("assessments/statistics/", statistics_view, name=URL_NAME)]


class StatisticsMenuItem(MenuItem):
    """Shown to those who may see assessments."""

    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


def menu_item():
    """考核统计 in the 年度考核 group."""
    return StatisticsMenuItem(
        gettext_lazy("考核统计"), reverse(URL_NAME), name="assessment-statistics", icon_name="table", order=300
    )
