"""文件库: every document anyone may open — policies' annexes, blank forms, notices' attachments — by city, kind
and validity, searchable by title, 文号 and issuing body, each with its earlier versions."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.pages import IntroPage
from portal.regions import City

from .documents import DocumentKind, OfficialDocument, earlier_versions_of
from .status import policy_status

PER_PAGE = 20
VALIDITY_CHOICES = [("in_force", _("现行有效")), ("expired", _("已失效"))]


class DocumentLibraryPage(IntroPage):
    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("文件库")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(library_listing(request.GET, today=timezone.localdate()))
        return context


def chosen_filters(params, cities):
    city = params.get("city", "")
    kind = params.get("kind", "")
    validity = params.get("validity", "")
    return {
        "city": city if city in {c.slug for c in cities} else "",
        "kind": kind if kind in DocumentKind.values else "",
        "validity": validity if validity in dict(VALIDITY_CHOICES) else "",
        "q": params.get("q", "").strip()[:100],
    }


def filtered_documents(open_documents, chosen, today):
    documents = open_documents.current().select_related("city")
    if chosen["city"]:
        documents = documents.filter(Q(city__slug=chosen["city"]) | Q(city__isnull=True))
    if chosen["kind"]:
        documents = documents.filter(kind=chosen["kind"])
    if chosen["validity"] == "in_force":
        documents = documents.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
    elif chosen["validity"] == "expired":
        documents = documents.filter(valid_until__lt=today)
    for word in chosen["q"].split():
        documents = documents.filter(
            Q(title__icontains=word) | Q(document_number__icontains=word) | Q(issuing_body__icontains=word)
        )
    return documents.order_by("-issue_date", "-created_at", "-pk")


def library_listing(params, *, today):
    cities = list(City.objects.all())
    chosen = chosen_filters(params, cities)
    open_documents = OfficialDocument.objects.open_to_all()
    page = Paginator(filtered_documents(open_documents, chosen, today), PER_PAGE).get_page(params.get("page"))
    versions = earlier_versions_of(page.object_list, open_documents)
    return {
        "filters": chosen,
        "filtered": any(chosen.values()),
        "city_choices": [(city.slug, city.name) for city in cities],
        "kind_choices": DocumentKind.choices,
        "validity_choices": VALIDITY_CHOICES,
        "documents_page": page,
        # Every entry is a current version, so its validity is its dates' alone.
        "entries": [
            (document, policy_status(today=today, expiry_date=document.valid_until), versions[document.pk])
            for document in page.object_list
        ],
    }
