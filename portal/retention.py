"""How long the portal keeps people's contact details (the bottom layer): the bureau's setting and the cut-off rule.

Neither policy sets a retention period; the defaults are the portal's reading of 《个人信息保护法》第十九条 and are
shown as an interpretation wherever contact details are asked for. ``manage.py erase_expired_personal_data``,
run daily, erases what is due.
"""

import datetime

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

INTERPRETATION = (
    "两份政策均未规定个人信息的保存期限；本平台依《个人信息保护法》第十九条“个人信息的保存期限应当为实现处理目的所必要的"
    "最短时间”取值，由市人社局在此调整。"
)


@register_setting(icon="lock")
class PersonalDataRetention(BaseGenericSetting):
    complaint_contact_days = models.PositiveSmallIntegerField(
        _("投诉建议联系方式保存天数"),
        default=730,
        validators=[MinValueValidator(30)],
        help_text=_("办结（或不予受理、重复件）后保存的天数，期满删除投诉人的姓名、电话和邮箱。"),
    )
    comment_contact_days = models.PositiveSmallIntegerField(
        _("征求意见联系方式保存天数"),
        default=365,
        validators=[MinValueValidator(30)],
        help_text=_("意见提交后保存的天数，期满删除留言人的联系方式（意见内容保留）。"),
    )
    roster_years = models.PositiveSmallIntegerField(
        _("推荐成功就业花名册保存年数"),
        default=3,
        validators=[MinValueValidator(1)],
        help_text=_(
            "年度考核的县级考核完成时限之后保存的年数，期满删除花名册中人员的身份证号码、联系电话和现居住地，"
            "姓名只保留第一个字。"
        ),
    )
    is_interpretation = models.BooleanField(_("属于解释性取值"), default=True)
    interpretation_note = models.CharField(_("取值说明"), max_length=300, default=INTERPRETATION)

    panels = [
        FieldPanel("complaint_contact_days"),
        FieldPanel("comment_contact_days"),
        FieldPanel("roster_years"),
        MultiFieldPanel([FieldPanel("is_interpretation"), FieldPanel("interpretation_note")], heading=_("来源")),
    ]

    class Meta:
        verbose_name = _("个人信息保存期限")


def erase_before(now: datetime.datetime, days: int) -> datetime.datetime:
    """Data last touched before this moment is due for erasure."""
    return now - datetime.timedelta(days=days)


def years_after(day: datetime.date, years: int) -> datetime.date:
    """The same day ``years`` later (29 February becomes 28 February in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
