"""A market's most recent star rating (what its page shows), as database expressions for lists of many markets."""

from django.db.models import OuterRef, Subquery


def _latest(model, field):
    ratings = model._meta.get_field("star_ratings").related_model.objects.filter(market=OuterRef("pk"))
    return Subquery(ratings.order_by("-year").values(field)[:1])


def latest_stars(model):
    """The stars of a market's most recent rating year."""
    return _latest(model, "stars")


def latest_official_title(model):
    """The official title of a market's most recent rating (泉州市2026年度五星级零工市场), "" or None without one."""
    return _latest(model, "official_title")
