"""The standard form of a market's or station's official name.

Quanzhou standard clause 1: signs read “泉州市××县（市、区）零工市场（驿站）”.
Ningde standard clause 2: “××县（市、区）××（可细化至社区或特定行业）零工市场（驿站）”.
Both therefore begin with the county (optionally after the city) and end with
the type's name, “零工市场” for a market or “零工驿站” for a station.
"""

from portal.vocabulary import FACILITY_NAMES


def official_name_problem(name, *, county_name, city_name, facility_type):
    """A Chinese message saying how ``name`` departs from the standard form, or None when it matches."""
    name = (name or "").strip()
    suffix = FACILITY_NAMES[facility_type]
    example = f"“{county_name}××{suffix}”或“{city_name}{county_name}{suffix}”"
    rest = name.removeprefix(city_name)
    if not rest.startswith(county_name):
        return f"名称应以所在县（市、区）“{county_name}”开头，标准格式为{example}（泉州标准第1条、宁德标准第2条）。"
    if not name.endswith(suffix):
        return f"类型为{suffix}，名称应以“{suffix}”结尾，标准格式为{example}。"
    return None
