"""Load the two seed policies from the project's own copies of their text: the plan's text as numbered
sections, the standard (附件1) as numbered clauses, the annexes as items (with generated downloads where the
source gives the form), Quanzhou's assessment criteria linked to clauses, and both cities' rule values.

Idempotent: pages, clauses, annexes, criteria and rule values are found by their natural keys and only
what is missing is created, so the bureau's later edits are kept.
"""

import io
import re
from pathlib import Path

from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from docx import Document as WordDocument
from wagtail.documents import get_document_model
from wagtail.models import Collection

from portal.regions import City
from portal.scoping import groups_with_role

from . import seed_data
from .documents import DocumentKind
from .models import AssessmentCriterion, PolicyAnnex, PolicyClause, PolicyIndexPage, PolicyPage, RuleValue

TEXTS = Path(__file__).resolve().parent / "seed_texts"

CHINESE_NUMERAL = "一二三四五六七八九十"
PART_HEADING = re.compile(rf"^[{CHINESE_NUMERAL}]+、\S{{1,16}}$")
SUBPART_HEADING = re.compile(rf"^[（(][{CHINESE_NUMERAL}]+[）)]\S{{1,12}}$")
CLAUSE_START = re.compile(r"^(\d+)\.(.+)$")


def clean_lines(text):
    return [line.strip() for line in text.splitlines() if line.strip() and set(line.strip()) != {"-"}]


def split_at(lines, marker, start=0):
    return lines.index(marker, start)


def body_blocks(lines, extra_part_headings=()):
    """StreamField data for the plan's text: level-2/level-3 headings with anchors part-N / part-N-M."""
    blocks, part, subpart = [], 0, 0
    for line in lines:
        if PART_HEADING.match(line) or line in extra_part_headings:
            part, subpart = part + 1, 0
            blocks.append(heading(2, line, f"part-{part}"))
        elif SUBPART_HEADING.match(line.rstrip("。")):
            subpart += 1
            blocks.append(heading(3, line.rstrip("。"), f"part-{part}-{subpart}"))
        else:
            blocks.append({"type": "paragraph", "value": f"<p>{escape(line)}</p>"})
    return blocks


def heading(level, text, anchor):
    return {"type": "heading", "value": {"level": str(level), "text": text, "anchor": anchor}}


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def parse_clauses(lines):
    """[(number, section heading, text)] from the standard's lines; unnumbered lines continue the clause."""
    clauses, part, subpart = [], "", ""
    for line in lines:
        match = CLAUSE_START.match(line)
        if PART_HEADING.match(line):
            part, subpart = line, ""
        elif SUBPART_HEADING.match(line):
            subpart = line
        elif match:
            clauses.append([int(match.group(1)), f"{part} {subpart}".strip(), match.group(2).strip()])
        elif clauses:
            clauses[-1][2] += "\n" + line
    return [tuple(clause) for clause in clauses]


def quanzhou_parts(text):
    lines = clean_lines(text)
    standard_at = split_at(lines, "附件1")
    annex2_at = split_at(lines, "附件2", standard_at)
    plan = lines[2:standard_at]  # after the title and （征求意见稿）
    standard = lines[standard_at + 3 : annex2_at]  # after 附件1, its title and （试行）
    return body_blocks(plan, extra_part_headings=("组织实施",)), parse_clauses(standard)


def ningde_parts(text):
    lines = clean_lines(text)
    plan_title_at = split_at(lines, "宁德市零工市场规范化建设实施方案")
    standard_at = split_at(lines, "附件1")
    standard_annexes_at = split_at(lines, "附件:", standard_at)
    cover = [{"type": "paragraph", "value": f"<p>{escape(line)}</p>"} for line in lines[2:plan_title_at]]
    plan = cover + [heading(2, lines[plan_title_at], "plan")]
    plan += body_blocks(lines[plan_title_at + 1 : standard_at])
    standard = lines[standard_at + 2 : standard_annexes_at]
    return plan, parse_clauses(standard)


PARSERS = {seed_data.QUANZHOU_PLAN: quanzhou_parts, seed_data.NINGDE_PLAN: ningde_parts}


def load(home, stdout):
    index = PolicyIndexPage.objects.child_of(home).get()
    cities = {city.slug: city for city in City.objects.all()}
    pages = {}
    for spec in seed_data.POLICIES:
        text = (TEXTS / spec["file"]).read_text(encoding="utf-8")
        body, clauses = PARSERS[spec["slug"]](text)
        page = ensure_policy(index, spec, cities[spec["city"]], body, stdout)
        ensure_clauses(page, clauses)
        pages[spec["city"]] = page
    ensure_quanzhou_criteria(cities["quanzhou"], pages["quanzhou"])
    ensure_ningde_criteria(cities["ningde"], pages["ningde"])
    ensure_quanzhou_annexes(pages["quanzhou"])
    ensure_ningde_annexes(pages["ningde"])
    for city_slug, (_, rows) in seed_data.RULES.items():
        ensure_rule_values(pages[city_slug], rows)
    grant_bureau_permissions()


# What the city bureaus' groups may do with the policy data (each only for its own city, see wagtail_hooks).
BUREAU_PERMISSIONS = {
    "city_admin": [
        "view_policycomment",
        "change_policycomment",
        "add_assessmentcriterion",
        "change_assessmentcriterion",
        "delete_assessmentcriterion",
        "add_rulevalue",
        "change_rulevalue",
        "delete_rulevalue",
    ],
    "city_editor": ["view_policycomment", "change_policycomment", "change_assessmentcriterion", "change_rulevalue"],
}


def grant_bureau_permissions():
    for role, codenames in BUREAU_PERMISSIONS.items():
        permissions = Permission.objects.filter(content_type__app_label="policies", codename__in=codenames)
        for group in groups_with_role(role):  # city-level roles: 市级管理员, 市级编辑
            group.permissions.add(*permissions)


def ensure_policy(index, spec, city, body, stdout):
    page = PolicyPage.objects.child_of(index).filter(slug=spec["slug"]).first()
    if page is not None:
        if not page.body.raw_data:  # a page from before the structured body existed
            page.body = body
            page.save_revision().publish()
        return page
    page = PolicyPage(slug=spec["slug"], city=city, body=body, **spec["fields"])
    index.add_child(instance=page)
    page.save_revision().publish()
    stdout.write(f"已载入政策文件：{page.title}")
    return page


def ensure_clauses(page, clauses):
    existing = set(page.clauses.values_list("number", flat=True))
    for number, section, text in clauses:
        if number not in existing:  # one by one, so that the search index picks each clause up
            PolicyClause.objects.create(page=page, number=number, section=section, text=text)


def ensure_quanzhou_criteria(city, page):
    clauses = {clause.number: clause for clause in page.clauses.all()}
    for number, category, title, rule_text, max_points, computation, clause_numbers in seed_data.QZ_CRITERIA:
        criterion, created = AssessmentCriterion.objects.get_or_create(
            city=city,
            number=number,
            defaults={
                "category": category,
                "title": title,
                "rule_text": rule_text,
                "max_points": max_points,
                "computation": computation,
            },
        )
        if created:
            criterion.clauses.set([clauses[n] for n in clause_numbers])


def ensure_ningde_criteria(city, page):
    """Ningde names its 工作考核表 (附件4) without giving it; the issue asks for Quanzhou's structure, shown as an
    interpretation, each item tied to the Ningde standard's clause on the same subject."""
    clauses = {clause.number: clause for clause in page.clauses.all()}
    for number, category, title, rule_text, max_points, computation, _qz_clauses in seed_data.QZ_CRITERIA:
        criterion, created = AssessmentCriterion.objects.get_or_create(
            city=city,
            number=number,
            defaults={
                "category": category,
                "title": title,
                "rule_text": rule_text.replace("“泉就业”零工平台", "零工平台").replace("泉就业", "零工平台"),
                "max_points": max_points,
                "computation": computation,
                "is_interpretation": True,
                "interpretation_note": seed_data.ND_CRITERIA_NOTE,
            },
        )
        if created:
            criterion.clauses.set([clauses[n] for n in seed_data.ND_CRITERIA_CLAUSES[number] if n in clauses])


def ensure_annex(page, sort_order, label, title, description="", document_factory=None):
    annex = page.annexes.filter(label=label).first()
    if annex is None:
        annex = PolicyAnnex.objects.create(
            page=page, sort_order=sort_order, label=label, title=title, description=description
        )
    if annex.document_id is None and document_factory is not None:
        annex.document = document_factory()
        annex.save(update_fields=["document"])
    if annex.document is not None and not annex.document.issuing_body:
        describe_from_policy(annex.document, page)
    return annex


def describe_from_policy(document, policy):
    """An annex's file carries its policy's 文号, issuing bodies, date, validity and city."""
    document.document_number = policy.document_number
    document.issuing_body = policy.issuing_bodies
    document.issue_date = policy.issue_date
    document.valid_until = policy.expiry_date
    document.city = policy.city
    document.save(update_fields=["document_number", "issuing_body", "issue_date", "valid_until", "city"])


def ensure_quanzhou_annexes(page):
    ensure_annex(
        page, 0, "附件1", seed_data.POLICIES[0]["fields"]["clauses_title"][4:], "全文见本页“条款”部分（第1—24条）。"
    )
    for spec in seed_data.QUANZHOU_ANNEXES:
        ensure_annex(
            page,
            annex_position(spec["label"]),
            spec["label"],
            spec["title"],
            annex_description(spec),
            lambda spec=spec: make_document(f"泉州市{spec['label']} {spec['title']}", spec, page),
        )


def annex_position(label):
    """附件N is listed N-th (附件1 first)."""
    return int(label.removeprefix("附件")) - 1


def annex_description(spec):
    if spec.get("criteria"):
        return "16个考核项目，合计100分；每项的评分规则和依据条款见“考核项目”。"
    return "栏目：" + "、".join(spec["columns"]) + "。"


def ensure_ningde_annexes(page):
    ensure_annex(
        page, 0, "附件1", seed_data.POLICIES[1]["fields"]["clauses_title"][4:], "全文见本页“条款”部分（第1—22条）。"
    )
    for position, (label, title) in enumerate(seed_data.NINGDE_ANNEXES, start=1):
        ensure_annex(page, position, label, title, seed_data.NINGDE_ANNEX_NOTE)


def make_document(title, spec, page):
    """A Word file of the annex as printed in the source (the roster's columns or the criteria table)."""
    word = WordDocument()
    word.add_heading(f"{spec['label']}　{spec['title']}", level=1)
    if spec.get("header"):
        word.add_paragraph(spec["header"])
    if "columns" in spec:
        table = word.add_table(rows=1, cols=len(spec["columns"]))
        table.style = "Table Grid"
        for cell, name in zip(table.rows[0].cells, spec["columns"], strict=True):
            cell.text = name
        for _ in range(8):
            table.add_row()
    else:
        criteria_table(word, page.city)
    if spec.get("footer"):
        word.add_paragraph(spec["footer"])
    buffer = io.BytesIO()
    word.save(buffer)
    return save_document(title, f"{spec['label']}.docx", buffer.getvalue())


def save_document(title, file_name, content, kind=DocumentKind.BLANK_FORM):
    """A Wagtail document in the root collection, for an annex's download (the seed's annexes are all forms)."""
    document = get_document_model()(title=title, collection=root_collection(), kind=kind)
    document.file.save(file_name, ContentFile(content), save=False)
    document.save()
    return document


def criteria_table(word, city):
    columns = ["考核内容", "序号", "考核项目", "基本分值", "自评分值", "考核分值"]
    table = word.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, columns, strict=True):
        cell.text = name
    for criterion in AssessmentCriterion.objects.filter(city=city):
        cells = table.add_row().cells
        cells[0].text = criterion.category
        cells[1].text = str(criterion.number)
        cells[2].text = f"{criterion.title}：{criterion.rule_text}"
        cells[3].text = f"{criterion.max_points.normalize():f}"
    total = table.add_row().cells
    total[0].text, total[3].text = "合计", "100"


def root_collection():
    """Wagtail's root collection (its migration makes it, but a test flush removes it)."""
    return Collection.get_first_root_node() or Collection.add_root(name="全部文件")


def ensure_rule_values(page, rows):
    clauses = {clause.number: clause for clause in page.clauses.all()}
    for key, facility_type, threshold, value, citation, source, note in rows:
        kind, target = source
        RuleValue.objects.get_or_create(
            policy=page,
            facility_type=facility_type,
            key=key,
            threshold=threshold,
            defaults={
                "value": value,
                "citation": citation,
                "clause": clauses[target] if kind == "clause" else None,
                "anchor": target if kind == "anchor" else "",
                "is_interpretation": bool(note) and note not in seed_data.PLAIN_NOTES,
                "note": note,
            },
        )
