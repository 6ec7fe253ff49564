"""The two cities and their county-level districts (GB/T 2260 codes; functional zones have none).

Coordinates are each government seat's, in WGS-84, for "nearest by county".
The bureau edits regions in the admin; this is the starting data.
"""

from .vocabulary import NINGDE, QUANZHOU

CITIES = [
    (
        QUANZHOU,
        "泉州市",
        "350500",
        [
            ("鲤城区", "350502", 24.907, 118.587),
            ("丰泽区", "350503", 24.888, 118.613),
            ("洛江区", "350504", 24.940, 118.671),
            ("泉港区", "350505", 25.120, 118.916),
            ("石狮市", "350581", 24.732, 118.648),
            ("晋江市", "350582", 24.782, 118.552),
            ("南安市", "350583", 24.960, 118.386),
            ("惠安县", "350521", 25.030, 118.797),
            ("安溪县", "350524", 25.056, 118.186),
            ("永春县", "350525", 25.322, 118.294),
            ("德化县", "350526", 25.491, 118.241),
            ("泉州经济技术开发区", "", 24.957, 118.608),
            ("泉州台商投资区", "", 24.955, 118.802),
        ],
    ),
    (
        NINGDE,
        "宁德市",
        "350900",
        [
            ("蕉城区", "350902", 26.660, 119.526),
            ("福安市", "350981", 27.088, 119.648),
            ("福鼎市", "350982", 27.324, 120.216),
            ("霞浦县", "350921", 26.885, 120.005),
            ("古田县", "350922", 26.578, 118.746),
            ("屏南县", "350923", 26.908, 118.986),
            ("寿宁县", "350924", 27.460, 119.514),
            ("周宁县", "350925", 27.104, 119.339),
            ("柘荣县", "350926", 27.234, 119.900),
            ("东侨经济技术开发区", "", 26.655, 119.553),
        ],
    ),
]


def ensure_regions(apps):
    """Create or update the cities and counties (called by a migration and by load_seed_content)."""
    City = apps.get_model("portal", "City")
    County = apps.get_model("portal", "County")
    for city_order, (slug, name, code, counties) in enumerate(CITIES):
        city, _ = City.objects.update_or_create(
            slug=slug, defaults={"name": name, "division_code": code, "sort_order": city_order}
        )
        for order, (county_name, county_code, lat, lng) in enumerate(counties):
            County.objects.update_or_create(
                name=county_name,
                defaults={
                    "city": city,
                    "division_code": county_code,
                    "is_functional_zone": not county_code,
                    "latitude": lat,
                    "longitude": lng,
                    "sort_order": order,
                },
            )
