"""The bureau's xlsx import of a year's wage guide, and the template to fill in."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.regions import City
from portal.scoping import cities_for

from .exports import template_response
from .imports import import_guide

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class WageGuideImportForm(forms.Form):
    city = forms.ModelChoiceField(label=_("设区市"), queryset=City.objects.none(), empty_label=None)
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    survey_period = forms.CharField(label=_("调查期"), max_length=60, help_text=_("如“2026年1月—6月”"))
    issuing_body = forms.CharField(label=_("发布单位"), max_length=100)
    file = forms.FileField(label=_("价位表（.xlsx）"), help_text=_("请用导入模板填写；有一行不合格则整表不导入"))

    def __init__(self, *args, cities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = cities
        self.fields["year"].initial = timezone.localdate().year

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("只接受 .xlsx 文件，请用导入模板填写"))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("文件不能超过 2MB"))
        return upload


def import_view(request):
    cities = cities_for(request.user)  # a city's wage guide is replaced by its own city-level staff
    if not cities.exists():
        raise PermissionDenied
    form = WageGuideImportForm(request.POST or None, request.FILES or None, cities=cities)
    row_errors = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = import_guide(
            data["file"],
            city=data["city"],
            year=data["year"],
            survey_period=data["survey_period"],
            issuing_body=data["issuing_body"],
            user=request.user,
        )
        if result.ok:
            messages.success(request, f"已导入 {result.guide.title}：共 {result.count} 个职业（工种）。")
            return redirect("wagtailadmin_pages:edit", result.guide.pk)
        row_errors = result.errors
        messages.error(request, f"价位表有 {len(row_errors)} 处问题，整表未导入，没有保存任何一行。请修改后重新上传。")
    return TemplateResponse(
        request, "wages/admin/import.html", {"form": form, "row_errors": row_errors, "page_title": "导入工资指导价位"}
    )


def template_view(request):
    return template_response()
