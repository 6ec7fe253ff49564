"""One vocabulary: market and station, and the two cities, are defined once and every app uses that definition."""

import pytest
from django.utils import translation

from forms.applications import catalogue
from forms.applications.models import Application
from markets.models import MarketPage
from policies.models import RuleValue
from policies.rules import FACILITY_TYPES
from policies.views.calculator import CalculatorForm
from portal.regions import City
from portal.vocabulary import FACILITY_NAMES, FacilityType

TYPES = [("market", "零工市场"), ("station", "零工驿站")]


def choices_of(model, field_name):
    return [(value, str(label)) for value, label in model._meta.get_field(field_name).choices]


def test_every_model_and_form_offers_the_same_two_types():
    assert choices_of(MarketPage, "facility_type") == TYPES
    assert choices_of(RuleValue, "facility_type") == TYPES
    assert choices_of(Application, "market_type") == TYPES
    assert [(value, str(label)) for value, label in CalculatorForm().fields["facility_type"].choices] == TYPES


def test_the_rules_engine_and_the_seed_forms_name_the_types_as_the_vocabulary_does():
    assert FACILITY_TYPES == FACILITY_NAMES  # policies.rules.types keeps a plain copy, free of Django
    assert catalogue.MARKET_TYPES is FACILITY_NAMES


def test_labels_follow_the_reader_s_language_and_the_names_stay_as_the_policies_print_them():
    with translation.override("en"):
        assert str(FacilityType.MARKET.label) == "Gig market"
        assert FACILITY_NAMES == dict(TYPES)


@pytest.mark.django_db
def test_the_calculator_offers_the_cities_of_the_city_table_in_their_order():
    assert list(CalculatorForm().fields["city"].choices) == [("quanzhou", "泉州市"), ("ningde", "宁德市")]
    City.objects.filter(slug="ningde").update(sort_order=0, name="宁德")
    City.objects.filter(slug="quanzhou").update(sort_order=1)
    assert list(CalculatorForm().fields["city"].choices) == [("ningde", "宁德"), ("quanzhou", "泉州市")]
