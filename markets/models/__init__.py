"""The directory of gig markets (零工市场) and gig stations (零工驿站).

Tree: MarketIndexPage (/markets/) → CountyDirectoryPage (one per county; county
editors work below theirs) → MarketPage.
"""

from .market import MarketPage, MarketPageQuerySet
from .opening import MarketHoursException, MarketOpeningHours, status_change_times
from .published import MarketLegalHelpChannel, MarketPublicWelfareJob, MarketTrainingSession
from .ratings import MarketStarRating, record_star_rating
from .sections import CountyDirectoryPage, MarketIndexPage
from .standards import MarketFacility, MarketService, MarketTrade, StandardListEntry
from .targets import ConstructionTarget

__all__ = [
    "ConstructionTarget",
    "CountyDirectoryPage",
    "MarketFacility",
    "MarketHoursException",
    "MarketIndexPage",
    "MarketLegalHelpChannel",
    "MarketOpeningHours",
    "MarketPage",
    "MarketPageQuerySet",
    "MarketPublicWelfareJob",
    "MarketService",
    "MarketStarRating",
    "MarketTrade",
    "MarketTrainingSession",
    "StandardListEntry",
    "record_star_rating",
    "status_change_times",
]
