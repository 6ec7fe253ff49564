"""What a market publishes beyond its address and hours (issue 17), each row a part of its page:

- 临时公益性岗位 (Quanzhou standard 13, Ningde standard 13: “定期发布临时（性）公益性岗位信息”);
- its training plan (Quanzhou standard 15: “提前公开培训计划”; the ways of training of Quanzhou 16 and Ningde 15);
- where workers get legal help (Quanzhou standard 18: 当地公共法律服务、劳动保障监察、法律援助点; Ningde standard 16:
  “就近维权服务的渠道和信息”), each channel with its name, address and phone.

The clause each comes from is linked on the page (``markets.published_info``).
"""

import datetime
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

# A landline with or without its area code (0595-22661234, 22661234, 0595-22661234转8012), a mobile number
# (13800000000) or a five-digit service hotline (12348 公共法律服务, 12333 人社).
PHONE = re.compile(r"^(?:(?:0\d{2,3}-?)?\d{7,8}(?:转\d{1,6})?|1\d{10}|1\d{4})$")
PHONE_MESSAGE = _("请填写正确的电话号码，如 0595-22661234、13800000000 或 12348。")
EARLIEST = datetime.date(2000, 1, 1)


def normalized_phone(value):
    """The phone as typed, with full-width digits and dashes made plain and spaces removed."""
    text = unicodedata.normalize("NFKC", value or "")
    return re.sub(r"\s+", "", text).replace("—", "-").replace("－", "-")


class MarketLegalHelpChannel(Orderable):
    """A place nearby where workers get legal help (Quanzhou standard 18, Ningde standard 16)."""

    class Kind(models.TextChoices):
        PUBLIC_LEGAL_SERVICE = "public_legal_service", _("公共法律服务")
        LABOUR_INSPECTION = "labour_inspection", _("劳动保障监察")
        LEGAL_AID = "legal_aid", _("法律援助点")
        OTHER = "other", _("其他维权服务")

    market = ParentalKey("markets.MarketPage", on_delete=models.CASCADE, related_name="legal_help_channels")
    kind = models.CharField(_("渠道类别"), max_length=30, choices=Kind.choices)
    name = models.CharField(_("名称"), max_length=100, help_text=_("如：晋江市公共法律服务中心"))
    address = models.CharField(_("地址"), max_length=200)
    phone = models.CharField(_("电话"), max_length=40, help_text=_("如 0595-22661234、12348"))
    services = models.CharField(
        _("服务内容"),
        max_length=200,
        blank=True,
        help_text=_("选填，如：劳务合同签订审查、纠纷调解、法律援助申请（泉州标准第18条）"),
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("name")]),
        FieldRowPanel([FieldPanel("address"), FieldPanel("phone")]),
        FieldPanel("services"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("维权服务渠道")
        verbose_name_plural = _("维权服务渠道")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        self.phone = normalized_phone(self.phone)
        if self.phone and not PHONE.match(self.phone):
            raise ValidationError({"phone": PHONE_MESSAGE})


class MarketTrainingSession(Orderable):
    """One training of the market's plan, published before it starts (Quanzhou standard 15)."""

    class Mode(models.TextChoices):
        # Quanzhou standard 16 and Ningde standard 15 name the same four ways.
        CLASSROOM = "classroom", _("线下集中授课")
        VIDEO = "video", _("现场播放视频")
        LIVE = "live", _("线上直播")
        ON_DEMAND = "on_demand", _("线上点播")

    market = ParentalKey("markets.MarketPage", on_delete=models.CASCADE, related_name="training_sessions")
    title = models.CharField(_("培训项目"), max_length=100, help_text=_("如：家政服务员技能提升培训"))
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"), null=True, blank=True, help_text=_("一天的培训可不填"))
    mode = models.CharField(_("培训方式"), max_length=20, choices=Mode.choices, default=Mode.CLASSROOM)
    place = models.CharField(_("地点或网址"), max_length=200, blank=True)
    signup = models.CharField(
        _("报名方式"), max_length=200, blank=True, help_text=_("如：到综合服务窗口报名，或拨打服务电话")
    )

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on"), FieldPanel("mode")]),
        FieldRowPanel([FieldPanel("place"), FieldPanel("signup")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("培训计划")
        verbose_name_plural = _("培训计划")

    def __str__(self):
        return self.title

    @property
    def last_day(self):
        return self.ends_on or self.starts_on

    def clean(self):
        super().clean()
        if self.starts_on and self.starts_on < EARLIEST:
            raise ValidationError({"starts_on": _("开始日期不能早于2000年1月1日，请检查年份。")})
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("结束日期不能早于开始日期。")})


class MarketPublicWelfareJob(Orderable):
    """A temporary public-welfare job (临时公益性岗位) the market recommends people for (Quanzhou 13, Ningde 13)."""

    market = ParentalKey("markets.MarketPage", on_delete=models.CASCADE, related_name="public_welfare_jobs")
    title = models.CharField(_("岗位名称"), max_length=100, help_text=_("如：社区公共环境保洁"))
    openings = models.PositiveSmallIntegerField(
        _("招用人数"), null=True, blank=True, validators=[MinValueValidator(1, _("招用人数至少为1人。"))]
    )
    requirements = models.CharField(
        _("申请条件"),
        max_length=300,
        blank=True,
        help_text=_("如：本县（市、区）登记的就业困难人员，以人社部门公布的条件为准"),
    )
    pay = models.CharField(_("岗位待遇"), max_length=200, blank=True)
    apply_by = models.DateField(_("报名截止日期"), null=True, blank=True, help_text=_("截止后本岗位不再在页面上显示"))

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("openings")]),
        FieldPanel("requirements"),
        FieldRowPanel([FieldPanel("pay"), FieldPanel("apply_by")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("临时公益性岗位")
        verbose_name_plural = _("临时公益性岗位")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.apply_by and self.apply_by < EARLIEST:
            raise ValidationError({"apply_by": _("报名截止日期不能早于2000年1月1日，请检查年份。")})
