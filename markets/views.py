"""The bureau's construction summary in the Wagtail admin, and its xlsx export."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from portal.scoping import counties_for

from .construction import NOTE, Quarter, summarize
from .export import summary_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def chosen_quarter(request):
    return Quarter.parse(request.GET.get("quarter", "")) or Quarter.containing(timezone.localdate())


def scoped_summary(request):
    counties = counties_for(request.user)
    if not counties.exists():
        raise PermissionDenied
    quarter = chosen_quarter(request)
    return summarize(counties, quarter), quarter


def construction_summary(request):
    summary, quarter = scoped_summary(request)
    recent = [Quarter.containing(timezone.localdate())]
    for _ in range(7):
        last = recent[-1]
        recent.append(Quarter(last.year - 1, 4) if last.number == 1 else Quarter(last.year, last.number - 1))
    return render(
        request,
        "markets/admin/construction_summary.html",
        {"summary": summary, "quarter": quarter, "recent_quarters": recent, "note": NOTE},
    )


def construction_summary_xlsx(request):
    summary, quarter = scoped_summary(request)
    response = HttpResponse(summary_workbook(summary, quarter), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="construction-summary-{quarter.code}.xlsx"'
    return response
