"""Checks on wage guide rows: pure functions that return Chinese reasons, used by the import and the admin form."""

from decimal import Decimal, InvalidOperation
from itertools import pairwise

from .bands import BAND_LABELS, BANDS, COLUMNS, REQUIRED_BANDS, UNIT_NAMES, YES_WORDS


def band_errors(values):
    """Reasons why a row's bands are unusable: missing required bands, non-positive or descending prices."""
    problems = []
    for field in REQUIRED_BANDS:
        if values.get(field) is None:
            problems.append(f"缺少{BAND_LABELS[field]}")
    present = [(field, values[field]) for field, _label in BANDS if values.get(field) is not None]
    for field, value in present:
        if value <= 0:
            problems.append(f"{BAND_LABELS[field]}必须大于0（现为 {value}）")
    for (lower_field, lower), (upper_field, upper) in pairwise(present):
        if lower > upper:
            problems.append(
                f"{BAND_LABELS[lower_field]}（{lower}）高于{BAND_LABELS[upper_field]}（{upper}），价位须从低到高排列"
            )
    return problems


def parse_price(raw):
    """A price cell as Decimal (None when empty); raises ValueError for text that is not a number."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    text = str(raw).strip().replace(",", "").replace("，", "").removesuffix("元")
    try:
        return Decimal(text).quantize(Decimal("0.01"))
    except InvalidOperation as exc:
        raise ValueError(text) from exc


def clean_row(cells):
    """One spreadsheet row (dict by column key) -> (values, problems)."""
    problems = []
    values = {"occupation": str(cells.get("occupation") or "").strip()}
    if not values["occupation"]:
        problems.append("缺少职业（工种）名称")
    values["occupation_code"] = str(cells.get("occupation_code") or "").strip()
    values["common_names"] = str(cells.get("common_names") or "").strip()[:100]
    values["category"] = str(cells.get("category") or "").strip()
    values["remark"] = str(cells.get("remark") or "").strip()
    unit = str(cells.get("pay_unit") or "").strip().removeprefix("元/").removeprefix("元／")
    if unit not in UNIT_NAMES:
        shown = unit or "空"
        problems.append(f"计价单位“{shown}”无法识别，只能是{'、'.join(UNIT_NAMES)}")
    values["pay_unit"] = unit
    for field, label in BANDS:
        try:
            values[field] = parse_price(cells.get(field))
        except ValueError as error:
            values[field] = None
            problems.append(f"{label}“{error}”不是数字")
            continue
    if not any(p.endswith("不是数字") for p in problems):
        problems.extend(band_errors(values))
    values["is_shortage"] = str(cells.get("is_shortage") or "").strip().upper() in YES_WORDS
    return values, problems


def check_rows(rows):
    """Validate every row of a guide.

    ``rows`` is a list of (row_number, cells). Returns (clean_values, errors) where errors is a
    list of (row_number, reason); the caller saves the rows only when errors is empty.
    """
    cleaned, errors, first_seen = [], [], {}
    for number, cells in rows:
        values, problems = clean_row(cells)
        name = values["occupation"]
        if name and name in first_seen:
            problems.append(f"职业（工种）“{name}”与第{first_seen[name]}行重复")
        elif name:
            first_seen[name] = number
        errors.extend((number, reason) for reason in problems)
        cleaned.append(values)
    if not rows:
        errors.append((None, "表格中没有价位数据"))
    return cleaned, errors


__all__ = ["COLUMNS", "band_errors", "check_rows", "clean_row", "parse_price"]
