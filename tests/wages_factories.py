"""Helpers for the wage guide and notice tests."""

import io

from openpyxl import Workbook

from wages.bands import COLUMNS

HEADINGS = [heading for _key, heading in COLUMNS]

GOOD_ROWS = [
    # occupation, code, category, unit, low, lower quartile, median, upper quartile, high, shortage, remark
    ["泥水工", "", "建筑装修", "天", 280, 310, 350, 390, 460, "是", ""],
    ["保洁员", "", "家政服务", "小时", 26, 28, 31, 35, 42, "", ""],
    ["养老护理员", "4-10-01-05", "养老服务", "月", 4800, "", 6200, "", 8200, "是", "住家"],
    ["外卖/快递配送", "", "物流配送", "件", 4.5, 5, 6, 7, 9, "", "按单计价"],
]


def xlsx_file(rows, headings=HEADINGS, name="guide.xlsx"):
    """An uploaded-file-like xlsx with ``headings`` and ``rows``."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = name
    return buffer
