"""Input: from a JSON body (or a form's data shaped like it) to Facts, with messages in Chinese per field."""

import datetime
import re
from decimal import Decimal, InvalidOperation

from .types import FACILITY_TYPES, HONOR_LEVELS, MAX_TOTAL_SCORE, Facts, Honor


class FactsError(ValueError):
    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


NUMBER_FIELDS = {
    # field: (label, whole numbers only, upper limit)
    "area_m2": ("服务场所面积", False, Decimal(100000)),
    "staff_count": ("工作人员数", True, Decimal(10000)),
    "jobs_posted": ("年发布岗位数", True, Decimal(10000000)),
    "recommendations_per_seeker": ("每名求职人员推荐次数", False, Decimal(1000)),
    "monthly_placements": ("月均推荐成功就业人数", False, Decimal(100000)),
    "total_score": ("考核总分", False, MAX_TOTAL_SCORE),
    "months_in_operation": ("运营月数", True, Decimal(1200)),
}
KNOWN_FIELDS = {"city", "facility_type", "as_of", "honors", "item_scores", "recommendation_counts", *NUMBER_FIELDS}
MAX_LIST_LENGTH = 100000
MAX_NUMBER_LENGTH = 30
CITY_ERROR = "请选择城市：quanzhou（泉州）或 ningde（宁德）"
FACILITY_ERROR = "请选择设施类型：market（零工市场）或 station（零工驿站）"
COUNTS_ERROR = "各求职人员推荐次数须为整数列表，如 [3, 4, 2]"
HONORS_ERROR = (
    "荣誉须为列表，每项为 national、provincial、city 或 county 之一，"
    '或如 {"level": "provincial", "date": "2026-05-01"} 写明获得日期'
)


def number_text(value):
    if value is None:
        return "—"
    value = Decimal(value)
    return str(int(value)) if value == value.to_integral_value() else f"{value.normalize()}"


def is_choice(value, choices):
    """Whether ``value`` is one of the ``choices`` (keys of a dict) — a string, not a list or object."""
    return isinstance(value, str) and value in choices


def parse_number(value, label, whole, upper):
    """A Decimal from a JSON number or numeric string; raises ValueError with a Chinese message."""
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise ValueError(f"{label}须为数字")
    text = value.strip() if isinstance(value, str) else value
    if isinstance(text, str) and len(text) > MAX_NUMBER_LENGTH:
        raise ValueError(f"{label}须为不超过{MAX_NUMBER_LENGTH}位的数字")
    try:
        number = Decimal(text if isinstance(text, str) else str(text))
    except (InvalidOperation, ValueError):
        raise ValueError(f"{label}须为数字") from None
    if not number.is_finite():
        raise ValueError(f"{label}须为数字")
    if number < 0:
        raise ValueError(f"{label}不能为负数")
    if number > upper:
        raise ValueError(f"{label}不能超过{number_text(upper)}")
    if whole and number != number.to_integral_value():
        raise ValueError(f"{label}须为整数")
    return int(number) if whole else number


def parse_date(value):
    """A date from "YYYY-MM-DD" (or a date); raises ValueError otherwise."""
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise ValueError(value)
    return datetime.date.fromisoformat(value.strip())


# The calculator's range (as on its page): no policy here applies before 2000; a later year is a typo.
EARLIEST_AS_OF = datetime.date(2000, 1, 1)
LATEST_AS_OF = datetime.date(2100, 12, 31)


def parse_as_of(raw):
    """The day a request is about (None when not given); raises FactsError naming ``as_of``."""
    if raw in (None, ""):
        return None
    try:
        day = parse_date(raw)
    except ValueError:
        raise FactsError({"as_of": ["日期须为有效日期，格式为 YYYY-MM-DD，如 2026-12-01"]}) from None
    if not EARLIEST_AS_OF <= day <= LATEST_AS_OF:
        raise FactsError({"as_of": ["测算日期须在2000年1月1日至2100年12月31日之间"]})
    return day


def parse_honors(raw):
    """[Honor] from a list of level names or {"level", "date"} objects; raises ValueError."""
    if not isinstance(raw, list) or len(raw) > 100:
        raise ValueError(HONORS_ERROR)
    honors = []
    for entry in raw:
        if isinstance(entry, Honor):
            honors.append(entry)
        elif is_choice(entry, HONOR_LEVELS):
            honors.append(Honor(entry))
        elif (
            isinstance(entry, dict) and is_choice(entry.get("level"), HONOR_LEVELS) and set(entry) <= {"level", "date"}
        ):
            awarded_on = parse_date(entry["date"]) if entry.get("date") not in (None, "") else None
            honors.append(Honor(entry["level"], awarded_on))
        else:
            raise ValueError(HONORS_ERROR)
    return honors


def parse_counts(raw):
    """Each seeker's number of recommendations (item 7); raises ValueError."""
    if not isinstance(raw, list) or len(raw) > MAX_LIST_LENGTH:
        raise ValueError(COUNTS_ERROR)
    if any(isinstance(count, bool) or not isinstance(count, int) or count < 0 for count in raw):
        raise ValueError(COUNTS_ERROR)
    return list(raw)


def parse_facts(data, criteria_max_points):
    """Facts from a dict shaped like the API body; raises FactsError({field: [message]}).

    ``criteria_max_points`` maps the city's item numbers to their maximum points, to check item_scores.
    """
    if not isinstance(data, dict):
        raise FactsError({"body": ["请求内容须为JSON对象"]})
    errors = {name: ["不支持的字段"] for name in sorted(set(data) - KNOWN_FIELDS)}
    if not is_choice(data.get("facility_type"), FACILITY_TYPES):
        errors["facility_type"] = [FACILITY_ERROR]
    values = {}
    for name, (label, whole, upper) in NUMBER_FIELDS.items():
        if data.get(name) in (None, ""):
            continue
        try:
            values[name] = parse_number(data[name], label, whole, upper)
        except ValueError as error:
            errors[name] = [str(error)]
    for name, parse, message in (
        ("honors", parse_honors, HONORS_ERROR),
        ("recommendation_counts", parse_counts, COUNTS_ERROR),
    ):
        if data.get(name) is not None:
            try:
                values[name] = parse(data[name])
            except ValueError:
                errors[name] = [message]
    item_scores = parse_item_scores(data.get("item_scores"), criteria_max_points, errors)
    try:
        as_of = parse_as_of(data.get("as_of"))
    except FactsError as error:
        errors.update(error.errors)
        as_of = None
    if errors:
        raise FactsError(errors)
    return Facts(city=data["city"], facility_type=data["facility_type"], item_scores=item_scores, as_of=as_of, **values)


def parse_item_scores(raw, criteria_max_points, errors):
    if raw in (None, ""):
        return {}
    if not isinstance(raw, dict):
        errors["item_scores"] = ['各项评分须为对象，如 {"1": 9}']
        return {}
    scores, messages = {}, []
    for key, value in raw.items():
        number = int(key) if isinstance(key, str) and key.isdigit() else None
        if number not in criteria_max_points:
            messages.append(f"考核表没有第{key}项")
            continue
        maximum = criteria_max_points[number]
        try:
            scores[number] = parse_number(value, f"第{number}项评分", False, maximum)
        except ValueError as error:
            messages.append(str(error))
    if messages:
        errors["item_scores"] = messages
    return scores
