"""Which counties and cities a member of staff may see: the one rule every case list and admin screen uses."""

from .regions import City, County
from .roles import StaffScope


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


def city_ids_for(user):
    """The ids of the cities whose bureau ``user`` works for (city-level groups; every city for a superuser)."""
    if user.is_superuser:
        return set(City.objects.values_list("pk", flat=True))
    scopes = StaffScope.objects.filter(group__user=user, county__isnull=True)
    return set(scopes.values_list("city_id", flat=True))
