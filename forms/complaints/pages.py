"""The public pages of 投诉建议 and 办事服务: the section pages, the complaint and feedback forms, the progress
look-up and the satisfaction survey; each hands its requests to views.py."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from forms.cases.official_calendar import OfficialCalendarDay, OfficialCalendarYear  # noqa: F401 (the app's models)
from portal.pages import IntroPage

from .records import Complaint
from .views import case_done, case_form, progress, survey


class ServiceIndexPage(IntroPage):
    """办事服务: forms to download and services to apply for online."""

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["applications.FormDownloadPage", "built_forms.BuiltFormPage"]
    max_count = 1

    class Meta:
        verbose_name = _("办事服务栏目")


class FeedbackIndexPage(IntroPage):
    """投诉建议: complaints, feedback and the progress check."""

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["forms.CaseFormPage", "forms.ProgressPage", "forms.SurveyPage"]
    max_count = 1

    class Meta:
        verbose_name = _("投诉建议栏目")


# --- Data the bureau edits ------------------------------------------------------


class CaseFormPage(RoutablePageMixin, Page):
    """The complaint form or the feedback form; the bureau edits the texts around it."""

    kind = models.CharField(_("表单类型"), max_length=10, choices=Complaint.Kind.choices)
    intro = RichTextField(_("导语"), blank=True, features=["bold", "link", "ol", "ul"])
    description_help = models.CharField(
        _("“事情经过”提示"), max_length=300, default="请写明时间、地点、涉及的单位或个人、经过和您的诉求。"
    )
    attachments_help = models.CharField(
        _("“附件”提示"), max_length=300, default="可上传最多3个照片或PDF文件，每个不超过5 MB。"
    )
    contact_help = models.CharField(
        _("“联系方式”提示"),
        max_length=300,
        default="留下联系方式便于我们核实和回复；您的信息加密保存，仅承办人员可见。",
    )
    thanks = RichTextField(_("提交成功提示"), blank=True, features=["bold", "link"])

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("intro"),
        FieldPanel("description_help"),
        FieldPanel("attachments_help"),
        FieldPanel("contact_help"),
        FieldPanel("thanks"),
        HelpPanel(content=_("类别在“投诉类别”中维护，时限在“设置 → 投诉办理时限”中维护。")),
    ]
    parent_page_types = ["forms.FeedbackIndexPage"]
    subpage_types = []
    template = "forms/case_form_page.html"

    class Meta:
        verbose_name = _("投诉/建议表单页")

    @path("")
    def form_view(self, request):
        return case_form(request, self)

    @path("done/")
    def done_view(self, request):
        return case_done(request, self, progress_page=ProgressPage.objects.live().first())


class ProgressPage(IntroPage):
    """查询进度: status, dates and the public reply for a receipt number and query code."""

    parent_page_types = ["forms.FeedbackIndexPage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("查询进度页")

    def serve(self, request, *args, **kwargs):
        return progress(request, self)


class SurveyPage(IntroPage):
    """满意度调查 per market or station."""

    parent_page_types = ["forms.FeedbackIndexPage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("满意度调查页")

    def serve(self, request, *args, **kwargs):
        return survey(request, self)
