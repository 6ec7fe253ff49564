"""Which markets a round concerns and whose they are.

An operator's markets are those its approved recognition applications put in the directory; each is judged by
``eligibility.eligibility`` on the round's reference date with the rules in force then.
"""

from forms.applications import catalogue
from forms.applications.models import Application
from markets.models import MarketPage
from policies.rules.loading import load_rules

from .eligibility import eligibility
from .models import AssessmentRound


def operator_markets(profile):
    """The markets and stations the operator runs (from its approved recognition applications)."""
    ids = Application.objects.filter(
        operator=profile,
        form_kind=catalogue.RECOGNITION,
        status=Application.Status.APPROVED,
        market_page__isnull=False,
    ).values_list("market_page_id", flat=True)
    return MarketPage.objects.filter(pk__in=list(ids)).select_related("county__city")


def market_eligibility(round_, market, rules=None):
    """Whether ``market`` takes part in ``round_`` (``rules``: the round's rule set, when already loaded)."""
    rules = rules or load_rules(round_.city.slug, round_.reference_date)
    min_months = rules.single("min_months_for_performance", market.facility_type) if rules else None
    return eligibility(market.recognized_on, market.status, round_.reference_date, min_months)


def eligible_markets(round_):
    """(market, Eligibility) for every market of the round's city that takes part."""
    markets = MarketPage.objects.filter(county__city=round_.city).select_related("county")
    rules = load_rules(round_.city.slug, round_.reference_date)
    judged = [(market, market_eligibility(round_, market, rules)) for market in markets]
    return [(market, verdict) for market, verdict in judged if verdict.eligible]


def operator_of(market):
    application = (
        Application.objects.filter(market_page=market, status=Application.Status.APPROVED)
        .select_related("operator__user")
        .first()
    )
    return application.operator if application else None


def rounds_for_operator(profile, today):
    """The rounds of the operator's city that are open or were opened, newest first."""
    return AssessmentRound.objects.filter(city=profile.county.city, opens_on__lte=today).order_by("-year")
