"""/sitemap.xml: every live, public page of the site (Wagtail's sitemap) and every document anyone may open.

Which documents are public is decided where search decides it (``search.registry.open_documents``: none in a
collection that a view restriction closes). Both kinds give full addresses on the Wagtail site's own root URL,
as Wagtail does for pages, whatever host the crawler asked.
"""

from wagtail.contrib.sitemaps import Sitemap

from search.registry import open_documents


class DocumentSitemap(Sitemap):
    """Wagtail's sitemap of pages, made to list the documents instead."""

    def items(self):
        return open_documents().order_by("pk")

    def lastmod(self, document):
        return document.created_at

    def _urls(self, page, protocol, domain):
        root_url = self.get_wagtail_site().root_url
        urls = [
            {"item": document, "location": root_url + document.url, "lastmod": self.lastmod(document)}
            for document in self.paginator.page(page).object_list
        ]
        if urls:
            self.latest_lastmod = max(url["lastmod"] for url in urls)
        return urls


# Wagtail's own Sitemap lists the live pages with no view restriction, their own or an ancestor's.
SITEMAPS = {"pages": Sitemap, "documents": DocumentSitemap}
