"""What the public guide page shows: search, sort, change from last year and one occupation's chart."""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q
from django.utils.translation import gettext, gettext_lazy

from .bands import BANDS, PAY_UNITS, UNIT_NAMES

SORTS = {
    "": ("sort_order", gettext_lazy("默认顺序")),
    "occupation": ("occupation", gettext_lazy("按职业名称")),
    "median": ("median", gettext_lazy("中位数从低到高")),
    "-median": ("-median", gettext_lazy("中位数从高到低")),
    "change": (None, gettext_lazy("较上年涨幅从高到低")),
}


def change_percent(current, previous):
    if previous is None or not previous:
        return None
    return ((current - previous) / previous * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def previous_rates_by_occupation(guide):
    previous = guide.previous_guide()
    if previous is None:
        return None, {}
    return previous, {(rate.occupation, rate.pay_unit): rate for rate in previous.rates.all()}


def search_rates(guide, query="", unit="", sort=""):
    rates = guide.rates.all()
    if query:
        rates = rates.filter(
            Q(occupation__icontains=query)
            | Q(common_names__icontains=query)
            | Q(category__icontains=query)
            | Q(occupation_code=query)
        )
    if unit in UNIT_NAMES:
        rates = rates.filter(pay_unit=unit)
    order, _label = SORTS.get(sort, SORTS[""])
    return list(rates.order_by(order, "sort_order") if order else rates)


def guide_context(guide, request):
    query = request.GET.get("q", "").strip()[:40]
    unit = request.GET.get("unit", "")
    sort = request.GET.get("sort", "") if request.GET.get("sort", "") in SORTS else ""
    previous, previous_by_key = previous_rates_by_occupation(guide)
    rates = search_rates(guide, query, unit, sort)
    for rate in rates:
        last = previous_by_key.get((rate.occupation, rate.pay_unit))
        rate.previous_median = last.median if last else None
        rate.median_change = change_percent(rate.median, rate.previous_median)
        rate.chart_url = guide.chart_url(rate)
    if sort == "change":
        rates.sort(key=lambda rate: (rate.median_change is None, -(rate.median_change or 0)))
    return {
        "rates": rates,
        "rate_count": guide.rates.count(),
        "previous": previous,
        "query": query,
        "unit": unit,
        "units": PAY_UNITS,
        "sort": sort,
        "sorts": [(key, label) for key, (_order, label) in SORTS.items()],
        "band_headings": [gettext(label) for _field, label in BANDS],
        "csv_url": guide.url + guide.reverse_subpage("csv"),
        "xlsx_url": guide.url + guide.reverse_subpage("xlsx"),
    }


def chart_for(rate, previous_rate):
    """Bars for each band of this year and last year, scaled to the highest price shown."""
    rows = []
    for field, label in BANDS:
        current = getattr(rate, field)
        before = getattr(previous_rate, field) if previous_rate else None
        if current is None and before is None:
            continue
        change = change_percent(current, before) if current else None
        rows.append({"label": label, "current": current, "previous": before, "change": change})
    top = max(value for row in rows for value in (row["current"], row["previous"]) if value is not None)
    for row in rows:
        row["current_width"] = bar_width(row["current"], top)
        row["previous_width"] = bar_width(row["previous"], top)
    return rows


def bar_width(value, top):
    """Width of a bar in the chart's 0-200 coordinate range."""
    return 0 if value is None else float(value / top * 200)
