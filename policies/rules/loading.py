"""From the database to the engine: the rule set of the policy that applies to a city on a date."""

from django.utils import timezone

from portal.regions import City

from ..models import AssessmentCriterion
from ..rulesets import policy_on
from .engine import assess
from .parsing import CITY_ERROR, FACILITY_ERROR, FactsError, is_choice, parse_as_of, parse_facts
from .types import FACILITY_TYPES, CityRules, ClauseLink, Criterion, Facts, PolicyRef, Rule


def policy_ref(page, day):
    status = page.status_on(day)
    return PolicyRef(
        page_id=page.pk,
        title=page.title,
        document_number=page.document_number,
        status_code=status.code,
        status_label=str(status.label),
        valid_from=page.valid_from,
        valid_until=page.expiry_date,
        is_draft=page.is_consultation_draft,
        url=page.url or "",
    )


def applicable_policy(city_slug, as_of=None):
    """(PolicyRef or None, in force) for the city on ``as_of`` (default today), without loading its rules."""
    city = City.objects.filter(slug=city_slug).first()
    day = as_of or timezone.localdate()
    policy, in_force = policy_on(city, day) if city else (None, False)
    return (policy_ref(policy, day) if policy else None), in_force


def load_rules(city_slug, as_of=None):
    """The city's rule set on ``as_of`` (default today) as plain data; None for an unknown city.

    The rules are those of the newest policy of the city that applies on that day. When none does, the rule set
    is empty and names the policy that applied last (``in_force`` False).
    """
    city = City.objects.filter(slug=city_slug).first()
    if city is None:
        return None
    day = as_of or timezone.localdate()
    policy, in_force = policy_on(city, day)
    rules = (
        tuple(rule_of(row) for row in policy.rule_values.select_related("clause__page", "policy")) if in_force else ()
    )
    return CityRules(
        city.slug,
        city.name,
        rules,
        criteria_of(city),
        as_of=day,
        policy=policy_ref(policy, day) if policy else None,
        in_force=in_force,
    )


def rule_of(row):
    return Rule(
        row.key,
        row.facility_type,
        row.threshold,
        row.value,
        row.citation,
        row.source_url,
        row.is_interpretation,
        row.note,
    )


def criteria_of(city):
    return tuple(
        Criterion(
            criterion.number,
            criterion.title,
            criterion.max_points,
            criterion.computation,
            tuple(
                ClauseLink(clause.number, clause.citation, clause.get_absolute_url())
                for clause in criterion.clauses.all()
            ),
            criterion.interpretation_note if criterion.is_interpretation else "",
        )
        for criterion in AssessmentCriterion.objects.filter(city=city).prefetch_related("clauses__page")
    )


def evaluate(facts, as_of=None):
    """Evaluate ``facts`` (a Facts, or a dict shaped like the API body) against the city's rules on a date.

    The date is ``as_of``, else the facts' own ``as_of``, else today. Raises FactsError({field: [message]}) for
    bad input.
    """
    if not isinstance(facts, Facts | dict):  # a JSON body of null, a list, a string or a number
        raise FactsError({"body": ["请求内容须为JSON对象"]})
    raw = None if isinstance(facts, Facts) else facts
    city_slug = raw.get("city") if raw is not None else facts.city
    day = as_of or (parse_as_of(raw.get("as_of")) if raw is not None else facts.as_of) or timezone.localdate()
    rules = load_rules(city_slug, day) if isinstance(city_slug, str) else None
    if rules is None:
        errors = {"city": [CITY_ERROR]}
        facility_type = raw.get("facility_type") if raw is not None else facts.facility_type
        if not is_choice(facility_type, FACILITY_TYPES):
            errors["facility_type"] = [FACILITY_ERROR]
        raise FactsError(errors)
    if raw is not None:
        facts = parse_facts(raw, {c.number: c.max_points for c in rules.criteria})
    facts.as_of = day
    return assess(facts, rules)
