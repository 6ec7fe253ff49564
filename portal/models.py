"""The home page (the top layer: its blocks draw on every app).

The portal app's other models live in the bottom layer and are imported here so that Django registers them
with the app: the regions (``regions.py``), the staff scopes (``roles.py``), the section page base
(``pages.py``), the retention setting (``retention.py``) and the footer's site information (``site_settings.py``).
The statement pages every government site has (无障碍声明, 隐私政策) are here too: the privacy notice's table reads
every form's models (``privacy.py``).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from forms.cases import held_uploads

from . import privacy
from .blocks import HomeBlocks
from .pages import IntroPage
from .regions import City, County
from .retention import PersonalDataRetention
from .roles import StaffScope
from .site_settings import SiteInformation

__all__ = [
    "City",
    "County",
    "HomePage",
    "IntroPage",
    "PersonalDataRetention",
    "PrivacyNoticePage",
    "SiteInformation",
    "StaffScope",
    "StatementPage",
]

STATEMENT_FEATURES = ["h2", "h3", "bold", "ol", "ul", "link"]


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
        "policies.DocumentLibraryPage",
        "markets.MarketIndexPage",
        "wages.WageGuideIndexPage",
        "notices.NoticeIndexPage",
        "forms.ServiceIndexPage",
        "forms.FeedbackIndexPage",
        "portal.StatementPage",
        "portal.PrivacyNoticePage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("首页")

    @property
    def has_search_block(self):
        """The body has its own search box: the header leaves its one out (one obvious search on the page)."""
        return any(block.block_type == "search" for block in self.body)


class StatementPage(IntroPage):
    """A statement the site makes about itself, such as the 无障碍声明: an introduction and the text."""

    body = RichTextField(_("正文"), blank=True, features=STATEMENT_FEATURES)

    content_panels = IntroPage.content_panels + [FieldPanel("body")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("声明页")


class PrivacyNoticePage(IntroPage):
    """隐私政策: the editable text, and the table of what each public form collects, why and for how long, built from
    the code and the bureau's retention setting (``privacy.uses``), so that it cannot say other than the portal does."""

    body = RichTextField(
        _("正文"),
        blank=True,
        features=STATEMENT_FEATURES,
        help_text=_("显示在“各项服务收集的个人信息”表格之后：您的权利、保护措施、联系方式等。"),
    )

    content_panels = IntroPage.content_panels + [FieldPanel("body")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("隐私政策页")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        retention = PersonalDataRetention.load(request)
        context.update(
            personal_data_uses=privacy.uses(retention),
            retention=retention,
            held_hours=int(held_uploads.HOLD_FOR.total_seconds() // 3600),
        )
        return context
