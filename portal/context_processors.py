from wagtail.models import Site


def site_navigation(request):
    """The top-level sections for the header navigation, from the page tree."""
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"nav_sections": [], "site_root": None}
    root = site.root_page.specific
    sections = root.get_children().live().in_menu()
    return {"nav_sections": sections, "site_root": root}
