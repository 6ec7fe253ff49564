from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class PolicyIndexPage(Page):
    """政策文件: the list of policies."""

    intro = RichTextField(_("导语"), blank=True, features=["bold", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["policies.PolicyPage"]
    max_count = 1

    class Meta:
        verbose_name = _("政策文件栏目")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["policies"] = PolicyPage.objects.child_of(self).live().order_by("-issue_date")
        return context


class PolicyPage(Page):
    """A policy document."""

    document_number = models.CharField(_("文号"), max_length=60, blank=True)
    issuing_bodies = models.CharField(_("发文机关"), max_length=200)
    issue_date = models.DateField(_("成文日期"), null=True, blank=True)
    body = RichTextField(_("正文"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("document_number"),
        FieldPanel("issuing_bodies"),
        FieldPanel("issue_date"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("document_number"),
        index.SearchField("body"),
    ]
    parent_page_types = ["policies.PolicyIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("政策文件")
