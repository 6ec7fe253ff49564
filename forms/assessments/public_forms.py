"""The form the public fills in to object to a 公示's result."""

from django import forms
from django.utils.translation import gettext_lazy as _

from forms.cases.public_forms import OneTimeTokenForm
from forms.cases.validators import validate_phone
from portal.inputs import RowChoiceField, VisibleTextField

from .models import Assessment


class PublicisedAssessmentField(RowChoiceField):
    def label_from_instance(self, assessment):
        return f"{assessment.handling_county.name} · {assessment.market.title}"


class ObjectionForm(OneTimeTokenForm):
    assessment = PublicisedAssessmentField(
        label=_("对哪一家零工市场（驿站）的结果有异议"),
        queryset=Assessment.objects.none(),
        empty_label=_("请选择"),
        error_messages={"required": _("请选择您有异议的零工市场（驿站）。")},
    )
    reason = VisibleTextField(
        label=_("异议内容和理由"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=3000,
        help_text=_("请写明事实和理由，如有证据请说明证据的内容和来源。"),
        error_messages={"required": _("请写明异议内容和理由。")},
    )
    contact_name = VisibleTextField(
        label=_("姓名"), max_length=50, error_messages={"required": _("请填写姓名，以便核实和答复。")}
    )
    contact_phone = forms.CharField(
        label=_("联系电话"),
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
        error_messages={"required": _("请填写联系电话，以便核实和答复。")},
    )

    def __init__(self, *args, publicity, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessment"].queryset = publicity.assessments.filter(
            status=Assessment.Status.PUBLICISED
        ).select_related("handling_county", "market")
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"

    def clean_contact_phone(self):
        return validate_phone(self.cleaned_data["contact_phone"])
