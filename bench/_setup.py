"""What the benchmarks share: a throwaway portal configured for measuring, and pages inserted in bulk.

Not a benchmark itself (``python -m bench`` skips modules whose name starts with an underscore).
"""

import os
import tempfile

BATCH = 400


def configure(prefix, **environment):
    """Settings for a benchmark run: a throwaway SQLite database (or BENCH_DATABASE_URL), production settings
    without HTTPS or debug, quiet logs, files in a work folder; ``environment`` adds or overrides variables."""
    workdir = tempfile.mkdtemp(prefix=prefix)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.update(HTTPS_ONLY="false", DEBUG="false", DEMO_MODE="false", LOG_LEVEL="WARNING")
    os.environ.update(ALLOWED_HOSTS="testserver", **environment)
    for name in ("MEDIA_ROOT", "PRIVATE_MEDIA_ROOT", "STATIC_ROOT"):  # nothing of a run lands in var/
        os.environ.setdefault(name, f"{workdir}/{name.lower()}")
    import django

    django.setup()


def last_step(parent):
    """The treebeard step of the parent's last child (0 without children): new children follow it."""
    from wagtail.models import Page

    last = parent.get_last_child()
    return 0 if last is None else Page._str2int(last.path[-Page.steplen :])


def insert_children(model, parents, pages):
    """Insert unsaved ``pages`` of ``model`` (a direct subclass of Page) under ``parents`` in turn, in bulk."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from wagtail.models import Locale, Page

    content_type, locale, now = ContentType.objects.get_for_model(model), Locale.get_default(), timezone.now()
    steps = {parent.pk: last_step(parent) for parent in parents}
    for number, page in enumerate(pages):
        parent = parents[number % len(parents)]
        steps[parent.pk] += 1
        page.path = model._get_path(parent.path, parent.depth + 1, steps[parent.pk])
        page.depth, page.numchild = parent.depth + 1, 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type, page.locale, page.live, page.draft_title = content_type, locale, True, page.title
        page.first_published_at = page.last_published_at = now
    for start in range(0, len(pages), BATCH):
        batch = pages[start : start + BATCH]
        Page.objects.bulk_create(batch)  # fills the parent table's ids
        for page in batch:
            page.page_ptr_id = page.id
        model.objects._insert(batch, fields=model._meta.local_concrete_fields, raw=True)
    for parent in parents:
        Page.objects.filter(pk=parent.pk).update(numchild=parent.get_children().count())


def market_pages(county_pages, count, rng):
    """``count`` unsaved sample stations spread over the county pages, within about 30 km of each county seat."""
    from markets.models import MarketPage

    pages = []
    for number in range(count):
        county = county_pages[number % len(county_pages)].county
        pages.append(
            MarketPage(
                title=f"{county.name}示例{number}零工驿站",
                slug=f"bench-market-{number}",
                facility_type="station",
                county=county,
                latitude=float(county.latitude) + rng.uniform(-0.3, 0.3),
                longitude=float(county.longitude) + rng.uniform(-0.3, 0.3),
                is_sample=True,
            )
        )
    return pages
