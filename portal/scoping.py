"""Which counties and cities a member of staff may see, who works for a county, and which groups hold a role:
the one rule every case list, admin screen, notification and permission grant uses."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Q

from .regions import City, County
from .roles import OPERATOR_GROUP, StaffScope


def counties_for(user):
    """The counties whose cases and pages ``user`` may see (a County queryset)."""
    if not user.is_authenticated or not user.is_active:
        return County.objects.none()
    if user.is_superuser:
        return County.objects.all()
    scopes = StaffScope.objects.filter(group__user=user)
    whole_cities = scopes.filter(county__isnull=True).values("city")
    single_counties = scopes.filter(county__isnull=False).values("county")
    return County.objects.filter(city__in=whole_cities) | County.objects.filter(pk__in=single_counties)


def is_city_staff(user):
    """City staff (and superusers) see every county of their city."""
    if user.is_superuser:
        return True
    return StaffScope.objects.filter(group__user=user, county__isnull=True).exists()


def can_see_county(user, county):
    return counties_for(user).filter(pk=county.pk).exists()


def cities_for(user):
    """The cities whose bureau ``user`` works for (a City queryset): the cities of their city-level groups
    (市级管理员, 市级编辑), every city for a superuser. City-wide data, such as a wage guide, is theirs to change."""
    if user.is_superuser:
        return City.objects.all()
    city_scopes = StaffScope.objects.filter(group__user=user, county__isnull=True)
    return City.objects.filter(pk__in=city_scopes.values("city"))


def cities_worked_in(user):
    """The cities of ``cities_for(user)`` and of the counties they work for: where their pages may belong."""
    return City.objects.filter(Q(pk__in=cities_for(user)) | Q(pk__in=counties_for(user).values("city")))


def city_ids_for(user):
    """The ids of ``cities_for(user)``."""
    return set(cities_for(user).values_list("pk", flat=True))


def county_staff(county, role):
    """The active users of ``county``'s own groups holding ``role`` (a ``StaffScope.Role``), e.g. its 县级办案人员;
    city staff, who see the county too, are not among them."""
    users = get_user_model().objects.filter(is_active=True, groups__scope__county=county, groups__scope__role=role)
    return users.distinct()


def groups_with_role(role):
    """The staff groups holding ``role`` (a ``StaffScope.Role``) in any city or county, e.g. every 市级编辑
    group, for an app to grant its model permissions to."""
    return Group.objects.filter(scope__role=role)


def grantable_groups(user):
    """The groups ``user`` may give to accounts they manage: a city administrator, their own city's staff groups
    and the operators' group; a superuser, every group."""
    if user.is_superuser:
        return Group.objects.all()
    own_city = Group.objects.filter(scope__city__in=cities_for(user))
    return (own_city | Group.objects.filter(name=OPERATOR_GROUP)).distinct()


def manageable_users(user):
    """The accounts ``user`` may see and change in the admin: never a superuser's (unless they are one); a city
    administrator's, their own city's staff (every group of theirs in the city) and operators (of the city)."""
    users = get_user_model().objects.all()
    if user.is_superuser:
        return users
    cities = cities_for(user)
    foreign = Group.objects.exclude(scope__city__in=cities).exclude(name=OPERATOR_GROUP)
    staff = users.filter(groups__scope__city__in=cities)
    operators = users.filter(operator_profile__county__city__in=cities)
    return (staff | operators).filter(is_superuser=False).exclude(groups__in=foreign).distinct()
