"""How markets present themselves: the door sign's QR code, schema.org data, the full address and public URLs."""

import json

import segno
from django.conf import settings
from django.utils.encoding import iri_to_uri
from wagtail.models import Site

SCHEMA_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def door_sign_qr_svg(page):
    """The QR code of the page's public address, for the printed door sign."""
    qr = segno.make(page.public_url(), error="m")
    return qr.svg_inline(scale=5, border=2, title=f"{page.title} 二维码", svgclass="market-qr")


def government_office_json_ld(page):
    """schema.org GovernmentOffice with geo, address and opening hours."""
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOffice",
        "name": page.title,
        "url": page.public_url(),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": page.address,
            "addressLocality": page.county.name,
            "addressRegion": f"福建省{page.county.city.name}",
            "addressCountry": "CN",
        },
        "openingHoursSpecification": [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": f"https://schema.org/{SCHEMA_DAYS[row.weekday]}",
                "opens": f"{row.opens:%H:%M}",
                "closes": f"{row.closes:%H:%M}",
            }
            for row in page.opening_hours.all()
        ]
        + [
            {
                "@type": "OpeningHoursSpecification",
                "validFrom": row.date.isoformat(),
                "validThrough": row.date.isoformat(),
                "opens": "00:00" if row.closed_all_day else f"{row.opens:%H:%M}",
                "closes": "00:00" if row.closed_all_day else f"{row.closes:%H:%M}",
            }
            for row in page.hours_exceptions.all()
            if row.closed_all_day or (row.opens and row.closes)
        ],
    }
    if page.has_location:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": page.latitude, "longitude": page.longitude}
    if page.phone:
        data["telephone"] = page.phone
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")


def full_address(city, county, township, address):
    """City, county and township before the address, unless the address already starts with the county."""
    if address.startswith(county):
        return f"{city}{address}"
    return f"{city}{county}{township}{address}"


class PageUrls:
    """Public URLs from url_path without a Site lookup per page: full ones for open data, paths for the portal's
    own map (which then works on whatever host serves it)."""

    def __init__(self, full=True):
        self.base = settings.WAGTAILADMIN_BASE_URL.rstrip("/") if full else ""
        self.roots = sorted((root.root_path for root in Site.get_site_root_paths()), key=len, reverse=True)

    def __call__(self, url_path):
        for root in self.roots:
            if url_path.startswith(root):
                return iri_to_uri(self.base + "/" + url_path[len(root) :])
        return None
