"""The bureau's side of the 公示: publishing a round's results, and the objections as cases."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forms.cases.admin import CaseAdmin, CaseInspectView, HandlingCountyFilter
from portal.scoping import counties_for

from . import publicity
from .models import AssessmentObjection, AssessmentRound
from .objections import OBJECTIONS

# --- publishing ---------------------------------------------------------------------------------


class PublishForm(forms.Form):
    round = forms.ModelChoiceField(label=_("考核年度"), queryset=AssessmentRound.objects.none(), empty_label=None)
    county = forms.ModelChoiceField(
        label=_("公示范围"), queryset=None, required=False, empty_label=_("全市（本市各县的结果合并公示）")
    )
    starts_on = forms.DateField(
        label=_("公示开始日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    ends_on = forms.DateField(
        label=_("公示结束日期"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=publicity.PERIOD_INTERPRETATION,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        counties = counties_for(user).select_related("city")
        self.fields["round"].queryset = AssessmentRound.objects.filter(city__in=counties.values("city"))
        self.fields["county"].queryset = counties
        self.fields["county"].required = not user.has_perm("assessments.add_assessmentround")
        for name, text in {
            "round": _("请选择考核年度。"),
            "county": _("请选择公示的县（市、区）。"),
            "starts_on": _("请填写公示开始日期。"),
            "ends_on": _("请填写公示结束日期。"),
        }.items():
            self.fields[name].error_messages["required"] = text
        for name in ("starts_on", "ends_on"):
            self.fields[name].error_messages["invalid"] = _("日期格式不正确，请按 2026-12-01 的格式填写。")

    def clean(self):
        cleaned = super().clean()
        round_, county = cleaned.get("round"), cleaned.get("county")
        if round_ and county and county.city_id != round_.city_id:
            self.add_error("county", _("所选县（市、区）不属于该考核年度的设区市。"))
        if cleaned.get("starts_on") and cleaned.get("ends_on"):
            for name, message in publicity.period_problems(cleaned["starts_on"], cleaned["ends_on"]).items():
                self.add_error(name, message)
        return cleaned


def initial_values(user, query):
    """The chosen round and county (a county's staff: their own county), and the default period from today."""
    start, end = publicity.default_period(timezone.localdate())
    counties = counties_for(user)
    own_county = counties.first().pk if counties.count() == 1 else None
    county = query.get("county") or own_county
    return {"round": query.get("round"), "county": county, "starts_on": start, "ends_on": end}


def publish_view(request):
    if not request.user.has_perm("assessments.change_assessment"):
        raise PermissionDenied
    if request.method == "POST":
        form = PublishForm(request.POST, user=request.user)
        if form.is_valid() and "publish" in request.POST:
            try:
                done = publicity.publish(
                    form.cleaned_data["round"],
                    form.cleaned_data["county"],
                    form.cleaned_data["starts_on"],
                    form.cleaned_data["ends_on"],
                    request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("已发布“%(title)s”。") % {"title": done.title})
                return redirect(done.notice.url if done.notice else "wagtailadmin_home")
    else:
        form = PublishForm(initial=initial_values(request.user, request.GET), user=request.user)
    return TemplateResponse(
        request,
        "assessments/admin/publish.html",
        {"form": form, "rows": preview_rows(form), "page_title": _("发布考核结果公示")},
    )


def chosen(form, name):
    """The row the form's ``name`` field names (as typed or as first shown), or None."""
    value = str((form.data if form.is_bound else form.initial).get(name) or "")
    return form.fields[name].queryset.filter(pk=value).first() if value.isdigit() else None


def preview_rows(form):
    """The lines the chosen round and scope would publish."""
    round_ = chosen(form, "round") or form.fields["round"].queryset.first()
    if round_ is None:
        return []
    county = chosen(form, "county")
    if county is not None and county.city_id != round_.city_id:
        return []
    rows = publicity.publishable(round_, county).filter(handling_county__in=form.fields["county"].queryset)
    return [publicity.result_line(assessment) for assessment in rows]


# --- objections as cases ------------------------------------------------------------------------


class ObjectionInspectView(CaseInspectView):
    template = "assessments/admin/objection_inspect.html"
    title = _("公示异议")
    refused_message = _("此异议已处理，或您无权处理。")

    def get_context_data(self, revealed=False, **kwargs):
        context = super().get_context_data(revealed=revealed, **kwargs)
        context["objection"] = self.instance
        return context


class ObjectionAdmin(CaseAdmin):
    model = AssessmentObjection
    menu_label = _("公示异议")
    menu_icon = "warning"
    menu_order = 150
    inspect_view_class = ObjectionInspectView
    inspect_view_fields = ["receipt_no"]
    workflow = OBJECTIONS
    extra_css = ("forms/admin.css",)
    list_display = ("receipt_link", "market", "handling_county", "status_badge", "submitted_at", "period_end")
    list_filter = ("status", HandlingCountyFilter)
    search_fields = ("receipt_no", "assessment__market__title")
    ordering = ["-submitted_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("assessment__market", "publicity")

    def market(self, objection):
        return objection.assessment.market.title

    market.short_description = _("异议对象")

    def status_badge(self, objection):
        css = "primary" if objection.status == AssessmentObjection.Status.SUBMITTED else "secondary"
        return self.badge(css, objection.get_status_display())

    status_badge.short_description = _("状态")

    def period_end(self, objection):
        return f"{objection.publicity.ends_on:%Y-%m-%d}"

    period_end.short_description = _("公示结束日期")
