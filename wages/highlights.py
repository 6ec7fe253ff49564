"""The wage guide summary on the home page: each city's latest guide and a few daily prices."""

from dataclasses import dataclass

from .models import WageGuidePage


@dataclass
class GuideHighlight:
    guide: WageGuidePage
    rates: list


def latest_guide_highlights(per_city):
    """For each city, its latest live guide with up to ``per_city`` rates, shortage trades paid by the day first."""
    latest = {}
    for guide in WageGuidePage.objects.live().select_related("city").order_by("city__sort_order", "-year"):
        latest.setdefault(guide.city_id, guide)
    highlights = []
    for guide in latest.values():
        rates = sorted(
            guide.rates.all(), key=lambda rate: (not rate.is_shortage, rate.pay_unit != "天", rate.sort_order)
        )
        highlights.append(GuideHighlight(guide, rates[:per_city]))
    return highlights
