"""法定节假日安排: the State Council's holidays and make-up working days (调休) for a year,
as the bureau enters them from the notice (国务院办公厅关于××年部分节假日安排的通知).

A year entered here overrides chinesecalendar for that year; ``forms.cases.working_days`` reads
it for every kind of case. The models are registered with the complaints app (label ``forms``,
whose tables they have always been), which imports them.
"""

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

WEEKDAY_NAMES = [_("星期一"), _("星期二"), _("星期三"), _("星期四"), _("星期五"), _("星期六"), _("星期日")]


def is_weekend(day: datetime.date) -> bool:
    return day.weekday() >= 5


def day_problem(year: int, day: datetime.date, kind: str) -> str:
    """What is wrong with entering ``day`` as ``kind`` in ``year``'s arrangement ('' if nothing).

    Holidays that fall on a Saturday or Sunday are days off anyway, and a make-up working
    day is always a Saturday or Sunday, so either one on the wrong kind of day is a typo.
    """
    values = {"date": date_format(day, "DATE_FORMAT"), "year": year, "weekday": WEEKDAY_NAMES[day.weekday()]}
    if day.year != year:
        return _("%(date)s不在%(year)s年内，请核对日期。") % values
    if kind == OfficialCalendarDay.Kind.HOLIDAY and is_weekend(day):
        return _("%(date)s是%(weekday)s，本来就休息：只需录入落在周一至周五的放假日。") % values
    if kind == OfficialCalendarDay.Kind.WORKDAY and not is_weekend(day):
        return _("%(date)s是%(weekday)s，本来就上班：调休上班日应是周六或周日，请核对日期。") % values
    return ""


def check_day_form(form, year):
    """Put ``day_problem`` on the date field of one inline day's form."""
    if not form.is_valid() or form.cleaned_data.get("DELETE"):
        return
    day, kind = form.cleaned_data.get("date"), form.cleaned_data.get("kind")
    problem = day and kind and day_problem(year, day, kind)
    if problem:
        form.add_error("date", problem)


class OfficialCalendarYearForm(WagtailAdminModelForm):
    """Checks each day against the year being entered, which the days' own forms do not know."""

    def clean(self):
        cleaned_data = super().clean()
        year = cleaned_data.get("year")
        if year is not None:
            for form in self.formsets["days"].forms:
                check_day_form(form, year)
        return cleaned_data


class OfficialCalendarYear(ClusterableModel):
    """One year's arrangement: the notice it comes from and its days off and make-up days."""

    year = models.PositiveSmallIntegerField(
        _("年份"), unique=True, validators=[MinValueValidator(2004), MaxValueValidator(2100)]
    )
    notice_title = models.CharField(
        _("通知名称"), max_length=200, blank=True, help_text=_("例如：国务院办公厅关于2027年部分节假日安排的通知")
    )
    notice_number = models.CharField(_("文号"), max_length=60, blank=True, help_text=_("例如：国办发明电〔2026〕7号"))
    notice_date = models.DateField(_("发布日期"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    base_form_class = OfficialCalendarYearForm
    panels = [
        FieldPanel("year"),
        MultiFieldPanel(
            [FieldPanel("notice_title"), FieldRowPanel([FieldPanel("notice_number"), FieldPanel("notice_date")])],
            heading=_("依据"),
        ),
        InlinePanel(
            "days",
            heading=_("放假和调休上班日期"),
            label=_("日期"),
            min_num=1,
            help_text=_(
                "按通知逐日录入：放假日只录入落在周一至周五的日子，调休上班日录入需要上班的周六、周日。"
                "录入后，该年的工作日以这里为准。"
            ),
        ),
    ]

    class Meta:
        app_label = "forms"  # registered with the complaints app, whose label this has always been
        ordering = ["-year"]
        verbose_name = _("法定节假日安排")
        verbose_name_plural = _("法定节假日安排")

    def __str__(self):
        return _("%(year)s年法定节假日安排") % {"year": self.year}


class OfficialCalendarDay(models.Model):
    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("放假")
        WORKDAY = "workday", _("调休上班")

    calendar = ParentalKey(OfficialCalendarYear, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("日期"))
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("节日"), max_length=20, help_text=_("例如：春节"))

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("kind"), FieldPanel("name")])]

    class Meta:
        app_label = "forms"
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["calendar", "date"], name="forms_official_day_once_a_year")]
        verbose_name = _("放假或调休上班日")
        verbose_name_plural = _("放假或调休上班日")

    def __str__(self):
        return f"{date_format(self.date, 'DATE_FORMAT')} {self.get_kind_display()}"
