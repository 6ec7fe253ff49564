from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model_string
from wagtail.search import index


class DocumentText(index.Indexed, models.Model):
    """The text inside an uploaded PDF or .docx document, indexed for site search.

    Kept beside Wagtail's document model (not a custom document model) so that other apps'
    links to documents stay as they are; filled whenever a document is saved.
    """

    document = models.OneToOneField(
        get_document_model_string(), on_delete=models.CASCADE, related_name="search_text", verbose_name=_("文档")
    )
    text = models.TextField(_("文档文字"), blank=True)

    search_fields = [
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
        index.SearchField("text"),
        index.FilterField("document"),  # search leaves out the documents of restricted collections
    ]

    class Meta:
        verbose_name = _("文档文字")
        verbose_name_plural = _("文档文字")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.document.url

    @property
    def title(self):
        return self.document.title
