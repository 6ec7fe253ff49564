"""Helpers for the policy tests: the seeded policies, pages the seed does not make, documents."""

import datetime

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from policies.models import PolicyIndexPage, PolicyInterpretationPage, PolicyPage

QUANZHOU_PLAN = "quanzhou-standardisation-plan-2025"
NINGDE_PLAN = "ningde-standardisation-plan-2024"


def seeded_policy(slug):
    return PolicyPage.objects.get(slug=slug)


def make_policy(title="测试通知", *, slug=None, publish=True, **fields):
    index = PolicyIndexPage.objects.get()
    fields.setdefault("issuing_bodies", "泉州市人力资源和社会保障局")
    fields.setdefault("kind", "notice")
    page = PolicyPage(title=title, slug=slug or f"policy-{PolicyPage.objects.count() + 1}", **fields)
    index.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    return page


def make_interpretation(policy, title="政策解读：测试", **fields):
    index = PolicyIndexPage.objects.get()
    fields.setdefault("issuing_bodies", "宁德市人力资源和社会保障局")
    fields.setdefault("issue_date", datetime.date(2024, 3, 18))
    fields.setdefault("body", "<p>解读正文</p>")
    page = PolicyInterpretationPage(title=title, slug=f"interpretation-{policy.pk}", policy=policy, **fields)
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_document(title="测试文件", *, content="测试文件内容", name="test.txt", **fields):
    """An official document (the portal's Wagtail document model) with a small file."""
    document = get_document_model()(title=title, **fields)
    document.file.save(name, ContentFile(content.encode() if isinstance(content, str) else content), save=False)
    document.save()
    return document
