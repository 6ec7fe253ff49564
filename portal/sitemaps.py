"""/sitemap.xml: every live, public page of the site (Wagtail's sitemap) and every document anyone may open.

Which documents are public is decided where search decides it (``search.registry.open_documents``: none in a
collection that a view restriction closes). Addresses are on the portal's own address (``SITE_BASE_URL``), as in
e-mails and on QR codes, rather than on the Wagtail site's host name, which nobody needs to keep up to date.
"""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.contrib.sitemaps import Sitemap

from search.registry import open_documents


def on_portal_address(url):
    """The same path and query on SITE_BASE_URL."""
    parts = urlsplit(url)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + parts.path + (f"?{parts.query}" if parts.query else "")


class PageSitemap(Sitemap):
    """Wagtail's: the live pages with no view restriction, their own or an ancestor's."""

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            url["location"] = on_portal_address(url["location"])
        return urls


class DocumentSitemap(Sitemap):
    """Wagtail's sitemap of pages, made to list the documents instead."""

    def items(self):
        return open_documents().order_by("pk")

    def lastmod(self, document):
        return document.created_at

    def _urls(self, page, protocol, domain):
        urls = [
            {"item": document, "location": on_portal_address(document.url), "lastmod": self.lastmod(document)}
            for document in self.paginator.page(page).object_list
        ]
        if urls:
            self.latest_lastmod = max(url["lastmod"] for url in urls)
        return urls


SITEMAPS = {"pages": PageSitemap, "documents": DocumentSitemap}
