"""The directory's county pages (one per county, where county editors work)."""

from portal.models import County

from .models import CountyDirectoryPage, MarketIndexPage


def load(home, stdout):
    directory = MarketIndexPage.objects.child_of(home).get()
    existing = set(CountyDirectoryPage.objects.child_of(directory).values_list("county_id", flat=True))
    for county in County.objects.select_related("city").exclude(pk__in=existing):
        page = CountyDirectoryPage(title=county.name, slug=f"county-{county.pk}", county=county)
        directory.add_child(instance=page)
        page.save_revision().publish()
