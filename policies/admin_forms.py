"""Admin forms that keep each city's bureau to its own city's policies, rule values and criteria."""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from portal.regions import City
from portal.scoping import city_ids_for

from .models import PolicyClause, PolicyPage


def own_policies(user):
    policies = PolicyPage.objects.filter(city_id__in=city_ids_for(user)).select_related("city")
    return policies.order_by("city__sort_order", "-effective_date")


class PolicyChoiceField(forms.ModelChoiceField):
    """A policy named with its city and validity, so that the predecessor and the successor are told apart."""

    def label_from_instance(self, obj):
        until = date_format(obj.expiry_date, "DATE_FORMAT") if obj.expiry_date else _("长期")
        return f"{obj.city.name if obj.city else ''} · {obj.title}（{_('有效期至')}{until}）"


class RuleValueForm(WagtailAdminModelForm):
    """A rule value only for a policy of the user's own city, citing a clause of that city's policies."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        policies = own_policies(self.for_user)
        self.fields["policy"].queryset = policies
        self.fields["clause"].queryset = PolicyClause.objects.filter(page__in=policies).select_related("page")

    def clean(self):
        cleaned = super().clean()
        policy, clause = cleaned.get("policy"), cleaned.get("clause")
        if policy and clause and clause.page.city_id != policy.city_id:
            self.add_error("clause", _("出处条款须出自同一设区市的政策文件。"))
        return cleaned


class CityScopedCriterionForm(WagtailAdminModelForm):
    """An assessment criterion only for the user's own city, governed by that city's clauses."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cities = city_ids_for(self.for_user)
        self.fields["city"].queryset = City.objects.filter(pk__in=cities)
        self.fields["clauses"].queryset = PolicyClause.objects.filter(page__city_id__in=cities).select_related("page")


class CopyRuleSetForm(forms.Form):
    source = PolicyChoiceField(
        label=_("复制自"), queryset=PolicyPage.objects.none(), help_text=_("已设定规则取值的政策文件，如上一期实施方案")
    )
    target = PolicyChoiceField(
        label=_("复制到"), queryset=PolicyPage.objects.none(), help_text=_("尚无规则取值的新政策文件，如续期的实施方案")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        policies = own_policies(user)
        self.fields["source"].queryset = policies.filter(rule_values__isnull=False).distinct()
        self.fields["target"].queryset = policies.filter(rule_values__isnull=True)

    def clean(self):
        cleaned = super().clean()
        source, target = cleaned.get("source"), cleaned.get("target")
        if source and target and source.city_id != target.city_id:
            self.add_error("target", _("只能复制到同一设区市的政策文件。"))
        return cleaned
