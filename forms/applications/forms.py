"""The operator's forms: registration (an account and its organisation), and the application forms."""

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from forms.cases.uploads import CheckedFileField
from forms.cases.validators import validate_bank_account, validate_phone, validate_resident_id, validate_uscc
from markets.naming import official_name_problem
from portal.captcha import PortalCaptchaField
from portal.inputs import RowChoiceField, VisibleTextField, visible_text
from portal.regions import County
from portal.roles import operator_group

from . import catalogue, rules_check
from .models import Application, OperatorProfile


class CountyChoiceField(RowChoiceField):
    def label_from_instance(self, county):
        return f"{county.city.name} · {county.name}"


class OperatorRegistrationForm(UserCreationForm):
    organisation_name = VisibleTextField(
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
    legal_representative = VisibleTextField(label=_("法人代表或负责人"), max_length=50)
    registered_address = VisibleTextField(
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
    captcha = PortalCaptchaField()

    class Meta(UserCreationForm.Meta):
        fields = ("username",)
        labels = {"username": _("用户名")}
        help_texts = {"username": _("登录用，可使用手机号码；字母、数字和 @ . + - _")}

    FIELDSETS = [
        (_("单位信息"), ["organisation_name", "uscc", "legal_representative", "registered_address", "phone", "county"]),
        (_("登录账号"), ["username", "email", "password1", "password2", "captcha"]),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django focuses the user name, the seventh field here: the page would open scrolled past its start.
        self.fields["username"].widget.attrs.pop("autofocus", None)

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


# --- The application forms -----------------------------------------------------------------------

# Not printed on the subsidy form, but needed to route it to a county and for the rules engine. The assessed score
# of a performance subsidy is not among them: it comes from the annual assessment (review.start_performance_subsidy).
SUBSIDY_BASIS_FIELDS = ["handling_county", "market_type", "floor_area", "months_in_operation"]
# What an application started from an annual assessment takes from it: shown, never changed.
FROM_ASSESSMENT = ["handling_county", "market_type", "market_name", "subsidy_type"]
FIELD_CHECKS = {
    "uscc": validate_uscc,
    "phone": validate_phone,
    "manager_id_number": validate_resident_id,
    "bank_account": validate_bank_account,
}
BASIS_LABELS = {
    "handling_county": _("零工市场（驿站）所在县（市、区）"),
    "market_type": _("类型"),
    "floor_area": _("服务场所建筑面积（平方米）"),
    "months_in_operation": _("认定后已运营月数"),
}
BASIS_HELP = {
    "handling_county": _("申请交该县（市、区）人社部门审核。"),
    "floor_area": _("申请一次性运维补助时填写，用于按政策测算补助金额。"),
    "months_in_operation": _("申请绩效补助时填写。"),
}


def model_field_name(key):
    """The catalogue calls the handling county ``county``; everything else has the same name."""
    return "handling_county" if key == "county" else key


def application_form_class(spec):
    names = [model_field_name(key) for key in catalogue.applicant_keys(spec)]
    if spec.key == catalogue.SUBSIDY:
        names += [name for name in SUBSIDY_BASIS_FIELDS if name not in names]
    return forms.modelform_factory(Application, form=ApplicationForm, fields=names)


class ApplicationForm(forms.ModelForm):
    """One city's recognition or subsidy form, labelled and laid out as the seed form.

    A draft may be incomplete (``complete=False``: nothing is required, but what is filled in
    must be right); submitting needs every field (``complete=True``) and the declaration.
    """

    class Meta:
        field_classes = {"handling_county": RowChoiceField}

    def __init__(self, *args, spec, complete=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.spec = spec
        self.complete = complete
        labels = self._labels()
        for name, field in self.fields.items():
            field.label = labels.get(name, field.label)
            field.required = False
            if isinstance(field, forms.CharField):
                field.validators.append(visible_text)
            field.error_messages["required"] = _("请填写“%(label)s”。") % {"label": field.label}
        self._set_choices()
        self.fields["handling_county"].queryset = County.objects.filter(city__slug=spec.city).order_by("division_code")
        self.fields["handling_county"].empty_label = _("请选择")
        for item in spec.fields:
            if item.unit and item.unit not in item.label and item.key in self.fields:
                self.fields[item.key].help_text = _("单位：%(unit)s。") % {"unit": item.unit} + item.note
        for name, text in BASIS_HELP.items():
            if name in self.fields and not self._printed(name):
                self.fields[name].help_text = text
        for name in self._required_names():
            self.fields[name].required = True
        self.fields["handling_county"].required = True  # every application, even a draft, belongs to a county
        if self.instance.from_assessment:
            self._show_assessment_values()
        self.declaration_text = spec.field("declaration").text
        self.fields["declaration_confirmed"] = forms.BooleanField(
            label=_("本单位已阅读并作出上述承诺"),
            required=complete,
            error_messages={"required": _("提交前请勾选确认申请单位的承诺。")},
        )

    def _show_assessment_values(self):
        """The assessment's market, type and subsidy type locked; its score shown beside them."""
        taken = _("取自年度考核 %(no)s，不能修改。") % {"no": self.instance.assessment_receipt_no}
        for name in FROM_ASSESSMENT:
            if name in self.fields:
                self.fields[name].disabled = True
                self.fields[name].help_text = taken
        self.fields["assessed_score"] = forms.DecimalField(
            label=_("经公示的考核总分"),
            required=False,
            disabled=True,
            initial=self.instance.assessed_score,
            help_text=_("年度考核 %(no)s 经公示无异议的总分，绩效补助按此测算。")
            % {"no": self.instance.assessment_receipt_no},
        )

    def _labels(self):
        labels = dict(BASIS_LABELS)
        for item in self.spec.fields:
            if item.parts:
                labels.update({part.key: part.label for part in item.parts})
            elif item.filled_by_applicant:
                labels[model_field_name(item.key)] = item.label
        return labels

    def _set_choices(self):
        for item in self.spec.fields:
            if item.kind == "choice" and item.key in self.fields:
                self.fields[item.key] = forms.ChoiceField(
                    label=self.fields[item.key].label,
                    choices=item.choices,
                    widget=forms.RadioSelect,
                    required=False,
                    error_messages={"required": _("请选择“%(label)s”。") % {"label": item.label}},
                )
        if "market_type" in self.fields and not isinstance(self.fields["market_type"].widget, forms.RadioSelect):
            self.fields["market_type"] = forms.ChoiceField(
                label=BASIS_LABELS["market_type"],
                choices=list(catalogue.MARKET_TYPES.items()),
                widget=forms.RadioSelect,
                required=False,
                error_messages={"required": _("请选择“类型”。")},
            )

    def _required_names(self):
        if not self.complete:
            return []
        if self.spec.key == catalogue.RECOGNITION:
            return list(self.fields)
        names = [model_field_name(key) for key in catalogue.applicant_keys(self.spec)] + ["handling_county"]
        names.append("market_type")
        subsidy_type = self.data.get(self.add_prefix("subsidy_type")) or self.instance.subsidy_type
        if subsidy_type == catalogue.ONE_TIME:
            names.append("floor_area")
        elif subsidy_type == catalogue.PERFORMANCE:
            names.append("months_in_operation")
        return names

    def clean(self):
        cleaned = super().clean()
        for name, check in FIELD_CHECKS.items():
            if cleaned.get(name):
                try:
                    cleaned[name] = check(cleaned[name])
                except forms.ValidationError as error:
                    self.add_error(name, error)
        self._check_market_name(cleaned)
        self._check_area(cleaned)
        self._check_subsidy_type_unchanged(cleaned)
        if self.complete:
            self._check_assessed_score(cleaned)
        return cleaned

    def _check_assessed_score(self, cleaned):
        problem = rules_check.assessed_score_problem(self.instance, cleaned.get("subsidy_type"))
        if problem:
            self.add_error("subsidy_type", problem)

    def _check_market_name(self, cleaned):
        name, county, kind = cleaned.get("market_name"), cleaned.get("handling_county"), cleaned.get("market_type")
        if name and county and kind:
            problem = official_name_problem(
                name, county_name=county.name, city_name=county.city.name, facility_type=kind
            )
            if problem:
                self.add_error("market_name", problem)

    def _check_area(self, cleaned):
        if self.spec.key == catalogue.SUBSIDY and cleaned.get("subsidy_type") != catalogue.ONE_TIME:
            return
        problem = rules_check.area_problem(self.spec.city, cleaned.get("market_type"), cleaned.get("floor_area"))
        if problem:
            self.add_error("floor_area", problem)

    def _check_subsidy_type_unchanged(self, cleaned):
        chosen, saved = cleaned.get("subsidy_type"), self.instance.subsidy_type
        if self.instance.pk and saved and chosen != saved and self.instance.documents.exists():
            self.add_error(
                "subsidy_type",
                _("已按“%(saved)s”的材料清单上传了材料，不能改为其他补贴类型；如需申请其他类型，请另行新建申请。")
                % {"saved": catalogue.SUBSIDY_TYPES[saved]},
            )

    def layout(self):
        """The form's sections in the seed form's order: (legend, [items]); an item is a field or a group."""
        printed = []
        for item in self.spec.fields:
            if item.parts:
                printed.append({"label": item.label, "fields": [self[part.key] for part in item.parts]})
            elif item.filled_by_applicant:
                printed.append({"field": self[model_field_name(item.key)]})
        sections = [(self.spec.title, printed)]
        shown = [*SUBSIDY_BASIS_FIELDS, "assessed_score"]
        basis = [{"field": self[name]} for name in shown if name in self.fields and not self._printed(name)]
        if basis:
            sections.append((_("受理和测算依据（不打印在申请表上）"), basis))
        return sections

    def _printed(self, name):
        return name in {model_field_name(key) for key in catalogue.applicant_keys(self.spec)}


class MaterialsForm(forms.Form):
    """One optional upload per seed material; a file can be added at every save."""

    def __init__(self, *args, materials=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.materials = materials
        for index, material in enumerate(materials):
            self.fields[f"material_{index}"] = CheckedFileField(
                label=f"{material.number} {material.label}", required=False
            )

    def uploads(self):
        """(material, uploaded file) for each valid upload."""
        found = []
        for index, material in enumerate(self.materials):
            name = f"material_{index}"
            if name not in self.errors and self.cleaned_data.get(name):
                found.append((material, self.cleaned_data[name]))
        return found

    def refused(self):
        """(file name, material, reasons) for each file that was sent but refused."""
        return [
            (self.files[name].name, material, self.errors[name])
            for index, material in enumerate(self.materials)
            if (name := f"material_{index}") in self.errors and name in self.files
        ]

    def field_for(self, material):
        return self[f"material_{self.materials.index(material)}"]
