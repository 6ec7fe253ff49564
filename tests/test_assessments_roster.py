"""The placement roster (附件4 推荐成功就业花名册), column by column: its checks, the template, the upload, the files.

Every date is computed from the fixed period below, never from today.
"""

import datetime
import io
from decimal import Decimal

import pytest
from django.utils import translation
from docx import Document
from openpyxl import Workbook, load_workbook

from forms.assessments.roster import (
    COLUMNS,
    LINE,
    Heading,
    RosterRow,
    check_rows,
    monthly_average,
    same_month_elsewhere,
)
from forms.assessments.roster_files import MAX_ROWS, file_name, read_xlsx, roster_docx, roster_xlsx, template_xlsx
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


QUANZHOU = Heading("丰泽区东海零工驿站", "泉州市丰泽区东海街道东滨路1号", "quanzhou", START, END)
NINGDE = Heading("蕉城区零工市场", "宁德市蕉城区天湖东路2号", "ningde", START, END)


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


# ----- the template ---------------------------------------------------------------------------------------------


def sheet_of(data):
    return load_workbook(io.BytesIO(data)).worksheets[0]


def template_sheet(heading=QUANZHOU):
    return sheet_of(template_xlsx(heading.market_name, heading.address, heading.city_slug, START, END))


def test_template_headers_are_exactly_the_annex_columns_in_order():
    sheet = template_sheet()
    headers = [cell.value for cell in sheet[HEADER_ROW]]
    assert headers == ANNEX_LABELS


def test_template_has_the_annex_title_header_line_and_a_note_on_period_and_formats():
    sheet = template_sheet()
    assert sheet["A1"].value == "附件4"
    assert sheet["A2"].value == "泉州市零工市场（驿站）推荐成功就业花名册"
    assert sheet["A3"].value == "零工市场（驿站）：丰泽区东海零工驿站"
    assert sheet["D3"].value == "开办地点：泉州市丰泽区东海街道东滨路1号"
    note = sheet["A4"].value
    assert "2026年1月1日至2026年12月31日" in note
    assert "2026-03-05" in note and "18位" in note and "0595-22345678" in note
    assert "解读" not in note
    assert sheet.column_dimensions["C"].width >= 20


def test_template_formats_identity_phone_and_date_columns_as_text():
    sheet = template_sheet()
    for column in "CEG":
        assert sheet[f"{column}{HEADER_ROW + 1}"].number_format == "@"
        assert sheet[f"{column}{HEADER_ROW + 100}"].number_format == "@"
    assert sheet[f"A{HEADER_ROW + 1}"].number_format != "@"
    # The whole column too, for rows typed below the formatted ones.
    assert [sheet.column_dimensions[column].number_format for column in "CEG"] == ["@", "@", "@"]


def test_files_are_the_chinese_annex_whatever_the_page_language():
    with translation.override("en"):
        sheet = template_sheet()
        raw_rows, errors = read_xlsx(filled_template([raw_row(1)]))
    assert [cell.value for cell in sheet[HEADER_ROW]] == ANNEX_LABELS
    assert errors == [] and len(raw_rows) == 1


def test_ningde_template_says_its_layout_is_an_interpretation_of_quanzhous():
    sheet = template_sheet(NINGDE)
    assert sheet["A2"].value == "宁德市零工市场(驿站)岗位推荐成功花名册"
    assert "未公布表式" in sheet["A4"].value and "按泉州市附件4的栏目" in sheet["A4"].value
    assert "解读" in sheet["A4"].value
    assert [cell.value for cell in sheet[HEADER_ROW]] == ANNEX_LABELS


def filled_template(rows, heading=QUANZHOU, first_line=HEADER_ROW + 1):
    """The downloaded template with ``rows`` typed in (as text, as the template's text cells keep them)."""
    workbook = load_workbook(io.BytesIO(template_xlsx(heading.market_name, heading.address, heading.city_slug)))
    sheet = workbook.worksheets[0]
    for line, row in enumerate(rows, start=first_line):
        for column, key in enumerate(KEYS, start=1):
            sheet.cell(line, column).value = row.get(key)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read_and_check(data):
    raw_rows, errors = read_xlsx(data)
    assert errors == []
    return check_rows(raw_rows, START, END)


def test_a_filled_template_reads_back_to_the_same_rows():
    rows, errors = read_and_check(filled_template([raw_row(n) for n in (1, 2, 3)]))
    assert errors == []
    assert rows == [expected_row(1), expected_row(2), expected_row(3)]


def test_blank_rows_are_skipped_and_errors_name_the_sheet_row():
    data = filled_template([raw_row(1), {}, raw_row(2, phone="12345")])
    rows, errors = read_and_check(data)
    assert rows == []
    assert [str(error) for error in errors] == [
        "第8行“联系电话”格式不正确：请填写11位手机号码，或带区号的固定电话（如0595-22345678）。"
    ]


def test_one_bad_row_in_a_file_accepts_none():
    rows, errors = read_and_check(
        filled_template([raw_row(1), raw_row(2, id_number=wrong_check_character(person_id(2)))])
    )
    assert rows == []
    assert [str(error) for error in errors] == ["第7行“身份证号码”最后一位校验码不正确（按GB 11643计算），请逐位核对。"]


def workbook_bytes(*lines):
    workbook = Workbook()
    for line in lines:
        workbook.active.append(line)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_sheet_without_title_rows_and_with_real_date_cells_is_read():
    row = raw_row(1)
    data = workbook_bytes(
        ANNEX_LABELS,
        [
            1,
            row["name"],
            row["id_number"],
            row["residence"],
            row["phone"],
            row["employer"],
            datetime.datetime(2026, 2, 1),
        ],
    )
    rows, errors = read_and_check(data)
    assert errors == [] and rows[0].placed_on == datetime.date(2026, 2, 1)


def test_header_split_over_two_lines_as_in_the_annex_is_recognised():
    labels = ANNEX_LABELS[:5] + ["实现就业\n企业名称", "推荐时间"]
    row = raw_row(1)
    raw_rows, errors = read_xlsx(workbook_bytes(labels, [row[key] for key in KEYS]))
    assert errors == [] and raw_rows[0]["employer"] == row["employer"]


def test_identity_numbers_typed_as_numbers_are_named():
    row = raw_row(1)
    cells = [row[key] for key in KEYS]
    cells[2] = int(row["id_number"][:17] + "0")
    rows, errors = read_and_check(workbook_bytes(ANNEX_LABELS, cells))
    assert rows == []
    assert [str(error) for error in errors] == [
        "第2行“身份证号码”被存成了数字，后几位可能已丢失：请把该列设为“文本”格式后重新填写18位号码"
    ]


def file_errors(data):
    raw_rows, errors = read_xlsx(data)
    assert raw_rows == []
    return [str(error) for error in errors]


def test_a_renamed_header_is_refused_naming_the_column():
    labels = [("电话" if label == "联系电话" else label) for label in ANNEX_LABELS]
    assert file_errors(workbook_bytes(labels, ["1", "张三"])) == [
        "表头缺少“联系电话”列（表头中有未识别的列“电话”），请用下载的模板填写，不要修改列名。"
    ]


def test_a_sheet_without_the_header_is_refused():
    assert file_errors(workbook_bytes(["名单"], ["张三", "李四"])) == [
        "找不到表头：前20行中没有“序号”“姓名”“身份证号码”等列名，请用下载的模板填写。"
    ]


def test_a_template_with_no_rows_is_refused():
    assert file_errors(template_xlsx("某驿站", "某地", "quanzhou")) == ["文件中没有填写人员：表头下方没有数据行。"]


@pytest.mark.parametrize(
    "data, message",
    [
        ("序号,姓名\n1,张三\n".encode(), "文件不是.xlsx格式，请用下载的模板填写后上传.xlsx文件。"),
        (b"%PDF-1.7\n", "文件不是.xlsx格式，请用下载的模板填写后上传.xlsx文件。"),
        (
            b"PK\x03\x04 not really a zip",
            "文件无法读取：不是有效的.xlsx文件，或文件已损坏。请用下载的模板填写后另存为.xlsx再上传。",
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512,
            "这是旧版Excel（.xls）文件，请在Excel中“另存为”.xlsx格式后重新上传。",
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64 + "EncryptedPackage".encode("utf-16-le"),
            "文件设置了打开密码，无法读取。请在Excel中取消密码后重新上传。",
        ),
    ],
    ids=["csv", "pdf", "broken zip", "xls", "encrypted"],
)
def test_a_file_that_is_not_a_readable_xlsx_gets_a_clear_message(data, message):
    assert file_errors(data) == [message]


def test_a_docx_renamed_to_xlsx_is_refused():
    assert file_errors(roster_docx([], QUANZHOU)) == [
        "文件无法读取：不是有效的.xlsx文件，或文件已损坏。请用下载的模板填写后另存为.xlsx再上传。"
    ]


def test_an_uploaded_file_object_is_read():
    raw_rows, errors = read_xlsx(io.BytesIO(filled_template([raw_row(1)])))
    assert errors == [] and raw_rows[0][LINE] == HEADER_ROW + 1


def test_more_than_the_row_limit_is_refused():
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(ANNEX_LABELS)
    for n in range(MAX_ROWS + 1):
        sheet.append([n + 1, "张三"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert file_errors(buffer.getvalue()) == [f"花名册最多{MAX_ROWS}行，本文件超过{MAX_ROWS}行。"]


# ----- the filled roster ----------------------------------------------------------------------------------------


def test_roster_xlsx_keeps_18_digit_numbers_as_text_and_reads_back():
    rows = [expected_row(1), expected_row(2)]
    data = roster_xlsx(rows, QUANZHOU)
    sheet = sheet_of(data)
    assert [cell.value for cell in sheet[HEADER_ROW]] == ANNEX_LABELS
    id_cell = sheet[f"C{HEADER_ROW + 1}"]
    assert id_cell.value == person_id(1) and id_cell.data_type == "s" and id_cell.number_format == "@"
    assert sheet[f"E{HEADER_ROW + 1}"].data_type == "s"
    assert any("填报人（签名）：" == cell.value for cell in sheet[sheet.max_row])
    read_back, errors = read_and_check(data)
    assert errors == [] and read_back == rows


def docx_text(data):
    document = Document(io.BytesIO(data))
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    table = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    return paragraphs, table


def test_roster_docx_is_the_filled_annex_for_signing():
    paragraphs, table = docx_text(roster_docx([expected_row(1), expected_row(2)], QUANZHOU))
    assert paragraphs[:2] == ["附件4", "泉州市零工市场（驿站）推荐成功就业花名册"]
    assert "零工市场（驿站）：丰泽区东海零工驿站\t开办地点：泉州市丰泽区东海街道东滨路1号" in paragraphs
    assert table[0] == ANNEX_LABELS
    first = expected_row(1)
    assert table[1] == ["1", first.name, first.id_number, first.residence, first.phone, first.employer, "2026-02-01"]
    assert len(table) == 3
    footer = paragraphs[-1]
    assert "填报人（签名）：" in footer and "负责人（签名）：" in footer and "填报日期：" in footer
    assert not any("解读" in paragraph for paragraph in paragraphs)
    assert file_name(QUANZHOU, "docx") == "泉州市零工市场（驿站）推荐成功就业花名册（丰泽区东海零工驿站）.docx"


def test_ningde_roster_docx_notes_the_interpretation():
    paragraphs, table = docx_text(roster_docx([expected_row(1)], NINGDE))
    assert paragraphs[1] == "宁德市零工市场(驿站)岗位推荐成功花名册"
    assert any("按泉州市附件4的栏目" in paragraph and "解读" in paragraph for paragraph in paragraphs)
    assert table[0] == ANNEX_LABELS
