"""Import a year's guide from an xlsx: every row is checked, then all rows are saved or none."""

from dataclasses import dataclass, field

from django.db import transaction
from openpyxl import load_workbook

from .bands import COLUMNS
from .models import WageGuideIndexPage, WageGuidePage, WageRate
from .validation import check_rows

KEY_BY_HEADING = {heading: key for key, heading in COLUMNS}


@dataclass
class ImportResult:
    errors: list = field(default_factory=list)  # (row number or None, reason)
    guide: WageGuidePage | None = None
    count: int = 0

    @property
    def ok(self):
        return not self.errors


def read_rows(uploaded_file):
    """(row_number, cells) for every non-empty data row of the first sheet; raises ValueError on a bad file."""
    try:
        workbook = load_workbook(uploaded_file, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several unrelated types for a file that is not xlsx
        raise ValueError("文件无法读取，请上传按模板填写的 .xlsx 文件") from exc
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    headings = [str(cell or "").strip() for cell in next(rows, [])]
    missing = [heading for key, heading in COLUMNS if heading not in headings and key in ("occupation", "pay_unit")]
    if missing:
        raise ValueError(f"表头缺少“{'”“'.join(missing)}”列，请使用导入模板")
    keys = [KEY_BY_HEADING.get(heading) for heading in headings]
    found = []
    for number, row in enumerate(rows, start=2):
        if not any(cell not in (None, "") for cell in row):
            continue
        found.append((number, {key: cell for key, cell in zip(keys, row, strict=False) if key}))
    workbook.close()
    return found


def import_guide(uploaded_file, *, city, year, survey_period, issuing_body, user=None):
    """Check the file and, only if every row passes, replace the city's guide for ``year`` with its rows."""
    try:
        rows = read_rows(uploaded_file)
    except ValueError as error:
        return ImportResult(errors=[(None, str(error))])
    values, errors = check_rows(rows)
    if errors:
        return ImportResult(errors=errors)
    with transaction.atomic():
        guide = guide_for(city, year, survey_period, issuing_body)
        guide.rates.all().delete()
        WageRate.objects.bulk_create(
            WageRate(guide=guide, sort_order=position, **row) for position, row in enumerate(values)
        )
        guide.save_revision(user=user, log_action=True).publish(user=user)
    return ImportResult(guide=guide, count=len(values))


def guide_for(city, year, survey_period, issuing_body):
    """The city's guide page for ``year`` (created under the wage guide index when missing), with its facts updated."""
    guide = WageGuidePage.objects.filter(city=city, year=year).first()
    if guide is None:
        index = WageGuideIndexPage.objects.get()
        guide = WageGuidePage(
            title=f"{city.name}{year}年零工岗位工资指导价位",
            slug=f"{city.slug}-{year}",
            city=city,
            year=year,
            survey_period=survey_period,
            issuing_body=issuing_body,
        )
        index.add_child(instance=guide)
    else:
        guide = guide.specific
    guide.survey_period = survey_period
    guide.issuing_body = issuing_body
    guide.is_sample = False
    guide.save()
    return guide
