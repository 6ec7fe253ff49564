"""The operator's registration form: an account and the organisation behind it."""

from captcha.fields import CaptchaField, CaptchaTextInput
from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from portal.models import County
from portal.roles import operator_group

from .models import OperatorProfile
from .validators import validate_phone, validate_uscc


class CaptchaInput(CaptchaTextInput):
    """django-simple-captcha's widget with a Chinese alt text and a button for a new image."""

    template_name = "applications/captcha_widget.html"


class CountyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, county):
        return f"{county.city.name} · {county.name}"


class OperatorRegistrationForm(UserCreationForm):
    organisation_name = forms.CharField(
        label=_("单位名称"),
        max_length=100,
        help_text=_("与营业执照上的名称一致"),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    uscc = forms.CharField(
        label=_("统一社会信用代码"),
        max_length=30,
        help_text=_("18位，见营业执照或统一社会信用代码证书"),
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "spellcheck": "false"}),
    )
    legal_representative = forms.CharField(label=_("法人代表或负责人"), max_length=50)
    registered_address = forms.CharField(
        label=_("登记地址"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "street-address"})
    )
    phone = forms.CharField(
        label=_("联系电话"),
        max_length=20,
        help_text=_("11位手机号码，或带区号的固定电话，如0595-22345678"),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    county = CountyChoiceField(
        label=_("所属县（市、区）"), queryset=County.objects.select_related("city"), empty_label=_("请选择")
    )
    email = forms.EmailField(
        label=_("电子邮箱"), help_text=_("用于找回密码"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    captcha = CaptchaField(label=_("验证码"), help_text=_("请输入图片中的字符（不区分大小写）"), widget=CaptchaInput)

    class Meta(UserCreationForm.Meta):
        fields = ("username",)
        labels = {"username": _("用户名")}
        help_texts = {"username": _("登录用，可使用手机号码；字母、数字和 @ . + - _")}

    FIELDSETS = [
        (_("单位信息"), ["organisation_name", "uscc", "legal_representative", "registered_address", "phone", "county"]),
        (_("登录账号"), ["username", "email", "password1", "password2", "captcha"]),
    ]

    def fieldsets(self):
        return [(legend, [self[name] for name in names]) for legend, names in self.FIELDSETS]

    def clean_uscc(self):
        code = validate_uscc(self.cleaned_data["uscc"])
        if OperatorProfile.objects.filter(uscc=code).exists():
            raise forms.ValidationError(_("该统一社会信用代码已注册。如忘记账号或密码，请使用“忘记密码”找回。"))
        return code

    def clean_phone(self):
        return validate_phone(self.cleaned_data["phone"])

    @transaction.atomic
    def save(self, commit=True):
        user = super().save(commit=False)
        user.email = self.cleaned_data["email"]
        user.is_staff = False
        user.save()
        user.groups.add(operator_group())
        OperatorProfile.objects.create(
            user=user,
            **{
                key: self.cleaned_data[key]
                for key in (
                    "organisation_name",
                    "uscc",
                    "legal_representative",
                    "registered_address",
                    "phone",
                    "county",
                )
            },
        )
        return user
