"""What a government site's footer carries, filled in by the bureau (设置 → 网站信息; the bottom layer: it imports no
app): the 网站标识码, the ICP and public-security filing numbers, the pages every page links to (隐私政策,
无障碍声明) and each city bureau's contact details. What is left empty is not shown at all.

Everything sits in one row (the contacts in a StreamField), read with its two pages in one query; a change of it
drops every cached page (``portal.page_cache``: a row of the portal app).
"""

import re

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

ICP_LOOKUP_URL = "https://beian.miit.gov.cn/"
PUBLIC_SECURITY_LOOKUP_URL = "https://beian.mps.gov.cn/#/query/webSearch?code="


class BureauContactValue(blocks.StructValue):
    def phone_href(self):
        """A tel: link to the first number written in the phone field ("" when it holds none)."""
        number = re.search(r"\+?\d[\d-]{2,}\d", self.get("phone") or "")
        return f"tel:{number.group()}" if number else ""


class BureauContactBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("单位名称"), max_length=60, help_text=_("如：泉州市人力资源和社会保障局"))
    address = blocks.CharBlock(label=_("地址"), max_length=200, required=False)
    phone = blocks.CharBlock(label=_("咨询电话"), max_length=60, required=False)
    office_hours = blocks.CharBlock(
        label=_("办公时间"), max_length=120, required=False, help_text=_("如：工作日 8:00—12:00，14:30—17:30")
    )

    class Meta:
        icon = "site"
        label = _("联系方式")
        value_class = BureauContactValue


@register_setting(icon="site")
class SiteInformation(BaseSiteSetting):
    site_code = models.CharField(
        _("网站标识码"),
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^[0-9A-Za-z]+$", _("网站标识码只含数字和字母。"))],
        help_text=_("政府网站管理部门分配的标识码，如 3505000001。留空则页脚不显示。"),
    )
    icp_number = models.CharField(
        _("ICP备案号"),
        max_length=40,
        blank=True,
        help_text=_("如：闽ICP备12345678号-1。页脚显示并链接到工业和信息化部备案管理系统；留空则不显示。"),
    )
    public_security_number = models.CharField(
        _("公安机关备案号"),
        max_length=40,
        blank=True,
        help_text=_("如：闽公网安备35050002000123号。页脚显示并链接到全国互联网安全管理服务平台；留空则不显示。"),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("隐私政策页"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("无障碍声明页"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bureau_contacts = StreamField(
        [("bureau", BureauContactBlock())],
        blank=True,
        verbose_name=_("主办单位联系方式"),
        help_text=_("每个市人社局一条，按此顺序显示在页脚；未填的项目不显示。"),
    )

    select_related = ["privacy_page", "accessibility_page"]

    panels = [
        MultiFieldPanel(
            [FieldPanel("site_code"), FieldPanel("icp_number"), FieldPanel("public_security_number")],
            heading=_("网站标识和备案信息"),
        ),
        MultiFieldPanel([FieldPanel("privacy_page"), FieldPanel("accessibility_page")], heading=_("页脚链接")),
        FieldPanel("bureau_contacts"),
    ]

    class Meta:
        verbose_name = _("网站信息")

    @property
    def public_security_url(self):
        """The filing's own page on beian.mps.gov.cn, found by the number's digits (the whole site when none)."""
        digits = "".join(re.findall(r"\d", self.public_security_number))
        return f"{PUBLIC_SECURITY_LOOKUP_URL}{digits}" if digits else PUBLIC_SECURITY_LOOKUP_URL.split("#")[0]

    @property
    def icp_url(self):
        return ICP_LOOKUP_URL
