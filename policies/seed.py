"""The two seed policies, loaded from the project's own copies of their text."""

import datetime
from html import escape
from pathlib import Path

from .models import PolicyIndexPage, PolicyPage

TEXTS = Path(__file__).resolve().parent / "seed_texts"

SEED_POLICIES = [
    {
        "slug": "quanzhou-standardisation-plan-2025",
        "file": "quanzhou_standardisation_plan_2025.txt",
        "title": "泉州市零工市场（驿站）标准化建设实施方案（征求意见稿）",
        "document_number": "",
        "issuing_bodies": "泉州市人力资源和社会保障局",
        "issue_date": datetime.date(2025, 3, 1),
    },
    {
        "slug": "ningde-standardisation-plan-2024",
        "file": "ningde_standardisation_plan_2024.txt",
        "title": "宁德市零工市场规范化建设实施方案",
        "document_number": "宁人社规〔2024〕3号",
        "issuing_bodies": "宁德市人力资源和社会保障局、宁德市财政局",
        "issue_date": datetime.date(2024, 3, 13),
    },
]


def text_as_paragraphs(text):
    lines = [line.strip() for line in text.splitlines()]
    return "".join(f"<p>{escape(line)}</p>" for line in lines if line and set(line) != {"-"})


def load(home, stdout):
    index = PolicyIndexPage.objects.child_of(home).get()
    for spec in SEED_POLICIES:
        if PolicyPage.objects.child_of(index).filter(slug=spec["slug"]).exists():
            continue
        body = text_as_paragraphs((TEXTS / spec["file"]).read_text(encoding="utf-8"))
        fields = {key: value for key, value in spec.items() if key != "file"}
        page = PolicyPage(body=body, **fields)
        index.add_child(instance=page)
        page.save_revision().publish()
        stdout.write(f"已载入政策文件：{page.title}")
