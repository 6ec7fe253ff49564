"""Star ratings by year, awarded by the bureau."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel


class MarketStarRating(models.Model):
    """The star rating (星级认定) a market or station earned in a year."""

    market = ParentalKey("markets.MarketPage", on_delete=models.CASCADE, related_name="star_ratings")
    year = models.PositiveSmallIntegerField(_("年度"), validators=[MinValueValidator(2024), MaxValueValidator(2100)])
    stars = models.PositiveSmallIntegerField(
        _("星级"),
        choices=[(3, _("三星")), (4, _("四星")), (5, _("五星"))],
        help_text=_(
            "评定五星、四星、三星。泉州只对零工市场评定（泉州方案二（二）1），零工驿站按得分补助、不评星级"
            "（二（二）2）；宁德零工市场和零工驿站均评定（宁德方案二（四）1）。"
        ),
    )

    panels = [FieldRowPanel([FieldPanel("year"), FieldPanel("stars")])]

    class Meta:
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["market", "year"], name="one_star_rating_per_year")]
        verbose_name = _("星级认定")
        verbose_name_plural = _("星级认定")

    def __str__(self):
        return f"{self.year}年度{self.get_stars_display()}"
