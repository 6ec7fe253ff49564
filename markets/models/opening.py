"""A market's weekly opening hours and its exceptions (holidays and other dates)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from .. import hours


class MarketOpeningHours(Orderable):
    WEEKDAY_CHOICES = list(enumerate(hours.WEEKDAYS))

    market = ParentalKey("markets.MarketPage", on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("星期"), choices=WEEKDAY_CHOICES)
    opens = models.TimeField(_("开门"))
    closes = models.TimeField(_("关门"))

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta(Orderable.Meta):
        verbose_name = _("开放时间")

    def clean(self):
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": _("关门时间应晚于开门时间。")})


class MarketHoursException(Orderable):
    """A date whose hours differ from the week's (holidays, special openings)."""

    market = ParentalKey("markets.MarketPage", on_delete=models.CASCADE, related_name="hours_exceptions")
    date = models.DateField(_("日期"))
    closed_all_day = models.BooleanField(_("全天休息"), default=True)
    opens = models.TimeField(_("开门"), null=True, blank=True)
    closes = models.TimeField(_("关门"), null=True, blank=True)
    reason = models.CharField(_("说明"), max_length=60, blank=True, help_text=_("如：国庆节休息、招聘会延长开放"))

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("closed_all_day")]),
        FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")]),
        FieldPanel("reason"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("特殊日期")

    def clean(self):
        if not self.closed_all_day and not (self.opens and self.closes):
            raise ValidationError({"opens": _("不是全天休息时，请填写当天的开门和关门时间。")})
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": _("关门时间应晚于开门时间。")})


def status_change_times():
    """Every time of day at which some market opens or closes (a few dozen at most, whatever the markets)."""
    weekly = MarketOpeningHours.objects.values_list("opens", "closes").distinct()
    special = MarketHoursException.objects.exclude(opens=None).values_list("opens", "closes").distinct()
    return {moment for pair in [*weekly, *special] for moment in pair if moment is not None}
