"""The star and subsidy each score band gives, so the self-assessment page can predict them as the operator types.

Computed with the engine's own functions at every band threshold of the round's rules; the page picks the
highest threshold the (rounded) total reaches.
"""

from policies.rules.engine import performance_subsidy, star_rating


def prediction_bands(rules, facility_type):
    """[{"from": threshold, "stars": n or None, "yuan": amount}], lowest threshold first, plus the decimals."""
    keys = ("stars_by_score", "subsidy_by_score")
    thresholds = sorted({row.threshold for key in keys for row in rules.find(key, facility_type)})
    bands = []
    for threshold in thresholds:
        stars, _row = star_rating(rules, facility_type, threshold)
        subsidy, _row = performance_subsidy(rules, facility_type, threshold, stars)
        bands.append({"from": float(threshold), "stars": stars, "yuan": subsidy})
    decimals = rules.single("score_decimals", facility_type)
    return {"bands": bands, "decimals": int(decimals.value) if decimals else 1}
