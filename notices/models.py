from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class NoticeIndexPage(Page):
    """通知公告: the list of notices."""

    intro = RichTextField(_("导语"), blank=True, features=["bold", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["notices.NoticePage"]
    max_count = 1

    class Meta:
        verbose_name = _("通知公告栏目")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["notices"] = NoticePage.objects.child_of(self).live().order_by("-date")
        return context


class NoticePage(Page):
    date = models.DateField(_("发布日期"))
    issuing_body = models.CharField(_("发布单位"), max_length=100)
    body = RichTextField(_("正文"))

    content_panels = Page.content_panels + [FieldPanel("date"), FieldPanel("issuing_body"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["notices.NoticeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("通知公告")
