"""The placement roster as files: the xlsx template an operator fills in, the upload read back, and the filled
roster as xlsx (to download) and as .docx (the annex to sign), all in the annex's layout (see ``roster``).

The files are the annex, a Chinese form: they are written in Chinese whatever the page's language, and an
upload's header is matched against the Chinese column names. Numbers are written in full; masking is the
caller's decision.
"""

import io
import re
import unicodedata

from django.utils import translation
from django.utils.translation import gettext as _
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from forms.applications.documents import DOCX_CONTENT_TYPE, TITLE_FONT, as_bytes, new_document, paragraph

from .roster import COLUMNS, FOOTER, HEADER_LINE, LINE, Heading, RowError, cell_text, period_text

__all__ = ["DOCX_CONTENT_TYPE", "XLSX_CONTENT_TYPE", "read_xlsx", "roster_docx", "roster_xlsx", "template_xlsx"]

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ANNEX_LANGUAGE = "zh-hans"
MAX_ROWS = 5000
# Rows read in all, blank ones included, before a file is refused as not a roster (a sheet of a million rows).
MAX_SCANNED_ROWS = 50000
HEADER_SEARCH_ROWS = 20
TEMPLATE_ROWS = 200
HEADER_ROW = 5  # of the files written here: annex, title, header line, note, then the columns
TEXT_KEYS = ("id_number", "phone", "placed_on")
WIDTHS = {"row_number": 6, "name": 10, "id_number": 22, "residence": 30, "phone": 16, "employer": 30, "placed_on": 13}
DOCX_WIDTHS_CM = {
    "row_number": 1.2,
    "name": 2.2,
    "id_number": 4.4,
    "residence": 5,
    "phone": 3.2,
    "employer": 5.5,
    "placed_on": 2.6,
}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


class RosterFileError(ValueError):
    pass


# ----- writing --------------------------------------------------------------------------------------------------


def template_xlsx(market_name, address, city_slug, period_start=None, period_end=None):
    """The empty roster for ``city_slug``'s annex, with the market's header line and a note on the formats."""
    heading = Heading(market_name, address, city_slug, period_start, period_end)
    with translation.override(ANNEX_LANGUAGE):
        workbook, sheet = _annex_sheet(heading)
        for line in range(HEADER_ROW + 1, HEADER_ROW + 1 + TEMPLATE_ROWS):
            _format_text_cells(sheet, line)
        return _xlsx_bytes(workbook)


def roster_xlsx(rows, heading):
    """The filled roster (``RosterRow`` list) in the annex's layout, with the footer to sign."""
    with translation.override(ANNEX_LANGUAGE):
        workbook, sheet = _annex_sheet(heading)
        for row in rows:
            sheet.append(row_cells(row))
            _format_text_cells(sheet, sheet.max_row)
        sheet.append([])
        sheet.append(_footer_cells())
        return _xlsx_bytes(workbook)


def row_cells(row):
    """The row as the files print it: the numbers and the date as text, so no program turns them into numbers."""
    return [
        row.row_number,
        row.name,
        row.id_number or "",  # None once erased (retention.py)
        row.residence,
        row.phone or "",
        row.employer,
        row.placed_on.isoformat(),
    ]


def note_text(heading):
    period = (
        _("推荐时间须在考核期（%(period)s）内") % {"period": period_text(heading.period_start, heading.period_end)}
        if heading.period_start and heading.period_end
        else _("推荐时间须在考核期内")
    )
    note = _(
        "填写说明：%(period)s，格式如2026-03-05；身份证号码填18位（末位可为X）；联系电话填11位手机号码或带区号的"
        "固定电话（如0595-22345678）；身份证号码、联系电话、推荐时间三列已设为文本格式，请勿改为数字或日期格式；"
        "每人填一行，不要修改表头。"
    ) % {"period": period}
    interpretation = heading.annex.interpretation_note
    return f"{note}\n{interpretation}" if interpretation else note


def _annex_sheet(heading):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("花名册")
    last = get_column_letter(len(COLUMNS))
    sheet.append([str(heading.annex.label)])
    sheet["A1"].font = Font(bold=True)
    sheet.append([str(heading.annex.title)])
    sheet.merge_cells(f"A2:{last}2")
    sheet["A2"].font = Font(bold=True, size=16)
    sheet["A2"].alignment = Alignment(horizontal="center")
    sheet.append([f"{HEADER_LINE[0]}{heading.market_name}", None, None, f"{HEADER_LINE[1]}{heading.address}"])
    sheet.merge_cells("A3:C3")
    sheet.merge_cells(f"D3:{last}3")
    sheet.append([note_text(heading)])
    sheet.merge_cells(f"A4:{last}4")
    sheet["A4"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[4].height = 60
    sheet.append([str(label) for _key, label in COLUMNS])
    for index, (key, _label) in enumerate(COLUMNS, start=1):
        sheet.cell(HEADER_ROW, index).font = Font(bold=True)
        sheet.cell(HEADER_ROW, index).alignment = Alignment(horizontal="center", wrap_text=True)
        dimension = sheet.column_dimensions[get_column_letter(index)]
        dimension.width = WIDTHS[key]
        if key in TEXT_KEYS:
            dimension.number_format = "@"
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    return workbook, sheet


def _format_text_cells(sheet, line):
    for index, (key, _label) in enumerate(COLUMNS, start=1):
        if key in TEXT_KEYS:
            sheet.cell(line, index).number_format = "@"


def _footer_cells():
    return [str(FOOTER[0]), None, None, str(FOOTER[1]), None, f"{FOOTER[2]}{_('    年   月   日')}"]


def _xlsx_bytes(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def roster_docx(rows, heading):
    """The filled annex for signing: title, header line, the rows in the annex's table, the signature footer."""
    with translation.override(ANNEX_LANGUAGE):
        document = new_document(landscape=True, body_size=11, top_bottom_margin_cm=2)
        paragraph(document, str(heading.annex.label), bold=True)
        title = paragraph(document, str(heading.annex.title), size=18, bold=True, font=TITLE_FONT)
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if heading.annex.interpretation_note:
            paragraph(document, str(heading.annex.interpretation_note), size=9)
        _tabbed_line(document, [f"{HEADER_LINE[0]}{heading.market_name}", f"{HEADER_LINE[1]}{heading.address}"])
        _roster_table(document, rows)
        _tabbed_line(document, [str(FOOTER[0]), str(FOOTER[1]), f"{FOOTER[2]}{_('    年   月   日')}"])
        return as_bytes(document)


def _tabbed_line(document, parts):
    """``parts`` spread over the line as the annex prints them: the first at the left, the rest at tab stops."""
    line_paragraph = document.add_paragraph()
    width = sum(DOCX_WIDTHS_CM.values())
    for index in range(1, len(parts)):
        line_paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(width * index / len(parts)), WD_TAB_ALIGNMENT.LEFT)
    line_paragraph.add_run("\t".join(parts))
    return line_paragraph


def _roster_table(document, rows):
    table = document.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _repeat_as_header(table.rows[0])
    for cell, (_key, label) in zip(table.rows[0].cells, COLUMNS, strict=True):
        cell.text = str(label)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        cell.paragraphs[0].runs[0].bold = True
    for row in rows:
        for cell, value in zip(table.add_row().cells, row_cells(row), strict=True):
            cell.text = str(value)
    for column, (key, _label) in zip(table.columns, COLUMNS, strict=True):
        for cell in column.cells:
            cell.width = Cm(DOCX_WIDTHS_CM[key])
    return table


def _repeat_as_header(row):
    """A long roster runs over pages: the column names repeat at the top of each."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


# ----- reading --------------------------------------------------------------------------------------------------


def read_xlsx(file):
    """(raw rows for ``roster.check_rows``, errors): all the rows of a filled template, or none and why not.

    ``file`` is an uploaded file (or bytes). Each raw row is a dict by column key with the sheet's row number
    under ``LINE``; blank rows are skipped, and reading stops at the footer (填报人…), so a downloaded roster can
    be uploaded again.
    """
    try:
        return _read(file), []
    except RosterFileError as error:
        return [], [RowError(None, None, str(error))]


def _read(file):
    data = file if isinstance(file, bytes) else file.read()
    _check_container(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises several unrelated types for a file that is not a workbook
        raise RosterFileError(
            _("文件无法读取：不是有效的.xlsx文件，或文件已损坏。请用下载的模板填写后另存为.xlsx再上传。")
        ) from None
    try:
        rows = _sheet_rows(workbook.worksheets[0])
    finally:
        workbook.close()
    if not rows:
        raise RosterFileError(_("文件中没有填写人员：表头下方没有数据行。"))
    return rows


def _check_container(data):
    if data.startswith(OLE_MAGIC):
        # An encrypted .xlsx is stored in an OLE container with this stream; an old .xls has none.
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise RosterFileError(_("文件设置了打开密码，无法读取。请在Excel中取消密码后重新上传。"))
        raise RosterFileError(_("这是旧版Excel（.xls）文件，请在Excel中“另存为”.xlsx格式后重新上传。"))
    if not data.startswith(ZIP_MAGIC):
        raise RosterFileError(_("文件不是.xlsx格式，请用下载的模板填写后上传.xlsx文件。"))


def _sheet_rows(sheet):
    with translation.override(ANNEX_LANGUAGE):
        labels = {heading_text(str(label)): key for key, label in COLUMNS}
        footer_start = str(FOOTER[0])[:3]
    lines = enumerate(sheet.iter_rows(values_only=True), start=1)
    positions = _header_positions(lines, labels)
    found = []
    for line, cells in lines:
        if line > MAX_SCANNED_ROWS:
            raise RosterFileError(
                _("文件行数过多（超过%(limit)s行），请只保留花名册内容。") % {"limit": MAX_SCANNED_ROWS}
            )
        raw = {key: (cells[index] if index < len(cells) else None) for key, index in positions.items()}
        texts = [cell_text(value) for value in raw.values()]
        if not any(texts):
            continue
        if next(text for text in texts if text).startswith(footer_start):
            break
        found.append({**raw, LINE: line})
        if len(found) > MAX_ROWS:
            raise RosterFileError(_("花名册最多%(limit)s行，本文件超过%(limit)s行。") % {"limit": MAX_ROWS})
    return found


def heading_text(value):
    """A header cell compared without spaces or line breaks ("实现就业\\n企业名称"), full-width forms folded."""
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", cell_text(value)))


def _header_positions(lines, labels):
    """{column key: index} from the first row among the first few that names at least three of the columns."""
    for line, cells in lines:
        texts = [heading_text(value) for value in cells]
        if len(set(texts) & set(labels)) >= 3:
            return _positions(texts, labels)
        if line >= HEADER_SEARCH_ROWS:
            break
    raise RosterFileError(
        _("找不到表头：前%(rows)s行中没有“序号”“姓名”“身份证号码”等列名，请用下载的模板填写。")
        % {"rows": HEADER_SEARCH_ROWS}
    )


def _positions(texts, labels):
    positions = {}
    for index, text in enumerate(texts):
        if text in labels and labels[text] not in positions:
            positions[labels[text]] = index
    missing = [label for label, key in labels.items() if key not in positions]
    if missing:
        unknown = [text for text in texts if text and text not in labels]
        message = _("表头缺少“%(missing)s”列") % {"missing": "”“".join(missing)}
        if unknown:
            message += _("（表头中有未识别的列“%(unknown)s”）") % {"unknown": "”“".join(unknown)}
        raise RosterFileError(message + _("，请用下载的模板填写，不要修改列名。"))
    return positions


def file_name(heading, extension):
    """E.g. 泉州市零工市场（驿站）推荐成功就业花名册（某某驿站）.xlsx."""
    return f"{heading.annex.title}（{heading.market_name}）.{extension}"
