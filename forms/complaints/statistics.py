"""Complaint statistics by category, county, month and outcome, and survey results."""

from collections import OrderedDict

from django.db.models import Avg, Count
from django.db.models.functions import TruncMonth
from openpyxl import Workbook

from forms.cases.scoping import cases_visible_to

from .records import Complaint, SurveyResponse

OUTCOMES = OrderedDict(
    [
        ("open", "办理中（含待受理）"),
        (Complaint.Status.CLOSED, "已办结"),
        (Complaint.Status.REJECTED, "不予受理"),
        (Complaint.Status.DUPLICATE, "重复件"),
    ]
)


def outcome_of(status):
    return status if status in OUTCOMES else "open"


def count_table(queryset, field, label_of):
    rows = queryset.values(field).annotate(total=Count("pk")).order_by(field)
    return [(label_of(row[field]), row["total"]) for row in rows]


def complaint_statistics(user):
    cases = cases_visible_to(user, Complaint.objects.all())
    categories = dict(cases.values_list("category__pk", "category__name").distinct())
    counties = dict(cases.values_list("handling_county__pk", "handling_county__name").distinct())
    by_status = dict(cases.values("status").annotate(total=Count("pk")).values_list("status", "total"))
    outcomes = OrderedDict((label, 0) for label in OUTCOMES.values())
    for status, total in by_status.items():
        outcomes[OUTCOMES[outcome_of(status)]] += total
    ratings = dict(cases.exclude(rating="").values("rating").annotate(total=Count("pk")).values_list("rating", "total"))
    months = (
        cases.annotate(month=TruncMonth("submitted_at")).values("month").annotate(total=Count("pk")).order_by("month")
    )
    return {
        "total": cases.count(),
        "by_category": count_table(cases, "category", lambda pk: categories.get(pk) or "意见建议（无类别）"),
        "by_county": count_table(cases, "handling_county", lambda pk: counties.get(pk, "")),
        "by_month": [(row["month"].strftime("%Y年%m月"), row["total"]) for row in months],
        "by_outcome": list(outcomes.items()),
        "ratings": [(str(label), ratings.get(value, 0)) for value, label in Complaint.Rating.choices],
        "surveys": survey_statistics(user),
    }


def survey_statistics(user):
    responses = cases_visible_to(user, SurveyResponse.objects.all(), county_field="market__county")
    rows = (
        responses.values("market__title", "market__county__name")
        .annotate(answers=Count("pk"), environment=Avg("environment"), process=Avg("process"), result=Avg("result"))
        .order_by("market__county__name", "market__title")
    )
    return [
        (
            f"{row['market__county__name']} · {row['market__title']}",
            row["answers"],
            round(row["environment"], 2),
            round(row["process"], 2),
            round(row["result"], 2),
        )
        for row in rows
    ]


def statistics_workbook(stats):
    workbook = Workbook()
    sheets = [
        ("按类别", ["类别", "件数"], stats["by_category"]),
        ("按县区", ["承办县（市、区）", "件数"], stats["by_county"]),
        ("按月份", ["月份", "件数"], stats["by_month"]),
        ("按结果", ["办理结果", "件数"], stats["by_outcome"]),
        ("办理评价", ["评价", "件数"], stats["ratings"]),
        ("满意度调查", ["零工市场（驿站）", "答卷数", "服务环境", "服务过程", "服务结果"], stats["surveys"]),
    ]
    workbook.remove(workbook.active)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title)
        sheet.append(header)
        for row in rows:
            sheet.append(list(row))
        sheet.column_dimensions["A"].width = 30
    return workbook
