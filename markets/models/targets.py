"""Each city's construction targets (markets and stations by a deadline), for the construction summary."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel


class ConstructionTarget(models.Model):
    """How many markets and stations a city (or one county) aims to have built by a date."""

    city = models.ForeignKey("portal.City", on_delete=models.CASCADE, verbose_name=_("设区市"))
    county = models.ForeignKey(
        "portal.County",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name=_("县（市、区）"),
        help_text=_("留空表示全市目标"),
    )
    deadline = models.DateField(_("完成期限"))
    markets_target = models.PositiveIntegerField(_("零工市场目标数"), null=True, blank=True)
    stations_target = models.PositiveIntegerField(_("零工驿站目标数"), null=True, blank=True)
    source = models.CharField(_("依据"), max_length=200)
    is_interpretation = models.BooleanField(
        _("属于理解或推定"), default=False, help_text=_("政策原文未直接规定该数值时勾选，页面和报表会注明")
    )

    panels = [
        FieldPanel("city"),
        FieldPanel("county"),
        FieldPanel("deadline"),
        FieldRowPanel([FieldPanel("markets_target"), FieldPanel("stations_target")]),
        FieldPanel("source"),
        FieldPanel("is_interpretation"),
    ]

    class Meta:
        ordering = ["city__sort_order", "county__sort_order", "deadline"]
        verbose_name = _("建设目标")
        verbose_name_plural = _("建设目标")

    def __str__(self):
        where = self.county.name if self.county_id else f"{self.city.name}（全市）"
        return f"{where} {self.deadline:%Y年%m月%d日}前"

    def clean(self):
        if self.county_id and self.county.city_id != self.city_id:
            raise ValidationError({"county": _("所选县（市、区）不属于该设区市。")})
        if self.markets_target is None and self.stations_target is None:
            raise ValidationError({"markets_target": _("请至少填写一项目标数。")})
