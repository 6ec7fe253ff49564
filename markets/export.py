"""The quarterly construction summary as an xlsx workbook (openpyxl)."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from .construction import NOTE

HEADERS = [
    "县（市、区）",
    "零工市场（个）",
    "零工驿站（个）",
    "其中本季度新认定市场",
    "其中本季度新认定驿站",
    "零工市场目标完成情况",
    "零工驿站目标完成情况",
    "目标依据",
    "其中示例数据（个）",
]


def summary_workbook(summary, quarter):
    book = Workbook()
    sheet = book.active
    sheet.title = quarter.code
    sheet.append([f"零工市场（驿站）建设情况汇总表（{quarter}，截至{quarter.end:%Y年%m月%d日}）"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([NOTE])
    sheet.append(HEADERS)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for total in summary:
        for row in total.counties + [total]:
            sheet.append(_cells(row))
            if row.is_city_total:
                for cell in sheet[sheet.max_row]:
                    cell.font = Font(bold=True)
    for column, width in zip("ABCDEFGHI", (22, 14, 14, 18, 18, 20, 20, 60, 16), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=4):
        row[7].alignment = Alignment(wrap_text=True)
    output = BytesIO()
    book.save(output)
    return output.getvalue()


def _cells(row):
    source = ""
    if row.target:
        source = ("【理解】" if row.target.is_interpretation else "") + row.target.source
    return [
        row.name,
        row.markets,
        row.stations,
        row.new_markets,
        row.new_stations,
        row.progress_market,
        row.progress_station,
        source,
        row.samples,
    ]
