"""The words every app shares, defined once: the two kinds of facility and the codes of the two cities.

The bottom layer: this module imports no app of the portal, so every app may import it.
The cities themselves (names, counties, order) are ``portal.models.City`` rows; their codes
are named here for the rules and forms that differ by city.
"""

from django.db import models
from django.utils.translation import gettext_lazy, gettext_noop

QUANZHOU = "quanzhou"
NINGDE = "ningde"

# The names as the policies print them. Official names, the seed forms, their .docx and the
# rules engine's messages use these whatever the reader's language.
FACILITY_NAMES = {"market": gettext_noop("零工市场"), "station": gettext_noop("零工驿站")}


class FacilityType(models.TextChoices):
    """零工市场 or 零工驿站: the choice of every model, form and filter; the label follows the reader's language."""

    MARKET = "market", gettext_lazy(FACILITY_NAMES["market"])
    STATION = "station", gettext_lazy(FACILITY_NAMES["station"])


def chinese_date(day):
    """A date as the portal writes it: 2026年11月22日."""
    return f"{day.year}年{day.month}月{day.day}日"
