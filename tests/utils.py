"""Helpers shared by the tests: make_* functions that build what a test needs."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal.models import County


def make_user(username="user", *, groups=(), password="correct horse battery staple", **fields):
    user = get_user_model().objects.create_user(username=username, password=password, **fields)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def make_county_staff(county_name, role_label="县级办案人员", username=None):
    """A member of a county group, e.g. make_county_staff("晋江市", "县级编辑")."""
    county = County.objects.get(name=county_name)
    return make_user(username or f"{county.pk}-{role_label}", groups=[f"{county_name}{role_label}"])


def make_city_staff(city_name, role_label="市级编辑", username=None):
    return make_user(username or f"{city_name}-{role_label}", groups=[f"{city_name}{role_label}"])
