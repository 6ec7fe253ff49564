"""Which cases a member of staff may see and handle: those of the counties ``portal.scoping`` gives them."""

from portal.scoping import can_see_county, counties_for


def cases_visible_to(user, queryset, county_field="handling_county"):
    """Only the cases of counties ``user`` may see (city staff: their whole city)."""
    return queryset.filter(**{f"{county_field}__in": counties_for(user)})


def can_handle(user, case, county_field="handling_county"):
    county = getattr(case, county_field)
    return user.is_authenticated and can_see_county(user, county)
