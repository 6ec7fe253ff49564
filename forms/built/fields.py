"""The fields an editor can put on a form (wagtail.contrib.forms' own types plus the portal's), and the form the
public fills in, built from them on the machinery every public form shares (captcha, honeypot, one-time token)."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import BaseForm, FormBuilder
from wagtail.contrib.forms.models import FORM_FIELD_CHOICES

from forms.cases.public_forms import OneTimeTokenForm
from forms.cases.uploads import CheckedFileField
from forms.cases.validators import MOBILE, validate_phone, validate_resident_id
from portal.inputs import BoundedDateField, RowChoiceField, VisibleTextField
from portal.regions import County

MOBILE_TYPE = "mobile"
ID_NUMBER_TYPE = "id_number"
COUNTY_TYPE = "county"
ATTACHMENT_TYPE = "attachment"
CONSENT_TYPE = "consent"
FIELD_TYPE_CHOICES = (
    *FORM_FIELD_CHOICES,
    (MOBILE_TYPE, _("手机号码")),
    (ID_NUMBER_TYPE, _("居民身份证号码")),
    (COUNTY_TYPE, _("所在县（市、区）")),
    (ATTACHMENT_TYPE, _("附件上传")),
    (CONSENT_TYPE, _("个人信息使用同意")),
)
# Answers shown masked to anyone who has not opened them (查看完整号码), and how.
MASKED_TYPES = (MOBILE_TYPE, ID_NUMBER_TYPE)
# The names the protective fields use: an editor's field whose name would clash gets a prefix.
RESERVED_NAMES = {"website", "captcha", "token", "csrfmiddlewaretoken"}
EARLIEST_ANSWER_DATE = datetime.date(1900, 1, 1)  # birth dates are asked for too


def latest_answer_date():
    return timezone.localdate() + datetime.timedelta(days=3650)


def field_name(clean_name):
    return f"field_{clean_name}" if clean_name in RESERVED_NAMES else clean_name


class MobileField(forms.CharField):
    """A mainland mobile number, checked by the portal's phone check, typed in any script's digits."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"type": "tel", "inputmode": "numeric", "autocomplete": "tel"})
        )
        super().__init__(max_length=20, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        number = validate_phone(value)
        if not MOBILE.match(number):
            raise ValidationError(_("手机号码应为以1开头的11位数字，请核对。"), code="mobile")
        return number


class IdentityNumberField(forms.CharField):
    """A resident identity number: the GB 11643 check character, a real birth date."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}))
        super().__init__(max_length=30, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        return validate_resident_id(value) if value else value


class BuiltForm(OneTimeTokenForm, BaseForm):
    """What every built form carries; its fields come from the page's ``BuiltFormBuilder``."""

    def editor_fields(self):
        """The fields the editor defined, in their order (not the captcha, honeypot or token)."""
        return [self[name] for name in self.field_types]

    def has_uploads(self):
        return ATTACHMENT_TYPE in self.field_types.values()


class BuiltFormBuilder(FormBuilder):
    """wagtail.contrib.forms' builder, with Chinese messages and the portal's fields."""

    def __init__(self, fields, page=None):
        super().__init__(fields)
        self.page = page

    def get_field_options(self, field):
        options = {
            "label": field.label,
            "help_text": conditional_escape(field.help_text),
            "required": field.required,
            "initial": field.default_value,
        }
        choose = field.field_type in ("dropdown", "radio", "checkboxes", "multiselect", COUNTY_TYPE, "checkbox")
        required = _("请选择“%(label)s”。") if choose else _("请填写“%(label)s”。")
        options["error_messages"] = {"required": required % {"label": field.label}}
        return options

    def create_singleline_field(self, field, options):
        return VisibleTextField(max_length=255, **options)

    def create_multiline_field(self, field, options):
        return VisibleTextField(max_length=3000, widget=forms.Textarea(attrs={"rows": 5}), **options)

    def create_email_field(self, field, options):
        options["error_messages"]["invalid"] = _("电子邮箱格式不正确，例如 zhangsan@example.com。")
        return forms.EmailField(widget=forms.EmailInput(attrs={"autocomplete": "email"}), **options)

    def create_number_field(self, field, options):
        options["error_messages"]["invalid"] = _("请填写数字。")
        return forms.DecimalField(max_digits=15, decimal_places=2, **options)

    def create_date_field(self, field, options):
        options["error_messages"]["invalid"] = _("日期格式不正确，请按 2026-11-20 的格式填写。")
        return BoundedDateField(
            earliest=EARLIEST_ANSWER_DATE,
            latest=latest_answer_date,
            widget=forms.DateInput(attrs={"type": "date"}),
            **options,
        )

    def create_datetime_field(self, field, options):
        options["error_messages"]["invalid"] = _("时间格式不正确，请按 2026-11-20 09:30 的格式填写。")
        return forms.DateTimeField(widget=forms.DateTimeInput(attrs={"type": "datetime-local"}), **options)

    def create_mobile_field(self, field, options):
        return MobileField(**options)

    def create_id_number_field(self, field, options):
        return IdentityNumberField(**options)

    def create_county_field(self, field, options):
        options.pop("initial", None)
        counties = County.objects.order_by("sort_order", "name")
        if self.page is not None and self.page.city_id:
            counties = counties.filter(city_id=self.page.city_id)
        return RowChoiceField(queryset=counties, empty_label=_("请选择"), **options)

    def create_attachment_field(self, field, options):
        options.pop("initial", None)
        return CheckedFileField(**options)

    def create_consent_field(self, field, options):
        # Consent is always asked for, whatever the editor ticked: 《个人信息保护法》第十四条.
        options.update(required=True, initial=False)
        options["error_messages"] = {"required": _("请阅读个人信息使用说明，勾选同意后再提交。")}
        return forms.BooleanField(**options)

    @property
    def formfields(self):
        fields = {}
        for field in self.fields:
            create = self.get_create_field_function(field.field_type)
            fields[field_name(field.clean_name or field.get_field_clean_name())] = create(
                field, self.get_field_options(field)
            )
        return fields

    def get_form_class(self):
        formfields = self.formfields
        types = {
            field_name(field.clean_name or field.get_field_clean_name()): field.field_type for field in self.fields
        }
        attributes = {**formfields, "field_types": types, "field_order": list(types)}
        return type("BuiltPublicForm", (BuiltForm,), attributes)
