"""The forms the public fills in: complaint/feedback, progress check, rating, survey."""

from django import forms
from django.utils.translation import gettext_lazy as _

from forms.cases.public_forms import AbuseProtectedForm, OneTimeTokenForm, ProgressForm
from forms.cases.uploads import CheckedFileField
from forms.cases.validators import validate_phone
from markets.models import MarketPage
from portal.inputs import BoundedDateField, RowChoiceField, VisibleTextField
from portal.regions import County

from .records import Category, Complaint, SurveyResponse

MAX_ATTACHMENTS = 3


def market_choices():
    return MarketPage.objects.live().select_related("county").order_by("county__division_code", "title")


class MarketSelect(forms.Select):
    """Each market's option names its county (data-county), so forms.js can list only the chosen county's."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        market = getattr(value, "instance", None)
        if market is not None:
            option["attrs"]["data-county"] = market.county_id
        return option


class MarketChoiceField(RowChoiceField):
    widget = MarketSelect

    def label_from_instance(self, market):
        return f"{market.county.name} · {market.title}"


class CaseForm(OneTimeTokenForm):
    kind = Complaint.Kind.COMPLAINT

    category = RowChoiceField(label=_("投诉类别"), queryset=Category.objects.none(), empty_label=_("请选择"))
    county = RowChoiceField(
        label=_("发生在哪个县（市、区）"),
        queryset=County.objects.none(),
        empty_label=_("请选择"),
    )
    market = MarketChoiceField(
        label=_("涉及的零工市场（驿站）"),
        queryset=MarketPage.objects.none(),
        required=False,
        empty_label=_("不涉及 / 不清楚"),
    )
    happened_on = BoundedDateField(
        label=_("发生日期"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "too_early": _("发生日期不能早于%(earliest)s，请核对年份。"),
            "too_late": _("发生日期不能晚于今天。"),
        },
    )
    description = VisibleTextField(label=_("事情经过"), widget=forms.Textarea(attrs={"rows": 6}), max_length=3000)
    attachment_1 = CheckedFileField(label=_("附件1"), required=False)
    attachment_2 = CheckedFileField(label=_("附件2"), required=False)
    attachment_3 = CheckedFileField(label=_("附件3"), required=False)
    anonymous = forms.BooleanField(label=_("匿名提交（不留联系方式，将无法收到电话或邮件回复）"), required=False)
    contact_name = VisibleTextField(label=_("姓名"), max_length=50, required=False)
    contact_phone = forms.CharField(
        label=_("手机或电话"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
    )
    contact_email = forms.EmailField(
        label=_("电子邮箱（选填，用于接收办理进度通知）"),
        required=False,
        error_messages={"invalid": _("电子邮箱格式不正确，例如 zhangsan@example.com。")},
    )
    error_texts = {
        "category": _("请选择投诉类别。"),
        "county": _("请选择发生在哪个县（市、区）。"),
        "description": _("请写明事情经过。"),
        "happened_on": _("请填写发生日期。"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Querysets are set here, not on the class: this module loads with the page models, before relations resolve.
        self.fields["category"].queryset = Category.objects.filter(active=True)
        self.fields["county"].queryset = County.objects.select_related("city").order_by("city__pk", "division_code")
        self.fields["market"].queryset = market_choices()
        self.fields["happened_on"].error_messages["invalid"] = _("日期格式不正确，请按 2026-11-20 的格式填写。")
        for name, text in self.error_texts.items():
            if name in self.fields:
                self.fields[name].error_messages["required"] = text
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"

    def attachment_fields(self):
        return [self[f"attachment_{number}"] for number in range(1, MAX_ATTACHMENTS + 1)]

    def attachments(self):
        return [self.cleaned_data[name] for name in self.attachment_names() if self.cleaned_data.get(name)]

    @staticmethod
    def attachment_names():
        return [f"attachment_{number}" for number in range(1, MAX_ATTACHMENTS + 1)]

    def clean_contact_phone(self):
        phone = self.cleaned_data.get("contact_phone", "")
        return validate_phone(phone) if phone.strip() else ""

    def clean(self):
        cleaned = super().clean()
        market, county = cleaned.get("market"), cleaned.get("county")
        if market and county and market.county_id != county.pk:
            self.add_error("market", _("所选零工市场（驿站）不在所选县（市、区），请重新选择。"))
        if not cleaned.get("anonymous"):
            if not cleaned.get("contact_name"):
                self.add_error("contact_name", _("请填写姓名，或勾选“匿名提交”。"))
            if not cleaned.get("contact_phone") and "contact_phone" not in self.errors:
                self.add_error("contact_phone", _("请填写联系电话，或勾选“匿名提交”。"))
        else:
            cleaned["contact_name"] = cleaned["contact_phone"] = cleaned["contact_email"] = ""
        return cleaned


class FeedbackForm(CaseForm):
    """意见建议: the same form without a category, date or market being required."""

    kind = Complaint.Kind.FEEDBACK

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["category"]
        self.fields["happened_on"].required = False
        self.fields["happened_on"].label = _("相关日期（选填）")
        self.fields["description"].label = _("意见建议内容")
        self.fields["description"].error_messages["required"] = _("请写下您的意见或建议。")
        self.fields["county"].label = _("涉及哪个县（市、区）")


class RatingForm(ProgressForm):
    rating = forms.ChoiceField(
        label=_("您对办理结果的评价"),
        choices=Complaint.Rating.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择一项评价。")},
    )


SCORE_CHOICES = [(5, "5 非常满意"), (4, "4 满意"), (3, "3 一般"), (2, "2 不满意"), (1, "1 非常不满意")]


class SurveyForm(AbuseProtectedForm):
    market = MarketChoiceField(
        label=_("您评价的零工市场（驿站）"),
        queryset=MarketPage.objects.none(),
        empty_label=_("请选择"),
        error_messages={"required": _("请选择零工市场（驿站）。")},
    )
    respondent = forms.ChoiceField(
        label=_("您是"),
        choices=SurveyResponse.Respondent.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择您的身份。")},
    )
    environment = forms.TypedChoiceField(
        label=_("服务环境"), coerce=int, choices=SCORE_CHOICES, widget=forms.RadioSelect
    )
    process = forms.TypedChoiceField(label=_("服务过程"), coerce=int, choices=SCORE_CHOICES, widget=forms.RadioSelect)
    result = forms.TypedChoiceField(label=_("服务结果"), coerce=int, choices=SCORE_CHOICES, widget=forms.RadioSelect)
    comment = VisibleTextField(
        label=_("意见和建议（选填）"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["market"].queryset = market_choices()
        for name in ("environment", "process", "result"):
            self.fields[name].error_messages["required"] = _("请为“%(aspect)s”打分。") % {
                "aspect": self.fields[name].label
            }
