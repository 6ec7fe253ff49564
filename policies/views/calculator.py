"""补贴测算: the public calculator, and the criterion pages (a criterion with its clauses' text)."""

import datetime

from django import forms
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from portal.inputs import BoundedDateField
from portal.regions import City
from portal.vocabulary import FacilityType

from ..models import AssessmentCriterion
from ..rules import HONOR_LABELS, FactsError, evaluate

DAY_RANGE_MESSAGE = _("测算日期须在%(earliest)s至%(latest)s之间。")


def city_choices():
    """The cities the portal serves, in their order: (slug, name), the slug being what the rules engine reads."""
    return list(City.objects.order_by("sort_order", "name").values_list("slug", "name"))


class CalculatorForm(forms.Form):
    field_order = ["city", "facility_type", "as_of"]

    city = forms.ChoiceField(label=_("城市"), choices=city_choices)
    facility_type = forms.ChoiceField(label=_("类型"), choices=FacilityType.choices, widget=forms.RadioSelect)
    area_m2 = forms.CharField(label=_("服务场所面积（㎡）"), required=False)
    staff_count = forms.CharField(label=_("工作人员数（人）"), required=False)
    months_in_operation = forms.CharField(
        label=_("认定后已运营月数"), required=False, help_text=_("选填，用于判断能否参加绩效考核")
    )
    jobs_posted = forms.CharField(label=_("全年发布岗位数（个）"), required=False, help_text=_("泉州考核表第4项"))
    recommendations_per_seeker = forms.CharField(
        label=_("每名登记求职人员都达到的推荐次数"),
        required=False,
        help_text=_("按推荐次数最少的求职人员填写，不按平均数（泉州考核表第7项）"),
    )
    monthly_placements = forms.CharField(
        label=_("月均推荐成功就业人数"), required=False, help_text=_("泉州考核表第9项")
    )
    total_score = forms.CharField(
        label=_("考核总分（0—100）"), required=False, help_text=_("已知考核总分时填写，星级和绩效补助按总分确定")
    )
    as_of = BoundedDateField(
        label=_("测算日期"),
        required=False,
        latest=datetime.date(2100, 12, 31),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("按这一天有效的政策测算；留空为今天"),
        error_messages={
            "invalid": _("请填写有效日期，如 2026-12-01"),
            "too_early": DAY_RANGE_MESSAGE,
            "too_late": DAY_RANGE_MESSAGE,
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for level, label in HONOR_LABELS.items():
            self.fields[f"honors_{level}"] = forms.IntegerField(
                label=_("近2年%(level)s荣誉、宣传报道（项）") % {"level": label},
                required=False,
                min_value=0,
                max_value=20,
                error_messages={"invalid": _("请填写整数"), "min_value": _("不能为负数"), "max_value": _("不能超过20")},
            )
        for field in self.fields.values():
            if type(field.widget) is forms.TextInput:
                field.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})

    def facts(self):
        data = {key: value for key, value in self.cleaned_data.items() if not key.startswith("honors_")}
        honors = [level for level in HONOR_LABELS for _ in range(self.cleaned_data.get(f"honors_{level}") or 0)]
        if any(self.cleaned_data.get(f"honors_{level}") is not None for level in HONOR_LABELS):
            data["honors"] = honors
        if data.get("as_of"):
            data["as_of"] = data["as_of"].isoformat()
        return {key: value for key, value in data.items() if value not in (None, "")}


def calculator(request):
    form = CalculatorForm(request.GET or None)
    result = None
    if form.is_valid():
        try:
            result = evaluate(form.facts())
        except FactsError as error:
            for field, messages in error.errors.items():
                form.add_error(field if field in form.fields else None, messages)
    return render(request, "policies/calculator.html", {"form": form, "result": result})


def criteria_list(request, city):
    city = get_object_or_404(City, slug=city)
    criteria = AssessmentCriterion.objects.filter(city=city).prefetch_related("clauses__page")
    return render(request, "policies/criteria_list.html", {"city": city, "criteria": criteria})


def criterion_detail(request, city, number):
    criterion = get_object_or_404(
        AssessmentCriterion.objects.select_related("city").prefetch_related("clauses__page"),
        city__slug=city,
        number=number,
    )
    return render(request, "policies/criterion_detail.html", {"criterion": criterion, "city": criterion.city})
