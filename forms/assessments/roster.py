"""The placement roster (推荐成功就业花名册) as plain data, and its checks: no database, no files.

Quanzhou's 附件4 gives the roster's layout: the header line "零工市场（驿站）：　开办地点：", the seven columns
below, and the footer "填报人（签名）：　负责人（签名）：　填报日期：　年　月　日". Ningde's plan names a
"宁德市零工市场(驿站)岗位推荐成功花名册" (附件3) but publishes no layout; its roster uses Quanzhou's columns,
an interpretation that every file built for Ningde says in its title note (``ANNEXES``).

Rows come in as dicts of cell values (from the online form, or from a spreadsheet with the sheet's row number
under ``LINE``); ``check_rows`` takes all of them or none, and names every bad cell by its row and column.
"""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, localcontext

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forms.cases.validators import ascii_digits, validate_phone, validate_resident_id
from portal.inputs import is_visible
from portal.vocabulary import chinese_date

COLUMNS = (
    ("row_number", gettext_lazy("序号")),
    ("name", gettext_lazy("姓名")),
    ("id_number", gettext_lazy("身份证号码")),
    ("residence", gettext_lazy("现居住地")),
    ("phone", gettext_lazy("联系电话")),
    ("employer", gettext_lazy("实现就业企业名称")),
    ("placed_on", gettext_lazy("推荐时间")),
)
LABELS = dict(COLUMNS)
# The model's lengths (PlacementRow), so a row that passes here can be saved.
MAX_LENGTHS = {"name": 50, "residence": 200, "employer": 200}
LINE = "line"


@dataclass(frozen=True)
class Annex:
    label: str
    title: str
    interpretation_note: str = ""


ANNEXES = {
    "quanzhou": Annex(gettext_lazy("附件4"), gettext_lazy("泉州市零工市场（驿站）推荐成功就业花名册")),
    "ningde": Annex(
        gettext_lazy("附件3"),
        gettext_lazy("宁德市零工市场(驿站)岗位推荐成功花名册"),
        gettext_lazy(
            "说明：宁德市实施方案列出本表名称，但未公布表式；本表按泉州市附件4的栏目制作，为解读取值，"
            "以人社部门公布的表式为准。"
        ),
    ),
}
HEADER_LINE = (gettext_lazy("零工市场（驿站）："), gettext_lazy("开办地点："))
FOOTER = (gettext_lazy("填报人（签名）："), gettext_lazy("负责人（签名）："), gettext_lazy("填报日期："))


@dataclass(frozen=True)
class RosterRow:
    row_number: int
    name: str
    id_number: str
    residence: str
    phone: str
    employer: str
    placed_on: datetime.date


@dataclass(frozen=True)
class RowError:
    """A bad cell: ``row`` is the form's or the sheet's row; both None for a problem with the whole file."""

    row: int | None
    column_label: str | None
    message: str

    def __str__(self):
        if self.row is None:
            return str(self.message)
        return _("第%(row)s行“%(column)s”%(message)s") % {
            "row": self.row,
            "column": self.column_label,
            "message": self.message,
        }


@dataclass(frozen=True)
class Heading:
    """What the roster's header line and note say: the market, its address, the city's annex, the period."""

    market_name: str
    address: str
    city_slug: str
    period_start: datetime.date | None = None
    period_end: datetime.date | None = None

    @property
    def annex(self):
        return ANNEXES[self.city_slug]


class CellError(ValueError):
    pass


# ----- cells ----------------------------------------------------------------------------------------------------


def cell_text(value):
    """A cell as stripped text ("" for a cell that shows nothing); a whole float (3.0) loses its ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text if any(is_visible(char) for char in text) else ""


def validator_message(error, label):
    """The validator's sentence without its subject, which the column already names.

    "身份证号码应为18位" becomes "应为18位", to follow 第3行“身份证号码”.
    """
    message = str(error.messages[0])
    label = str(label)
    return message.removeprefix(label) if message.startswith(label) else f"：{message}"


def parse_row_number(value):
    text = ascii_digits(cell_text(value))
    if not re.fullmatch(r"[0-9]{1,9}", text, re.ASCII) or int(text) < 1:
        raise CellError(_("应为正整数（如1、2、3），现为“%(value)s”") % {"value": cell_text(value)})
    return int(text)


def parse_text(key):
    def parse(value):
        text = cell_text(value)
        limit = MAX_LENGTHS[key]
        if len(text) > limit:
            raise CellError(_("不能超过%(limit)s个字（现为%(length)s个字）") % {"limit": limit, "length": len(text)})
        return text

    return parse


def parse_id_number(value):
    # Excel keeps 15 significant digits of a number: an 18-digit number typed into a "general" cell has already
    # lost its last digits, so no check character can be trusted.
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise CellError(_("被存成了数字，后几位可能已丢失：请把该列设为“文本”格式后重新填写18位号码"))
    try:
        return validate_resident_id(cell_text(value))
    except ValidationError as error:
        raise CellError(validator_message(error, LABELS["id_number"])) from None


def parse_phone(value):
    try:
        return validate_phone(cell_text(value))
    except ValidationError as error:
        raise CellError(validator_message(error, LABELS["phone"])) from None


DATE_TEXT = re.compile(r"([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?", re.ASCII)


def parse_day(value):
    """A date from a date cell, or from 2026-03-05, 2026/3/5, 2026年3月5日 or 2026.3.5 (full-width digits too)."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    match = DATE_TEXT.fullmatch(ascii_digits(cell_text(value)))
    try:
        return datetime.date(*(int(part) for part in match.groups()))
    except (AttributeError, ValueError):
        raise CellError(
            _("“%(value)s”不是有效日期，请按2026-03-05或2026年3月5日的格式填写") % {"value": cell_text(value)}
        ) from None


def period_text(start, end):
    return _("%(start)s至%(end)s") % {"start": chinese_date(start), "end": chinese_date(end)}


def parse_placed_on(start, end):
    def parse(value):
        day = parse_day(value)
        if not start <= day <= end:
            raise CellError(
                _("%(day)s不在考核期（%(period)s）内") % {"day": chinese_date(day), "period": period_text(start, end)}
            )
        return day

    return parse


def parsers(period_start, period_end):
    return {
        "row_number": parse_row_number,
        "name": parse_text("name"),
        "id_number": parse_id_number,
        "residence": parse_text("residence"),
        "phone": parse_phone,
        "employer": parse_text("employer"),
        "placed_on": parse_placed_on(period_start, period_end),
    }


# ----- rows -----------------------------------------------------------------------------------------------------


def check_row(raw, line, parse):
    """(values by key, errors) of one row: every column checked, each bad cell an error."""
    values, errors = {}, []
    for key, label in COLUMNS:
        raw_value = raw.get(key)
        if not cell_text(raw_value):
            errors.append(RowError(line, str(label), _("未填写")))
            continue
        try:
            values[key] = parse[key](raw_value)
        except CellError as error:
            errors.append(RowError(line, str(label), str(error)))
    return values, errors


def duplicate_errors(lines_and_values):
    """The second and later rows with an identity number already used, each naming the first row."""
    first_line, errors = {}, []
    for line, values in lines_and_values:
        number = values.get("id_number")
        if number is None:
            continue
        if number in first_line:
            errors.append(
                RowError(
                    line,
                    str(LABELS["id_number"]),
                    _("与第%(first)s行重复：同一人在花名册中只能填报一次") % {"first": first_line[number]},
                )
            )
        else:
            first_line[number] = line
    return errors


def check_rows(raw_rows, period_start, period_end):
    """(RosterRow list, RowError list) for the rows as given; no rows at all when any cell is bad.

    A row's number in messages is its ``LINE`` (the spreadsheet's row) or else its place in ``raw_rows`` from 1.
    """
    parse = parsers(period_start, period_end)
    checked, errors = [], []
    for position, raw in enumerate(raw_rows, start=1):
        line = raw.get(LINE) or position
        values, row_errors = check_row(raw, line, parse)
        checked.append((line, values))
        errors.extend(row_errors)
    errors.extend(duplicate_errors(checked))
    if errors:
        return [], sorted(errors, key=lambda error: error.row)
    return [RosterRow(**values) for _line, values in checked], []


# ----- across rosters and for scoring ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SameMonthFlag:
    """The same person reported as placed by this market and by another in one calendar month: for the county to
    look into (two part-time jobs in a month are possible), not an error in the roster."""

    person_digest: str
    placed_on: datetime.date
    other_market: str
    other_placed_on: datetime.date

    @property
    def message(self):
        return _("同一人于%(year)s年%(month)s月也由“%(market)s”报为推荐成功就业（%(other)s），请核实。") % {
            "year": self.placed_on.year,
            "month": self.placed_on.month,
            "market": self.other_market,
            "other": chinese_date(self.other_placed_on),
        }


def same_month_elsewhere(own, others):
    """Flags for ``own`` (person_digest, placed_on) pairs that other markets' rows of the same round,
    (person_digest, placed_on, market name), also report in the same calendar month."""
    by_month = {}
    for digest, placed_on, market in others:
        by_month.setdefault((digest, placed_on.year, placed_on.month), []).append((placed_on, market))
    flags = []
    for digest, placed_on in own:
        for other_placed_on, market in by_month.get((digest, placed_on.year, placed_on.month), ()):
            flags.append(SameMonthFlag(digest, placed_on, market, other_placed_on))
    return flags


def monthly_average(rows_in_period_count, months):
    """Item 9's 月均推荐成功就业人数: the roster's rows in the period over the period's months.

    Not rounded: ``policies.rules.engine.placement_points`` compares it with the base (10 a month for a market)
    and may score the fraction above it, so rounding first would change scores: an average of 9.96 (239 in 24
    months) rounded to one place is 10.0 and would reach a market's base of 10. Round only to show it.
    """
    if months <= 0:
        raise ValueError("months must be positive")
    with localcontext() as context:
        context.prec = 28
        return Decimal(rows_in_period_count) / Decimal(months)
