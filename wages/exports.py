"""The guide as CSV and xlsx, and the empty xlsx template the bureau fills in for an import."""

import csv
import io
from urllib.parse import quote

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from .bands import COLUMNS, UNIT_NAMES

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADINGS = [heading for _key, heading in COLUMNS]


def rate_cells(rate):
    cells = []
    for key, _heading in COLUMNS:
        value = getattr(rate, key)
        if key == "is_shortage":
            value = "是" if value else ""
        cells.append("" if value is None else value)
    return cells


def file_stem(guide):
    return f"{guide.city.name}{guide.year}年零工岗位工资指导价位"


def attachment(response, filename):
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def csv_response(guide):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADINGS)
    for rate in guide.rates.all():
        writer.writerow([str(cell) for cell in rate_cells(rate)])
    # A byte-order mark so that Excel opens the Chinese text as UTF-8.
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    return attachment(response, f"{file_stem(guide)}.csv")


def workbook_response(workbook, filename):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return attachment(HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE), filename)


def header_row(sheet):
    sheet.append(HEADINGS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for column, heading in zip("ABCDEFGHIJKL", HEADINGS, strict=False):
        sheet.column_dimensions[column].width = max(12, len(heading) * 2 + 2)


def xlsx_response(guide):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "工资指导价位"
    header_row(sheet)
    for rate in guide.rates.all():
        sheet.append([float(cell) if hasattr(cell, "as_tuple") else cell for cell in rate_cells(rate)])
    info = workbook.create_sheet("说明")
    info.append(["设区市", guide.city.name])
    info.append(["年度", guide.year])
    info.append(["调查期", guide.survey_period])
    info.append(["发布单位", guide.issuing_body])
    info.append(["单位", "元"])
    if guide.is_sample:
        info.append(["注意", "示例数据，仅供演示，不是人社部门发布的工资指导价位"])
    return workbook_response(workbook, f"{file_stem(guide)}.xlsx")


def template_workbook():
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "工资指导价位"
    header_row(sheet)
    sheet.append(["泥水工", "", "建筑装修", "天", 260, 300, 330, 360, 420, "是", "示例行，导入前请删除"])
    units = DataValidation(type="list", formula1=f'"{",".join(UNIT_NAMES)}"', allow_blank=False)
    units.error = f"计价单位只能是{'、'.join(UNIT_NAMES)}"
    sheet.add_data_validation(units)
    units.add("D2:D1000")
    notes = workbook.create_sheet("填写说明")
    for line in [
        "每行一个职业（工种），职业名称不得重复。",
        f"计价单位只能填：{'、'.join(UNIT_NAMES)}。",
        "价位单位为元，须大于0；低位数、中位数、高位数必填，下四分位数、上四分位数可空。",
        "价位须从低到高：低位数 ≤ 下四分位数 ≤ 中位数 ≤ 上四分位数 ≤ 高位数。",
        "紧缺职业填“是”，否则留空。国家职业分类代码按《中华人民共和国职业分类大典》填写，不确定可留空。",
        "有一行不合格时整表不导入，请按提示修改后重新上传。",
    ]:
        notes.append([line])
    notes.column_dimensions["A"].width = 90
    return workbook


def template_response():
    return workbook_response(template_workbook(), "零工岗位工资指导价位导入模板.xlsx")
