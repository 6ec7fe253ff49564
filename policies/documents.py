"""The portal's documents (Wagtail's document model): each file the bureau publishes with the metadata of a
government document — 文号, issuing body, date, validity, city, kind — and the version it replaces.

A new version is uploaded as a document of its own that names the one it replaces, so the earlier file keeps its
address and stays downloadable, marked as replaced; the chain of ``replaces`` is the file's history.
"""

import operator
from functools import reduce

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document, DocumentQuerySet
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.search import index


class DocumentKind(models.TextChoices):
    POLICY = "policy", _("政策文件")
    ANNEX = "annex", _("政策附件")
    BLANK_FORM = "form", _("空白表格")
    NOTICE = "notice", _("通知公告附件")
    OTHER = "other", _("其他")


class OfficialDocumentQuerySet(DocumentQuerySet):
    def open_to_all(self):
        """Documents anyone may open: none in a collection that a view restriction (its own or an ancestor's)
        closes. Search, the sitemap and the library list only these."""
        return self.exclude(collection__in=closed_collections())

    def current(self):
        """The newest version of each file."""
        return self.filter(replaced_by__isnull=True)


def closed_collections():
    """The ids of the collections a view restriction closes, its own or an ancestor's (one query, two with any)."""
    restricted_paths = list(CollectionViewRestriction.objects.values_list("collection__path", flat=True))
    if not restricted_paths:
        return []
    under_any = reduce(operator.or_, (Q(path__startswith=path) for path in restricted_paths))
    return list(Collection.objects.filter(under_any).values_list("pk", flat=True))


class OfficialDocument(AbstractDocument):
    kind = models.CharField(_("文件类别"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.OTHER)
    document_number = models.CharField(_("文号"), max_length=60, blank=True, help_text=_("如 宁人社规〔2024〕3号"))
    issuing_body = models.CharField(_("发文机关"), max_length=200, blank=True)
    issue_date = models.DateField(_("成文日期"), null=True, blank=True)
    valid_until = models.DateField(_("有效期至"), null=True, blank=True, help_text=_("留空表示长期有效"))
    city = models.ForeignKey(
        "portal.City",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("设区市"),
        help_text=_("留空表示两市通用"),
    )
    replaces = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("替代的旧版本"),
        help_text=_("上传新版本时选择它替代的文件：旧版本仍可下载，并标明已被替代"),
        error_messages={"unique": _("这份文件已有新版本替代它，请选择最新的版本")},
    )

    objects = OfficialDocumentQuerySet.as_manager()

    admin_form_fields = Document.admin_form_fields + (
        "kind",
        "document_number",
        "issuing_body",
        "issue_date",
        "valid_until",
        "city",
        "replaces",
    )
    search_fields = AbstractDocument.search_fields + [
        index.SearchField("document_number"),
        index.SearchField("issuing_body"),
        index.FilterField("kind"),
        index.FilterField("city_id"),
    ]

    class Meta(AbstractDocument.Meta):
        verbose_name = _("文档")
        verbose_name_plural = _("文档")

    def save(self, *args, **kwargs):
        if self._state.adding and self.replaces_id is not None:
            inherit_metadata(self, self.replaces)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.replaces_id is not None and self.pk is not None and self.replaces_id in version_ids(self):
            raise ValidationError({"replaces": _("不能替代它自己或它的新版本")})

    @property
    def is_current(self):
        return not is_replaced(self)

    @property
    def current_version(self):
        """The newest version of this file: itself unless a later one replaces it."""
        return current_versions([self])[self.pk]

    @property
    def earlier_versions(self):
        """The versions this one replaced, the latest first."""
        return earlier_versions_of([self], OfficialDocument.objects.all())[self.pk]


METADATA_FIELDS = ("document_number", "issuing_body", "issue_date", "valid_until", "city_id")


def inherit_metadata(document, replaced):
    """A new version takes the metadata its uploader left blank from the version it replaces (and its kind, when
    left at 其他)."""
    for name in METADATA_FIELDS:
        if not getattr(document, name):
            setattr(document, name, getattr(replaced, name))
    if document.kind == DocumentKind.OTHER:
        document.kind = replaced.kind


def is_replaced(document):
    """Whether a newer version replaces ``document`` (the reverse one-to-one raises when there is none)."""
    try:
        return document.replaced_by is not None
    except OfficialDocument.DoesNotExist:
        return False


def chain(start, following):
    """``start`` and the ids that follow it in ``following`` (id → next id), stopping before a repeat."""
    ids = [start]
    while following.get(ids[-1]) is not None and following[ids[-1]] not in ids:
        ids.append(following[ids[-1]])
    return ids


def newer_by_id():
    """Each replaced document's id → the id of the version replacing it (one query)."""
    return dict(OfficialDocument.objects.exclude(replaces=None).values_list("replaces_id", "pk"))


def version_ids(document):
    """The ids of ``document`` and every version replacing it, directly or through later ones, as saved."""
    return set(chain(document.pk, newer_by_id()))


def current_versions(documents):
    """The newest version of each of ``documents``, by id, in two queries however long the chains."""
    newer = newer_by_id()
    newest = {document.pk: chain(document.pk, newer)[-1] for document in documents}
    given = {document.pk: document for document in documents}
    replacements = OfficialDocument.objects.in_bulk(set(newest.values()) - set(given))
    return {pk: (given | replacements)[newest_pk] for pk, newest_pk in newest.items()}


def earlier_versions_of(documents, open_documents):
    """Each document's earlier versions among ``open_documents``, the latest first, in one query."""
    replaced = {document.pk: document for document in open_documents.exclude(replaced_by=None)}
    earlier = {pk: document.replaces_id for pk, document in replaced.items()} | {
        document.pk: document.replaces_id for document in documents
    }
    return {
        document.pk: [replaced[pk] for pk in chain(document.pk, earlier)[1:] if pk in replaced]
        for document in documents
    }
