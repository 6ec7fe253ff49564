"""The seed forms as data and as .docx: every field of Quanzhou's annexes 2 and 3, blank and filled."""

import io
import re
from pathlib import Path

import pytest
from docx import Document

from forms.applications import catalogue, documents
from policies.models import PolicyAnnex

from .operators_factories import VALID_RESIDENT_ID, recognition_values, subsidy_values

SEED_TEXTS = Path(__file__).resolve().parent.parent / "policies/seed_texts"
SEED = (SEED_TEXTS / "quanzhou_standardisation_plan_2025.txt").read_text()
NINGDE_SEED_LINES = (SEED_TEXTS / "ningde_standardisation_plan_2024.txt").read_text().splitlines()

# Annex 2 (QZ lines 125-189), every printed label and text, in the seed's order.
ANNEX_2_LABELS = [
    "泉州市零工市场（驿站）认定申请表",
    "申报单位（盖章）：",
    "申报时间：",
    "申请单位名称",
    "法人代表或负责人",
    "统一社会信用代码",
    "登记地址",
    "联系电话",
    "申请认定的零工市场（驿站）名称",
    "类型",
    "零工市场",
    "零工驿站",
    "所属县（市、区）",
    "零工市场（驿站）地址、负责人姓名及身份证号码",
    "零工市场（驿站）建筑面积（平方米）",
    "累计投资总额（万元）",
    "提供岗位数",
    "推荐就业人数",
    "是否使用“泉就业”零工平台",
    "申请单位",
    "本单位愿意承担零工市场相关就业服务工作，并严格按照工作要求开展相关就业服务活动。",
    "负责人（签名）：",
    "（盖章）年月日",
    "县级人社部门审批意见",
    "经审核，同意设立零工市场（驿站）。",
    "备注：此表一式两份。",
]
# Annex 3 (QZ lines 191-239).
ANNEX_3_LABELS = [
    "泉州市零工市场（驿站）补助资金申请表",
    "申报单位（盖章）：",
    "填表日期：年月日",
    "申请单位名称",
    "法人代表或负责人",
    "统一社会信用代码",
    "登记地址",
    "联系电话",
    "开户银行",
    "银行账号",
    "户名",
    "所建设零工市场（驿站）名称、地址",
    "申请补贴金额",
    "申请补贴类型",
    "一次性运维补助",
    "绩效补助",
    "本零工市场已对所报送相关数据材料进行审核，并对上报数据资料真实性有效性负责。",
    "单位负责人（签名）：",
    "县级人社部门审批意见",
    "备注：此表一式两份。",
]


def compact(text):
    return re.sub(r"[\s\u3000]", "", text)


def seed_section(first_line, last_line):
    return compact("\n".join(SEED.splitlines()[first_line - 1 : last_line]))


def docx_text(document):
    """The document's text; a merged cell (which python-docx lists once per grid column) counts once."""
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            seen = []
            for cell in row.cells:
                if not any(cell._tc is other for other in seen):
                    seen.append(cell._tc)
                    parts.append(cell.text)
    return compact("\n".join(parts))


def catalogue_text(spec):
    parts = [spec.title, *spec.header, spec.footnote]
    for item in spec.fields:
        parts += [item.label, item.text, *item.sign_lines, *(label for _key, label in item.choices)]
    return compact("\n".join(parts))


def reopen(document):
    return Document(io.BytesIO(documents.as_bytes(document)))


@pytest.mark.parametrize(
    ("spec", "labels", "seed_lines"),
    [
        (catalogue.QUANZHOU_RECOGNITION, ANNEX_2_LABELS, (125, 189)),
        (catalogue.QUANZHOU_SUBSIDY, ANNEX_3_LABELS, (191, 239)),
    ],
    ids=["annex-2-recognition", "annex-3-subsidy"],
)
def test_every_seed_label_is_in_the_catalogue_and_in_the_blank_docx(spec, labels, seed_lines):
    seed = seed_section(*seed_lines)
    in_catalogue = catalogue_text(spec)
    in_docx = docx_text(reopen(documents.blank_document(spec)))
    for label in labels:
        assert compact(label) in seed, f"{label} is not printed in the seed annex"
        assert compact(label) in in_catalogue, f"{label} missing from the catalogue"
        assert compact(label) in in_docx, f"{label} missing from the blank .docx"


def test_the_blank_docx_is_one_bordered_table_laid_out_like_the_seed():
    document = reopen(documents.blank_document(catalogue.QUANZHOU_RECOGNITION))
    [table] = document.tables
    assert table.style.name == "Table Grid"
    assert len(table.rows) == len(catalogue.QUANZHOU_RECOGNITION.rows) == 10
    row = [cell.text for cell in table.rows[7].cells]  # 提供岗位数 | … | 推荐就业人数 | … | 是否使用… | …
    assert row[0] == "提供岗位数" and row[2] == "推荐就业人数" and row[4].startswith("是否使用")
    assert [cell.text for cell in table.rows[4].cells][1] == "□零工市场\u3000□零工驿站"


def test_a_filled_form_carries_every_value_twice_on_two_pages():
    values = recognition_values()
    document = reopen(documents.filled_document(catalogue.QUANZHOU_RECOGNITION, values, "2026年11月23日"))
    text = docx_text(document)
    assert len(document.tables) == 2
    assert sum(1 for p in document.paragraphs if 'w:br w:type="page"' in p._p.xml) == 1
    for key in ("organisation_name", "uscc", "market_name", "market_address", "manager_name", "jobs_offered"):
        assert text.count(compact(str(values[key]))) >= 2, key
    # The identity number is printed in full on the paper original, once per copy.
    assert text.count(VALID_RESIDENT_ID) == 2
    assert text.count("☑零工市场") == 2 and "☑零工驿站" not in text
    assert text.count("申报时间：2026年11月23日") == 2


def test_a_filled_subsidy_form_shows_the_bank_account_and_the_chosen_subsidy_type():
    values = subsidy_values(subsidy_type="performance", amount="10")
    text = docx_text(reopen(documents.filled_document(catalogue.QUANZHOU_SUBSIDY, values)))
    assert text.count(values["bank_account"]) == 2
    assert text.count("☑绩效补助") == 2 and text.count("□一次性运维补助") == 2
    assert text.count("10万元") == 2


def test_ningde_forms_are_flagged_as_an_interpretation_and_name_ningde_s_platform():
    for key in (catalogue.RECOGNITION, catalogue.SUBSIDY):
        spec = catalogue.form_spec(catalogue.NINGDE, key)
        assert spec.interpretation and "参照泉州市" in spec.interpretation_note
        assert spec.title.startswith("宁德市零工市场(驿站)")
        text = docx_text(reopen(documents.blank_document(spec)))
        assert "泉就业" not in text and "泉州" not in text.replace("参照泉州市附件2、附件3拟定", "")
        assert compact(spec.interpretation_note) in text
    recognition = catalogue.form_spec(catalogue.NINGDE, catalogue.RECOGNITION)
    assert recognition.field("uses_platform").label == "是否使用全市统一的零工市场线上服务平台"


@pytest.mark.parametrize(
    ("key", "label", "seed_line"),
    [
        (catalogue.RECOGNITION, "标准附件1", "1.宁德市零工市场(驿站)认定申请表"),
        (catalogue.SUBSIDY, "标准附件2", "2.宁德市零工市场(驿站)补助资金申请表"),
    ],
)
def test_ningde_forms_are_numbered_as_annexes_of_the_standard_not_of_the_plan(key, label, seed_line):
    """The plan's list reads “1.宁德市零工市场规范化建设与服务管理标准 2.宁德市零工市场(驿站)建设任务指导表”
    (ND 第120、122行); the forms are in the standard's own list, “附件: 1.…认定申请表 2.…补助资金申请表”
    (ND 第266-270行)."""
    spec = catalogue.form_spec(catalogue.NINGDE, key)
    assert NINGDE_SEED_LINES.index(seed_line) > NINGDE_SEED_LINES.index("附件1")  # listed inside the standard
    assert spec.annex == label
    assert docx_text(reopen(documents.blank_document(spec))).startswith(label + compact(spec.title))


@pytest.mark.django_db
def test_ningde_forms_carry_the_same_annex_number_as_on_the_policy_page(client, home):
    for spec in catalogue.forms_for_city(catalogue.NINGDE):
        assert PolicyAnnex.objects.get(page__city__slug="ningde", title=spec.title).label == spec.annex
    html = client.get("/services/ningde-forms/").content.decode()
    assert "标准附件1 · Word文档（.docx）" in html and "标准附件2 · Word文档（.docx）" in html
    assert '<p class="help">附件1 ·' not in html and '<p class="help">附件2 ·' not in html


def test_materials_are_listed_per_city_and_subsidy_type_as_the_seed_words_them():
    one_time = catalogue.materials_for(catalogue.QUANZHOU, catalogue.ONE_TIME)
    performance = catalogue.materials_for(catalogue.QUANZHOU, catalogue.PERFORMANCE)
    assert [m.number for m in one_time] == ["①", "②", "③", "④", "⑤"]
    assert [m.number for m in performance] == ["①", "②", "③", "④"]
    line_23, line_24 = compact(SEED.splitlines()[22]), compact(SEED.splitlines()[23])
    for material in one_time:
        assert compact(material.number + material.label) in line_23
    for material in performance:
        assert compact(material.number + material.label) in line_24
    assert catalogue.materials_interpretation(catalogue.QUANZHOU) == ""
    assert "未列出申报材料清单" in catalogue.materials_interpretation(catalogue.NINGDE)


def test_every_catalogue_item_cites_its_place_in_the_seed():
    for spec in catalogue.FORMS.values():
        assert spec.source
        for item in spec.fields:
            assert re.search(r"(QZ|ND) 第\d+", item.source), (spec.title, item.key)
    for materials in catalogue.MATERIALS.values():
        for material in materials:
            assert re.search(r"(QZ|ND) 第\d+", material.source)


def test_applicant_keys_expand_compound_cells_and_leave_out_the_bureau_s_box():
    keys = catalogue.applicant_keys(catalogue.QUANZHOU_RECOGNITION)
    assert {"market_address", "manager_name", "manager_id_number"} <= set(keys)
    assert "county_approval" not in keys and "declaration" not in keys
    assert set(keys) == set(recognition_values())
    assert set(catalogue.applicant_keys(catalogue.QUANZHOU_SUBSIDY)) == set(subsidy_values())


@pytest.mark.django_db
@pytest.mark.parametrize("spec", [catalogue.QUANZHOU_RECOGNITION, catalogue.QUANZHOU_SUBSIDY], ids=["附件2", "附件3"])
def test_quanzhou_plan_annexes_2_and_3_are_the_catalogue_s_blank_forms(home, spec):
    """QZ 附件2 认定申请表 and 附件3 补助资金申请表: the policy page offers the very forms operators fill in."""
    annex = PolicyAnnex.objects.get(page__slug="quanzhou-standardisation-plan-2025", label=spec.annex)
    with annex.document.file.open("rb") as handle:
        offered = Document(io.BytesIO(handle.read()))
    assert docx_text(offered) == docx_text(documents.blank_document(spec))
    assert all(label in annex.description for label in spec.labels)
