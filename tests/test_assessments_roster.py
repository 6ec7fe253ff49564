"""The placement roster (附件4 推荐成功就业花名册), column by column: its checks, the template, the upload, the files.

Every date is computed from the fixed period below, never from today.
"""

import datetime
from decimal import Decimal

import pytest

from forms.assessments.roster import (
    COLUMNS,
    LINE,
    RosterRow,
    check_rows,
    monthly_average,
    same_month_elsewhere,
)
from policies.rules import evaluate

from .operators_factories import with_check_character

START, END = datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)
ANNEX_LABELS = ["序号", "姓名", "身份证号码", "现居住地", "联系电话", "实现就业企业名称", "推荐时间"]
KEYS = [key for key, _label in COLUMNS]
HEADER_ROW = 5


def person_id(n):
    """A GB 11643-valid number: 丰泽区 (350503), born 1988-06-15, sequence ``n``."""
    return with_check_character(f"35050319880615{n:03d}")


def wrong_check_character(number):
    return number[:-1] + ("0" if number[-1] != "0" else "1")


def raw_row(n=1, **cells):
    row = {
        "row_number": str(n),
        "name": f"工人{n}",
        "id_number": person_id(n),
        "residence": "泉州市丰泽区东海街道",
        "phone": f"1385950{n:04d}",
        "employer": "泉州某某建筑劳务有限公司",
        "placed_on": (START + datetime.timedelta(days=30 + n)).isoformat(),
        LINE: HEADER_ROW + n,
    }
    return {**row, **cells}


def expected_row(n=1):
    row = raw_row(n)
    return RosterRow(
        n,
        row["name"],
        row["id_number"],
        row["residence"],
        row["phone"],
        row["employer"],
        datetime.date.fromisoformat(row["placed_on"]),
    )


def errors_of(*rows):
    accepted, errors = check_rows(list(rows), START, END)
    assert accepted == []
    return [str(error) for error in errors]


def accepted(*rows):
    rows_, errors = check_rows(list(rows), START, END)
    assert errors == []
    return rows_


# ----- the columns ----------------------------------------------------------------------------------------------


def test_columns_are_the_annex_columns_in_order():
    assert [str(label) for _key, label in COLUMNS] == ANNEX_LABELS
    assert KEYS == ["row_number", "name", "id_number", "residence", "phone", "employer", "placed_on"]


def test_good_rows_are_accepted_as_plain_values():
    assert accepted(raw_row(1), raw_row(2)) == [expected_row(1), expected_row(2)]


@pytest.mark.parametrize("key, label", list(zip(KEYS, ANNEX_LABELS, strict=True)))
def test_every_missing_cell_is_named_by_row_and_column(key, label):
    assert errors_of(raw_row(1), raw_row(2, **{key: "  "})) == [f"第7行“{label}”未填写"]


def test_a_cell_of_invisible_characters_counts_as_missing():
    assert errors_of(raw_row(1, name="\u200b\u3000")) == ["第6行“姓名”未填写"]


def test_without_sheet_row_numbers_the_row_is_its_place_in_the_form():
    rows = [{k: v for k, v in raw_row(n).items() if k != LINE} for n in (1, 2, 3)]
    rows[2]["phone"] = ""
    assert errors_of(*rows) == ["第3行“联系电话”未填写"]


# ----- 序号 -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["0", "-1", "1.5", "一", "abc"])
def test_row_number_must_be_a_positive_whole_number(value):
    assert errors_of(raw_row(1, row_number=value)) == [f"第6行“序号”应为正整数（如1、2、3），现为“{value}”"]


@pytest.mark.parametrize("value", ["３", 3, 3.0, " 3 "])
def test_row_number_accepts_full_width_digits_and_number_cells(value):
    assert accepted(raw_row(1, row_number=value))[0].row_number == 3


# ----- 姓名, 现居住地, 实现就业企业名称 -------------------------------------------------------------------------------


@pytest.mark.parametrize("key, label, limit", [("name", "姓名", 50), ("residence", "现居住地", 200)])
def test_text_cells_fit_the_roster_model(key, label, limit):
    assert errors_of(raw_row(1, **{key: "张" * (limit + 1)})) == [
        f"第6行“{label}”不能超过{limit}个字（现为{limit + 1}个字）"
    ]


def test_text_cells_are_kept_as_typed_without_surrounding_spaces():
    row = accepted(raw_row(1, employer="  泉州某某物流有限公司 "))[0]
    assert row.employer == "泉州某某物流有限公司"


# ----- 身份证号码 -------------------------------------------------------------------------------------------------


def test_identity_number_with_a_wrong_check_character_says_so():
    assert errors_of(raw_row(1, id_number=wrong_check_character(person_id(1)))) == [
        "第6行“身份证号码”最后一位校验码不正确（按GB 11643计算），请逐位核对。"
    ]


def test_identity_number_of_wrong_length():
    assert errors_of(raw_row(1, id_number=person_id(1)[:17])) == ["第6行“身份证号码”应为18位，请核对位数。"]


def test_identity_number_with_an_impossible_birth_date():
    number = with_check_character("35050319880230001")
    assert errors_of(raw_row(1, id_number=number)) == [
        "第6行“身份证号码”第7至14位的出生日期不存在（如2月30日），请逐位核对。"
    ]


def test_identity_number_in_full_width_digits_with_a_small_x_is_accepted():
    number = next(person_id(n) for n in range(1, 200) if person_id(n).endswith("X"))
    typed = number[:-1].translate(str.maketrans("0123456789", "０１２３４５６７８９")) + "x"
    assert accepted(raw_row(1, id_number=typed))[0].id_number == number


def test_identity_number_stored_by_excel_as_a_number_is_refused():
    assert errors_of(raw_row(1, id_number=350503198806150000)) == [
        "第6行“身份证号码”被存成了数字，后几位可能已丢失：请把该列设为“文本”格式后重新填写18位号码"
    ]


def test_the_same_identity_number_twice_names_both_rows():
    errors = errors_of(raw_row(1), raw_row(2), raw_row(3, id_number=person_id(1)))
    assert errors == ["第8行“身份证号码”与第6行重复：同一人在花名册中只能填报一次"]


# ----- 联系电话 ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["1385950001", "23859500011", "595-22345678", "电话"])
def test_phone_must_be_a_mobile_or_a_landline(value):
    assert errors_of(raw_row(1, phone=value)) == [
        "第6行“联系电话”格式不正确：请填写11位手机号码，或带区号的固定电话（如0595-22345678）。"
    ]


@pytest.mark.parametrize(
    "value, stored",
    [("１３８５９５０１２３４", "13859501234"), ("138 5950 1234", "13859501234"), ("0595-22345678", "0595-22345678")],
)
def test_phone_accepts_full_width_digits_spaces_and_landlines(value, stored):
    assert accepted(raw_row(1, phone=value))[0].phone == stored


# ----- 推荐时间 ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "2026-03-05",
        "2026/3/5",
        "2026年3月5日",
        "2026.3.5",
        "２０２６年３月５日",
        datetime.date(2026, 3, 5),
        datetime.datetime(2026, 3, 5, 0, 0),
    ],
)
def test_placement_date_formats(value):
    assert accepted(raw_row(1, placed_on=value))[0].placed_on == datetime.date(2026, 3, 5)


@pytest.mark.parametrize("value", ["2026-02-30", "3月5日", "下个月", "46086"])
def test_placement_date_that_is_not_a_date(value):
    assert errors_of(raw_row(1, placed_on=value)) == [
        f"第6行“推荐时间”“{value}”不是有效日期，请按2026-03-05或2026年3月5日的格式填写"
    ]


@pytest.mark.parametrize("day", [START - datetime.timedelta(days=1), END + datetime.timedelta(days=1)])
def test_placement_date_outside_the_period_names_the_period(day):
    assert errors_of(raw_row(1, placed_on=day.isoformat())) == [
        f"第6行“推荐时间”{day.year}年{day.month}月{day.day}日不在考核期（2026年1月1日至2026年12月31日）内"
    ]


@pytest.mark.parametrize("day", [START, END])
def test_placement_date_on_the_period_bounds_counts(day):
    assert accepted(raw_row(1, placed_on=day))[0].placed_on == day


def test_one_bad_cell_accepts_no_row_and_every_bad_cell_is_named():
    errors = errors_of(raw_row(1), raw_row(2, phone="1", placed_on="2027-01-01"), raw_row(3, name=""))
    assert errors == [
        "第7行“联系电话”格式不正确：请填写11位手机号码，或带区号的固定电话（如0595-22345678）。",
        "第7行“推荐时间”2027年1月1日不在考核期（2026年1月1日至2026年12月31日）内",
        "第8行“姓名”未填写",
    ]


# ----- across markets and for item 9 ----------------------------------------------------------------------------


def test_same_person_placed_by_two_markets_in_one_month_is_flagged():
    own = [("digest-a", datetime.date(2026, 3, 5)), ("digest-b", datetime.date(2026, 3, 6))]
    others = [
        ("digest-a", datetime.date(2026, 3, 28), "洛江区双阳零工驿站"),
        ("digest-b", datetime.date(2026, 4, 1), "洛江区双阳零工驿站"),
        ("digest-c", datetime.date(2026, 3, 5), "洛江区双阳零工驿站"),
    ]
    flags = same_month_elsewhere(own, others)
    assert [(flag.person_digest, flag.other_market) for flag in flags] == [("digest-a", "洛江区双阳零工驿站")]
    assert flags[0].message == "同一人于2026年3月也由“洛江区双阳零工驿站”报为推荐成功就业（2026年3月28日），请核实。"


def test_same_month_of_another_year_is_not_flagged():
    own = [("digest-a", datetime.date(2026, 3, 5))]
    assert same_month_elsewhere(own, [("digest-a", datetime.date(2025, 3, 5), "某驿站")]) == []


def test_monthly_average_is_not_rounded():
    assert monthly_average(120, 12) == 10
    assert monthly_average(239, 24) < 10
    assert monthly_average(125, 12) == Decimal(125) / Decimal(12)
    with pytest.raises(ValueError):
        monthly_average(5, 0)


@pytest.mark.django_db
def test_monthly_average_is_what_item_9_scores(home):
    """239 placements in 24 months is 9.96 a month: below a market's base of 10, whatever one place would show."""
    result = evaluate({"city": "quanzhou", "facility_type": "market", "monthly_placements": monthly_average(239, 24)})
    reached = evaluate({"city": "quanzhou", "facility_type": "market", "monthly_placements": monthly_average(120, 12)})
    points = {i.number: i.points for i in result.items}[9]
    assert points < {i.number: i.points for i in reached.items}[9] == 5
