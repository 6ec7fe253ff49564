from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class ServiceIndexPage(Page):
    """办事服务: forms to download and services to apply for online."""

    intro = RichTextField(_("导语"), blank=True, features=["bold", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("办事服务栏目")


class FeedbackIndexPage(Page):
    """投诉建议: complaints, feedback and the progress check."""

    intro = RichTextField(_("导语"), blank=True, features=["bold", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("投诉建议栏目")
