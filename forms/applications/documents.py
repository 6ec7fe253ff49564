"""The catalogue's forms as .docx files: blank as the bureau prints them, or filled in for signing.

Both come from ``catalogue.FormSpec``, so a field added there appears on the page, in the
blank form and in the filled form alike.  A filled form carries identity and bank numbers
in full on purpose: it is the paper original the applicant signs and stamps, and the
county keeps it; masking applies on screen, not here.
"""

import io
from decimal import Decimal

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from .catalogue import MARKET_TYPES

BODY_FONT = "宋体"
TITLE_FONT = "方正小标宋简体"
COLUMNS = 6
TABLE_WIDTH = Cm(16)
CHECKED, UNCHECKED = "☑", "□"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# Which grid columns each cell spans, by the number of fields in a row: (label, value) pairs.
LAYOUTS = {
    1: [((0, 0), (1, 5))],
    2: [((0, 0), (1, 2)), ((3, 3), (4, 5))],
    3: [((0, 0), (1, 1)), ((2, 2), (3, 3)), ((4, 4), (5, 5))],
}


def blank_document(spec):
    document = new_document()
    _write_form(document, spec, values=None, date_text="")
    return document


def filled_document(spec, values, date_text=""):
    """``spec.copies`` identical copies (two: "此表一式两份"), each starting on a new page."""
    document = new_document()
    for copy in range(spec.copies):
        if copy:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _write_form(document, spec, values=values, date_text=date_text)
    return document


def as_bytes(document):
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def printed_value(item, values):
    """The text printed in a field's value cell; empty when ``values`` is None (a blank form)."""
    if item.key == "uses_platform":
        # The seed leaves this cell empty for the applicant to write 是 or 否.
        return "" if values is None else dict(item.choices).get(values.get(item.key), "")
    if item.kind == "choice":
        chosen = None if values is None else values.get(item.key)
        return "　".join(f"{CHECKED if key == chosen else UNCHECKED}{label}" for key, label in item.choices)
    if values is None:
        return ""
    if item.parts:
        return "\n".join(f"{part.label}：{_text(values.get(part.key))}" for part in item.parts)
    text = _text(values.get(item.key))
    if text and item.unit and item.unit not in item.label:
        text = f"{text} {item.unit}"
    return text


def screen_rows(spec, values):
    """(label, text) for each of the applicant's cells, as a page shows them: the chosen option, not boxes."""
    rows = []
    for item in spec.fields:
        if not item.filled_by_applicant:
            continue
        if item.kind == "choice":
            text = dict(item.choices).get(values.get(item.key), "")
        else:
            text = printed_value(item, values)
        rows.append((item.label, text or "—"))
    return rows


def _text(value):
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, str) and value in MARKET_TYPES:
        return MARKET_TYPES[value]
    return str(value)


def new_document(landscape=False, body_size=12, top_bottom_margin_cm=2.2):
    """An A4 document in the annexes' body font (portrait for the application forms, landscape for tables)."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Cm(29.7), Cm(21)) if landscape else (Cm(21), Cm(29.7))
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(top_bottom_margin_cm)
    normal = document.styles["Normal"]
    normal.font.size = Pt(body_size)
    set_font(normal.element, BODY_FONT)
    return document


def set_font(element, name):
    fonts = element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(attribute), name)


def _write_form(document, spec, values, date_text):
    paragraph(document, spec.annex, size=12, bold=True)
    title = paragraph(document, spec.title, size=18, bold=True, font=TITLE_FONT)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _header_line(document, spec, values, date_text)
    _form_table(document, spec, values)
    paragraph(document, spec.footnote, size=10.5)
    if spec.interpretation:
        paragraph(document, f"说明：{spec.interpretation_note}", size=9)


def paragraph(container, text, size=12, bold=False, font=None):
    added = container.add_paragraph()
    run = added.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    if font:
        run.font.name = font
        set_font(run._element, font)
    return added


def _header_line(document, spec, values, date_text):
    left, right = spec.header
    organisation = "" if values is None else _text(values.get("organisation_name"))
    line_paragraph = document.add_paragraph()
    line_paragraph.paragraph_format.tab_stops.add_tab_stop(TABLE_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    right_text = right if not date_text else f"{right.split('：')[0]}：{date_text}"
    line_paragraph.add_run(f"{left}{organisation}\t{right_text}")


def _form_table(document, spec, values):
    table = document.add_table(rows=len(spec.rows), cols=COLUMNS)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row, keys in zip(table.rows, spec.rows, strict=True):
        items = [spec.field(key) for key in keys]
        tall = any(item.kind in ("declaration", "approval") for item in items)
        row.height = Cm(4 if tall else 1.2)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        if len(items) == 1 and not items[0].label:
            _signature_cell(row.cells[0].merge(row.cells[COLUMNS - 1]), items[0])
            continue
        for item, (label_span, value_span) in zip(items, LAYOUTS[len(items)], strict=True):
            label_cell = _span(row, label_span)
            label_cell.text = item.label
            label_cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            value_cell = _span(row, value_span)
            if item.kind in ("declaration", "approval"):
                _signature_cell(value_cell, item)
            else:
                value_cell.text = printed_value(item, values)


def _span(row, columns):
    first, last = columns
    cell = row.cells[first]
    return cell.merge(row.cells[last]) if last > first else cell


def _signature_cell(cell, item):
    """The printed undertaking or approval text, then the signature, stamp and date lines on the right."""
    cell.text = item.text
    for line in item.sign_lines:
        line_paragraph = cell.add_paragraph(line)
        line_paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
