"""The submissions as an .xlsx workbook: one row each, a column per question; numbers masked unless opened."""

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from .records import shown

FIXED_COLUMNS = ["受理编号", "表单", "所在县（市、区）", "提交时间"]


def question_columns(submissions):
    """(name, label) of every question asked, in the order first met (forms differ; an editor may add one)."""
    columns = {}
    for submission in submissions:
        for row in submission.answers:
            columns.setdefault(row["name"], row["label"])
    return list(columns.items())


def submissions_workbook(submissions, masked=True):
    submissions = list(submissions)
    columns = question_columns(submissions)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "表单提交"
    sheet.append(FIXED_COLUMNS + [label for _name, label in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for submission in submissions:
        answers = {row["name"]: shown(row, masked) for row in submission.answers}
        sheet.append(
            [
                submission.receipt_no,
                submission.page.title,
                submission.county.name if submission.county else "",
                timezone.localtime(submission.submitted_at).strftime("%Y-%m-%d %H:%M"),
            ]
            + [answers.get(name, "") for name, _label in columns]
        )
    sheet.freeze_panes = "A2"
    return workbook
