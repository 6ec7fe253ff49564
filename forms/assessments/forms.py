"""The operator's forms: the self-assessment (自评表) per item with evidence, the facts the rules score from,
and the honours of item 16. Drafts keep whatever is valid; every error is in Chinese next to its field."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from forms.cases.uploads import CheckedFileField
from portal.inputs import BoundedDateField

from .models import Assessment, AssessmentHonour

ITEM_FILE_HELP = _("照片（JPG、PNG）或 PDF，每个文件不超过 5 MB。")


def points_field(criterion, label, negative_message, required=False, **kwargs):
    """The points of one item of the assessment form: 0 to its 基本分值, one decimal (the operator's or an
    expert's)."""
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal(0),
        max_value=criterion.max_points,
        max_digits=4,
        decimal_places=1,
        error_messages={
            "required": _("请为第%(n)s项评分。") % {"n": criterion.number},
            "max_value": _("不能超过该项基本分值%(max)s分。") % {"max": criterion.max_points},
            "min_value": negative_message,
            "invalid": _("请填写数字，如 4.5。"),
            "max_decimal_places": _("最多保留1位小数。"),
        },
        **kwargs,
    )


class SelfAssessmentForm(forms.Form):
    """One row per item of the round's assessment form, and the facts items 4 and 7 are scored from."""

    jobs_posted = forms.IntegerField(
        label=_("年发布岗位信息数（个）"),
        required=False,
        min_value=0,
        max_value=10**7,
        help_text=_("第4项：依托零工平台全年发布的岗位信息，重复发布的只计首次；请上传平台统计截图作为佐证。"),
        error_messages={"invalid": _("请填写整数。"), "min_value": _("不能为负数。")},
    )
    recommendations_per_seeker = forms.DecimalField(
        label=_("每名登记求职人员获推荐次数"),
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(999),
        max_digits=4,
        decimal_places=1,
        help_text=_("第7项：每名登记在册、有意愿灵活就业的求职人员至少获得的推荐次数。"),
        error_messages={"invalid": _("请填写数字，如 3。"), "min_value": _("不能为负数。")},
    )
    report = CheckedFileField(label=_("工作运营方案落实情况报告"), required=False, help_text=ITEM_FILE_HELP)

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            n = criterion.number
            # Labels carry the item's number: the error summary lists them all together.
            self.fields[f"points_{n}"] = points_field(
                criterion, _("第%(n)s项 自评分值") % {"n": n}, _("自评分值不能为负数。")
            )
            self.fields[f"evidence_{n}"] = forms.CharField(
                label=_("第%(n)s项 佐证说明") % {"n": n},
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"files_{n}"] = CheckedFileField(
                label=_("第%(n)s项 佐证材料") % {"n": n}, required=False, help_text=ITEM_FILE_HELP
            )

    def item_rows(self):
        """(criterion, points field, evidence field, file field) per item, for the template."""
        return [
            (c, self[f"points_{c.number}"], self[f"evidence_{c.number}"], self[f"files_{c.number}"])
            for c in self.criteria
        ]

    def valid_value(self, name):
        """A field's cleaned value if it is valid (a draft keeps the valid part of what was typed)."""
        return self.cleaned_data.get(name) if name not in self.errors else None


class HonourForm(forms.ModelForm):
    awarded_on = BoundedDateField(label=_("获得日期"), required=False)

    class Meta:
        model = AssessmentHonour
        fields = ["title", "level", "awarded_on"]
        error_messages = {"title": {"max_length": _("最多200个字。")}}

    def clean(self):
        data = super().clean()
        if data.get("title") and not data.get("awarded_on") and "awarded_on" not in self.errors:
            self.add_error("awarded_on", _("请填写获得日期：第16项只计近年的荣誉。"))
        if data.get("title") and not data.get("level"):
            self.add_error("level", _("请选择级别。"))
        return data


HonourFormSet = forms.inlineformset_factory(
    Assessment,
    AssessmentHonour,
    form=HonourForm,
    extra=2,
    can_delete=True,
)
