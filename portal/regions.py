"""The regions the portal serves: the cities and their county-level districts (the bottom layer).

The starting data: the two cities and their districts (GB/T 2260 codes; functional zones have none).

Coordinates are each government seat's, in WGS-84, for "nearest by county".
The bureau edits regions in the admin; this is the starting data.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .vocabulary import NINGDE, QUANZHOU


class City(models.Model):
    """A prefecture-level city whose bureau publishes on the portal (泉州市, 宁德市)."""

    slug = models.SlugField(_("代码"), unique=True, help_text=_("规则引擎和接口使用的代码，如 quanzhou"))
    name = models.CharField(_("名称"), max_length=20, unique=True)
    division_code = models.CharField(_("行政区划代码"), max_length=6, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("设区市")
        verbose_name_plural = _("设区市")

    def __str__(self):
        return self.name


class County(models.Model):
    """A county-level district (县（市、区）) or a functional zone handled like one."""

    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="counties", verbose_name=_("设区市"))
    name = models.CharField(_("名称"), max_length=30, unique=True)
    division_code = models.CharField(
        _("行政区划代码"), max_length=6, blank=True, help_text=_("开发区、投资区等功能区没有行政区划代码，可留空")
    )
    is_functional_zone = models.BooleanField(_("功能区"), default=False)
    latitude = models.DecimalField(_("纬度（WGS-84）"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("经度（WGS-84）"), max_digits=9, decimal_places=6, null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["city__sort_order", "sort_order", "name"]
        verbose_name = _("县（市、区）")
        verbose_name_plural = _("县（市、区）")

    def __str__(self):
        return self.name


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
