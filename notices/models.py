"""通知公告: notices, announcements and publicity notices (公示) with their period."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.pages import IntroPage
from portal.regions import City

from .event_pages import EventIndexPage, EventPage  # the events (招聘活动): their own module, found here
from .feeds import LatestNoticesFeed
from .publicity import publicity_status

PER_PAGE = 10

__all__ = ["EventIndexPage", "EventPage", "NoticeAttachment", "NoticeIndexPage", "NoticePage"]


class NoticeIndexPage(RoutablePageMixin, IntroPage):
    """通知公告: the list of notices, filterable by city, with an RSS feed."""

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["notices.NoticePage"]
    max_count = 1

    class Meta:
        verbose_name = _("通知公告栏目")

    def notices(self):
        return NoticePage.objects.child_of(self).live().select_related("city").order_by("-date", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        cities = City.objects.all()
        city = cities.filter(slug=request.GET.get("city", "")).first()
        notices = self.notices()
        if city is not None:
            notices = notices.filter(models.Q(city=city) | models.Q(city__isnull=True))
        context["page_obj"] = Paginator(notices, PER_PAGE).get_page(request.GET.get("page"))
        context["cities"] = cities
        context["city"] = city
        context["feed_url"] = self.url + self.reverse_subpage("feed")
        return context

    @path("rss/", name="feed")
    def feed(self, request):
        return LatestNoticesFeed(self)(request)


class NoticePage(Page):
    class Kind(models.TextChoices):
        NOTICE = "notice", _("通知")
        ANNOUNCEMENT = "announcement", _("公告")
        PUBLICITY = "publicity", _("公示")

    date = models.DateField(_("发布日期"))
    issuing_body = models.CharField(_("发布单位"), max_length=100)
    city = models.ForeignKey(
        "portal.City",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notices",
        verbose_name=_("设区市"),
        help_text=_("留空表示两市通用"),
    )
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices, default=Kind.NOTICE)
    publicity_start = models.DateField(_("公示开始日期"), null=True, blank=True)
    publicity_end = models.DateField(_("公示结束日期"), null=True, blank=True)
    body = RichTextField(_("正文"))
    is_sample = models.BooleanField(_("示例内容"), default=False, help_text=_("勾选后页面提示这是演示用的示例通知"))

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("date"), FieldPanel("issuing_body"), FieldPanel("city")],
            heading=_("基本信息"),
        ),
        FieldRowPanel([FieldPanel("publicity_start"), FieldPanel("publicity_end")], heading=_("公示期（仅公示填写）")),
        FieldPanel("body"),
        InlinePanel("attachments", heading=_("附件"), label=_("附件")),
        FieldPanel("is_sample"),
    ]
    search_fields = Page.search_fields + [index.SearchField("body"), index.SearchField("issuing_body")]
    parent_page_types = ["notices.NoticeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("通知公告")
        verbose_name_plural = _("通知公告")

    def clean(self):
        super().clean()
        errors = {}
        if self.kind == self.Kind.PUBLICITY:
            if self.publicity_start is None:
                errors["publicity_start"] = _("公示须填写开始日期")
            if self.publicity_end is None:
                errors["publicity_end"] = _("公示须填写结束日期")
        if self.publicity_start and self.publicity_end and self.publicity_end < self.publicity_start:
            errors["publicity_end"] = _("结束日期不能早于开始日期")
        if errors:
            raise ValidationError(errors)

    @property
    def publicity_status(self):
        if self.kind != self.Kind.PUBLICITY:
            return None
        return publicity_status(self.publicity_start, self.publicity_end, timezone.localdate())


class NoticeAttachment(Orderable):
    notice = ParentalKey(NoticePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("文件")
    )
    title = models.CharField(_("附件名称"), max_length=200, blank=True, help_text=_("留空则用文件标题"))

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def display_title(self):
        return self.title or self.document.title
