from django.urls import reverse, translate_url
from django.utils.translation import get_language, override
from wagtail.models import Site


def site_navigation(request):
    """The top-level sections for the header navigation, from the page tree."""
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"nav_sections": [], "site_root": None}
    root = site.root_page.specific
    sections = root.get_children().live().in_menu()
    return {"nav_sections": sections, "site_root": root}


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
    return {"other_language": other, "other_language_url": there}
