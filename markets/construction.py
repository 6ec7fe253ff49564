"""The bureau's construction summary: markets and stations per county against the targets.

Ningde asks every county to report its construction each quarter (宁人社规〔2024〕3号
三（四） and annex 3, 建设情况汇总表, whose columns the published text does not give;
the columns here are the portal's interpretation and the sheet says so).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q

from portal.vocabulary import FacilityType

from .models import ConstructionTarget, MarketPage

MARKET, STATION = FacilityType.MARKET, FacilityType.STATION


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def parse(cls, text):
        """ "2026Q4" → Quarter(2026, 4); None when the text is not a quarter."""
        try:
            year, number = text.upper().split("Q")
            quarter = cls(int(year), int(number))
        except (AttributeError, ValueError):
            return None
        return quarter if 1 <= quarter.number <= 4 and 2000 <= quarter.year <= 2100 else None

    @classmethod
    def containing(cls, day):
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def start(self):
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self):
        if self.number == 4:
            return date(self.year, 12, 31)
        return date(self.year, 3 * self.number + 1, 1) - timedelta(days=1)

    def __str__(self):
        return f"{self.year}年第{self.number}季度"

    @property
    def code(self):
        return f"{self.year}Q{self.number}"


@dataclass
class Row:
    name: str
    markets: int = 0
    stations: int = 0
    new_markets: int = 0
    new_stations: int = 0
    samples: int = 0
    target: ConstructionTarget | None = None
    is_city_total: bool = False
    counties: list = field(default_factory=list)

    @property
    def progress_market(self):
        return self.progress(MARKET)

    @property
    def progress_station(self):
        return self.progress(STATION)

    def progress(self, kind):
        """ "8/10" style text for the target of ``kind``, or "—" when no target is set."""
        wanted = getattr(self.target, f"{kind}s_target", None) if self.target else None
        if wanted is None:
            return "—"
        have = self.markets if kind == MARKET else self.stations
        return f"{have}/{wanted}（{'已完成' if have >= wanted else f'差{wanted - have}'}）"


def counted_markets(quarter):
    """Markets in service at the end of ``quarter``: published, recognized by then (or date not entered), and
    not withdrawn by then. A market withdrawn later still counts for the quarters it served in."""
    recognized_by_then = Q(recognized_on__lte=quarter.end) | Q(recognized_on__isnull=True)
    not_yet_withdrawn = ~Q(status=MarketPage.Status.WITHDRAWN) | Q(withdrawn_on__gt=quarter.end)
    markets = MarketPage.objects.live().filter(recognized_by_then, not_yet_withdrawn)
    return markets.values_list("county_id", "facility_type", "recognized_on", "is_sample")


def latest_targets():
    """The target with the latest deadline for each city (county None) and county."""
    targets = {}
    for target in ConstructionTarget.objects.order_by("deadline"):
        targets[(target.city_id, target.county_id)] = target
    return targets


def summarize(counties, quarter):
    """One row per county in ``counties`` and a total row per city, with their targets."""
    counties = list(counties.select_related("city").order_by("city__sort_order", "sort_order"))
    targets = latest_targets()
    rows_by_county = {
        county.pk: Row(county.name, target=targets.get((county.city_id, county.pk))) for county in counties
    }
    for county_id, kind, recognized_on, is_sample in counted_markets(quarter):
        row = rows_by_county.get(county_id)
        if row is None:
            continue
        is_new = recognized_on is not None and quarter.start <= recognized_on <= quarter.end
        if kind == MARKET:
            row.markets += 1
            row.new_markets += is_new
        else:
            row.stations += 1
            row.new_stations += is_new
        row.samples += is_sample
    summary = []
    for city in dict.fromkeys(county.city for county in counties):
        city_rows = [rows_by_county[county.pk] for county in counties if county.city_id == city.pk]
        total = Row(f"{city.name}合计", target=targets.get((city.pk, None)), is_city_total=True, counties=city_rows)
        for attribute in ("markets", "stations", "new_markets", "new_stations", "samples"):
            setattr(total, attribute, sum(getattr(row, attribute) for row in city_rows))
        summary.append(total)
    return summary


NOTE = (
    "说明：宁德方案附件3《建设情况汇总表》的栏目未随文本公布，本表栏目为本平台的理解；"
    "统计口径为截至季度末已发布、未退出且已认定（或认定日期未填写）的零工市场（驿站）。"
)
