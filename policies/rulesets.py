"""Rule sets: the rule values a policy sets, which policy's set applies on a date, and starting a successor's
set from a copy of its predecessor's."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import PolicyPage, RuleValue


def policies_with_rules(city):
    """The city's published policies that set rule values, oldest first."""
    pages = PolicyPage.objects.live().filter(city=city, rule_values__isnull=False).distinct()
    return sorted(pages, key=lambda page: (page.valid_from is not None, page.valid_from or 0, page.pk))


def policy_applying_on(policies, day):
    """(policy, in force) for a case about ``day``: the newest policy that applies on that day, else the one that
    applied last (not in force), else (None, False) when none had started yet."""
    applying = [page for page in policies if page.applies_on(day)]
    if applying:
        return applying[-1], True
    ended = [page for page in policies if page.expiry_date is not None and page.expiry_date < day]
    if ended:
        return max(ended, key=lambda page: page.expiry_date), False
    return None, False


def policy_on(city, day):
    """(policy, in force) for ``city`` on ``day``: ``policy_applying_on`` over the city's policies with rules."""
    return policy_applying_on(policies_with_rules(city), day)


@transaction.atomic
def copy_rule_set(source, target):
    """Copy ``source``'s rule values to ``target`` (same city, no values yet); returns how many were copied.

    A value citing a numbered clause cites the successor's clause of the same number when it has one, so the
    bureau edits what changed rather than re-entering the whole set.
    """
    if source.city_id != target.city_id:
        raise ValidationError(_("只能在同一设区市的政策文件之间复制规则取值。"))
    if source.pk == target.pk:
        raise ValidationError(_("请选择另一份政策文件作为复制目标。"))
    if target.rule_values.exists():
        raise ValidationError(_("《%(title)s》已有规则取值，不能再复制。") % {"title": target.title})
    successor_clauses = {clause.number: clause for clause in target.clauses.all()}
    copies = [
        RuleValue(
            policy=target,
            facility_type=row.facility_type,
            key=row.key,
            threshold=row.threshold,
            value=row.value,
            citation=row.citation,
            clause=successor_clauses.get(row.clause.number, row.clause) if row.clause_id else None,
            anchor=row.anchor,
            is_interpretation=row.is_interpretation,
            note=row.note,
        )
        for row in source.rule_values.select_related("clause")
    ]
    RuleValue.objects.bulk_create(copies)
    return len(copies)
