"""The page base every section shares, and the page-tree helpers every app's seed uses (the bottom layer: it
imports no app)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class IntroPage(Page):
    """A page with an editable introduction (导语): the sections and their simple pages."""

    intro = RichTextField(_("导语"), blank=True, features=["bold", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        abstract = True


def child_by_slug(parent, slug):
    return parent.get_children().filter(slug=slug).specific().first()


def add_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_child(parent, model, slug, **fields):
    """Return the child page with ``slug``, creating and publishing it if missing."""
    existing = child_by_slug(parent, slug)
    if existing is not None:
        return existing
    return add_child(parent, model(slug=slug, **fields))
