"""One page of blank application forms per city under 办事服务 (/services/), and the same forms as the annexes of
each city's policy page (Quanzhou's plan's 附件2 and 3, Ningde's standard's 附件1 and 2), so that they are in the
文件库 too: built from the one catalogue."""

from forms.complaints.models import ServiceIndexPage
from policies.models import PolicyPage
from policies.seed import annex_position, ensure_annex, save_document
from policies.seed_data import NINGDE_PLAN, QUANZHOU_PLAN
from portal.pages import ensure_child
from portal.regions import City

from . import catalogue, documents
from .models import FormDownloadPage

INTRO = (
    "<p>下载{city}零工市场（驿站）认定申请表和补助资金申请表（Word格式），查看一次性运维补助和绩效补助的申报材料清单。"
    "填好后加盖单位公章，连同申报材料交所在地县级人社部门。</p>"
)


def load(home, stdout):
    services = ServiceIndexPage.objects.child_of(home).get()
    for city in City.objects.all():
        ensure_child(
            services,
            FormDownloadPage,
            f"{city.slug}-forms",
            title=f"{city.name}零工市场（驿站）申请表格下载",
            city=city,
            intro=INTRO.format(city=city.name),
        )
    attach_quanzhou_annexes()
    attach_ningde_annexes()


def attach_quanzhou_annexes():
    """Annexes 2 and 3 of Quanzhou's plan: the recognition and subsidy forms, downloadable as the operators'."""
    page = PolicyPage.objects.filter(slug=QUANZHOU_PLAN).first()
    if page is None:
        return
    for spec in (catalogue.QUANZHOU_RECOGNITION, catalogue.QUANZHOU_SUBSIDY):
        ensure_annex(
            page,
            annex_position(spec.annex),
            spec.annex,
            spec.title,
            f"填写内容：{'、'.join(spec.labels)}。{spec.footnote}",
            lambda spec=spec: blank_form_document(spec, page.city.name),
        )


def attach_ningde_annexes():
    """The standard's 附件1 and 2, which Ningde's text names without printing them: the catalogue's interpretation,
    titled and described as one (the seed's annexes already name them, with no file)."""
    page = PolicyPage.objects.filter(slug=NINGDE_PLAN).first()
    if page is None:
        return
    for spec in (catalogue.NINGDE_RECOGNITION, catalogue.NINGDE_SUBSIDY):
        annex = ensure_annex(
            page,
            0,
            spec.annex,
            spec.title,
            document_factory=lambda spec=spec: blank_form_document(spec, page.city.name),
        )
        if annex.description != spec.interpretation_note:
            annex.description = spec.interpretation_note
            annex.save(update_fields=["description"])


def blank_form_document(spec, city_name):
    content = documents.as_bytes(documents.blank_document(spec))
    title = f"{spec.title}（参照拟定）" if spec.interpretation else spec.title
    return save_document(f"{city_name}{spec.annex} {title}", f"{spec.annex}.docx", content)
