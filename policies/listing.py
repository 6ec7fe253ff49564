"""The policy index: filter by city, kind and status, newest first."""

from django.utils.translation import gettext_lazy as _

from portal.regions import City

from .status import LABELS as STATUS_LABELS

INTERPRETATION = "interpretation"


def kind_choices(policy_kinds):
    return [*policy_kinds, (INTERPRETATION, _("政策解读"))]


def newest_first(pages):
    return sorted(pages, key=lambda page: (page.issue_date is not None, page.issue_date, page.pk), reverse=True)


def policy_listing(policies, interpretations, params, *, policy_kinds, today):
    """Context for the index: the chosen filters, their choices and the matching pages, newest first.

    ``policies`` and ``interpretations`` are the index's live pages of each type; ``policy_kinds`` the
    policies' kinds (choices).
    """
    cities = list(City.objects.all())
    kinds = kind_choices(policy_kinds)
    chosen = {
        "city": params.get("city", "") if params.get("city") in {c.slug for c in cities} else "",
        "kind": params.get("kind", "") if params.get("kind") in dict(kinds) else "",
        "status": params.get("status", "") if params.get("status") in STATUS_LABELS else "",
    }
    policies = policies.select_related("city")
    interpretations = interpretations.select_related("policy", "policy__city")
    if chosen["city"]:
        policies = policies.filter(city__slug=chosen["city"])
        interpretations = interpretations.filter(policy__city__slug=chosen["city"])
    if chosen["kind"] == INTERPRETATION:
        policies = policies.none()
    elif chosen["kind"]:
        policies = policies.filter(kind=chosen["kind"])
        interpretations = interpretations.none()
    entries = [(page, page.status_on(today)) for page in policies]
    entries += [(page, page.policy.status_on(today)) for page in interpretations]
    if chosen["status"]:
        entries = [(page, status) for page, status in entries if status.code == chosen["status"]]
    order = {page.pk: position for position, page in enumerate(newest_first([page for page, _ in entries]))}
    entries.sort(key=lambda entry: order[entry[0].pk])
    return {
        "entries": entries,
        "filters": chosen,
        "filtered": any(chosen.values()),
        "city_choices": [(city.slug, city.name) for city in cities],
        "kind_choices": kinds,
        "status_choices": list(STATUS_LABELS.items()),
    }
