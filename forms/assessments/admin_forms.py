"""The bureau's form for a round: only the user's own cities, dates in order, one round per city and year."""

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from portal.scoping import cities_for

from .models import AssessmentRound

# (earlier field, later field, the later field's error when it comes first)
DATE_ORDER = (
    ("opens_on", "closes_on", _("报送截止日期不能早于报送开始日期。")),
    ("period_start", "period_end", _("考核期止不能早于考核期起。")),
    ("closes_on", "scoring_due", _("县级考核完成时限不能早于运营单位报送截止日期。")),
)


def interpretation_badge(text):
    return format_html('<span class="badge warn">{}</span> {}', _("解读"), text)


class AssessmentRoundForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cities = cities_for(self.for_user)
        self.fields["city"].queryset = cities
        if self.instance.pk is None:
            self.fields["city"].help_text = proposal_links(cities, self.instance.year)
        if self.instance.scoring_due_is_interpretation:
            basis = self.fields["scoring_due_basis"]
            basis.help_text = interpretation_badge(_("原文未规定考核时限，所填时限由人社局确定。"))

    def clean(self):
        cleaned = super().clean()
        typed = dict(cleaned)  # add_error takes a field out of cleaned_data; every pair is judged as typed
        for earlier, later, message in DATE_ORDER:
            if typed.get(earlier) and typed.get(later) and typed[later] < typed[earlier]:
                self.add_error(later, message)
        self._check_one_round_per_year(cleaned.get("city"), cleaned.get("year"))
        return cleaned

    def _check_one_round_per_year(self, city, year):
        if city is None or year is None:
            return
        others = AssessmentRound.objects.filter(city=city, year=year).exclude(pk=self.instance.pk)
        if others.exists():
            self.add_error(
                "year",
                _("%(city)s%(year)s年度的考核已经建立，请在列表中打开修改。") % {"city": city.name, "year": year},
            )


def proposal_links(cities, year):
    """Links that reopen the add form filled with the proposed dates of each of the user's cities."""
    year = year or timezone.localdate().year
    url = reverse("wagtailsnippets_assessments_assessmentround:add")
    links = format_html_join(
        "、",
        '<a href="{}?city={}&amp;year={}">{}{}年度</a>',
        ((url, city.slug, year, city.name, year) for city in cities),
    )
    return format_html("{}{}", _("按政策建议的日期填写："), links)
