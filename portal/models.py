"""The home page (the top layer: its blocks draw on every app).

The portal app's other models live in the bottom layer and are imported here so that Django registers them
with the app: the regions (``regions.py``), the staff scopes (``roles.py``), the section page base
(``pages.py``) and the retention setting (``retention.py``).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from .blocks import HomeBlocks
from .pages import IntroPage
from .regions import City, County
from .retention import PersonalDataRetention
from .roles import StaffScope

__all__ = ["City", "County", "HomePage", "IntroPage", "PersonalDataRetention", "StaffScope"]


class HomePage(Page):
    intro = RichTextField(_("导语"), blank=True, features=["bold", "link"])
    body = StreamField(
        HomeBlocks(),
        blank=True,
        verbose_name=_("首页版块"),
        help_text=_("拖动调整顺序：站内搜索、附近零工市场、工价参考、服务入口、通知公告、现行政策"),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "policies.PolicyIndexPage",
        "markets.MarketIndexPage",
        "wages.WageGuideIndexPage",
        "notices.NoticeIndexPage",
        "forms.ServiceIndexPage",
        "forms.FeedbackIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("首页")
