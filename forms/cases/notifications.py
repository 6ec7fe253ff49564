"""Whom the bureau's e-mails about a case go to."""

from portal.roles import StaffScope
from portal.scoping import county_staff


def county_case_handlers(county):
    """The county's case handlers who have an e-mail address."""
    return county_staff(county, StaffScope.Role.COUNTY_CASE_HANDLER).exclude(email="")
