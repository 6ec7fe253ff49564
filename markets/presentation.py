"""How a market page presents itself to machines and print: the door sign's QR code and schema.org data."""

import json

import segno

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
