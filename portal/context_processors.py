from django.core.cache import cache
from django.urls import reverse, translate_url
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, override
from wagtail.models import Site

from . import content_version

# A day at most; a change to the site drops it at once (see site_navigation).
NAVIGATION_SECONDS = 24 * 60 * 60


def site_navigation(request):
    """The top-level sections for the header navigation, from the page tree.

    Every page rendered shows them, so they are kept in the cache until anything public changes (the page cache's
    version, ``portal.content_version``, which every such change moves on).
    """
    if request is None:
        return {"nav_sections": [], "site_root": None}
    key = f"site-navigation:{content_version.current()}:{get_language()}:{request.get_host()}"
    navigation = cache.get(key)
    if navigation is None:
        navigation = read_navigation(request)
        cache.set(key, navigation, NAVIGATION_SECONDS)
    return navigation


def read_navigation(request):
    site = Site.find_for_request(request)
    if site is None:
        return {"nav_sections": [], "site_root": None}
    root = site.root_page.specific
    return {"nav_sections": list(root.get_children().live().in_menu()), "site_root": root}


def language_switch(request):
    """The same page in the other language: a plain link (the language is in the path), so no page needs a form
    for it and anonymous pages can be cached."""
    if request is None:
        return {}
    other = "zh-hans" if get_language() == "en" else "en"
    here = request.get_full_path()
    there = translate_url(here, other)
    if there == here:  # a page outside the language-prefixed URLs: the other language's home page
        with override(other):
            there = reverse("wagtail_serve", args=[""])
    # The editors' content is written in Chinese only: under /en/ it says so, for screen readers (WCAG 3.1.2).
    content_lang = mark_safe(' lang="zh-Hans"') if get_language() == "en" else ""
    return {"other_language": other, "other_language_url": there, "content_lang": content_lang}
