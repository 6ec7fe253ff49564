"""Star ratings by year: the bureau's award record (星级认定), kept apart from the market's page.

A rating is a row of its own, not page content: a page's revision, draft or copy can neither add nor drop one.
The annual assessment records its awards with ``record_star_rating`` when a result becomes final; the bureau
records historic ones by hand under 星级认定 in the admin.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from portal.vocabulary import QUANZHOU, FacilityType

# Quanzhou rates markets only: 二（二）1 "所在地人社部门每年度负责对零工市场进行星级认定", while 二（二）2
# pays stations by score ("对零工驿站工作情况进行核查。得分满90分及以上的…"). Ningde rates both
# (二（四）1 "零工驿站按照3万元、2万元、1万元给予绩效补助" for 五星、四星、三星).
QUANZHOU_STATION_NOT_RATED = _(
    "泉州市的零工驿站不评定星级：泉州方案二（二）2规定“所在地人社部门每年度负责对零工驿站工作情况进行核查”，"
    "按得分给予绩效补助；星级认定只适用于零工市场（二（二）1）。"
)


def is_quanzhou_station(market):
    return market.facility_type == FacilityType.STATION and market.county.city.slug == QUANZHOU


class MarketStarRating(models.Model):
    """The star rating (星级认定) a market or station earned in a year."""

    market = models.ForeignKey(
        "markets.MarketPage",
        on_delete=models.CASCADE,
        related_name="star_ratings",
        verbose_name=_("零工市场（驿站）"),
    )
    year = models.PositiveSmallIntegerField(_("年度"), validators=[MinValueValidator(2024), MaxValueValidator(2100)])
    stars = models.PositiveSmallIntegerField(
        _("星级"),
        choices=[(3, _("三星")), (4, _("四星")), (5, _("五星"))],
        help_text=_(
            "评定五星、四星、三星。泉州只对零工市场评定（泉州方案二（二）1），零工驿站按得分补助、不评星级"
            "（二（二）2）；宁德零工市场和零工驿站均评定（宁德方案二（四）1）。"
        ),
    )
    official_title = models.CharField(
        _("命名名称"),
        max_length=100,
        blank=True,
        help_text=_(
            "如“泉州市2026年度五星级零工市场”（泉州方案二（二）1：命名名称统一为“泉州市XX年度X星级零工市场”）。"
        ),
    )
    awarded_on = models.DateField(_("认定日期"), null=True, blank=True)
    source = models.CharField(
        _("来源"),
        max_length=200,
        blank=True,
        help_text=_("如“年度考核 KH20261201-0001，公示期满无异议”；人工录入的历年认定填“人工录入”及依据文件。"),
    )
    recorded_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["market", "year"], name="one_star_rating_per_year")]
        verbose_name = _("星级认定")
        verbose_name_plural = _("星级认定")

    def __str__(self):
        return f"{self.market.title} {self.year}年度{self.get_stars_display()}"

    def clean(self):
        super().clean()
        if self.market_id is None:
            return
        errors = {}
        if is_quanzhou_station(self.market):
            errors["stars"] = QUANZHOU_STATION_NOT_RATED
        if self.year and self._year_taken():
            errors["year"] = _("该零工市场（驿站）已有%(year)s年度的星级认定，请打开原记录修改。") % {"year": self.year}
        if errors:
            raise ValidationError(errors)

    def _year_taken(self):
        others = MarketStarRating.objects.filter(market_id=self.market_id, year=self.year)
        return others.exclude(pk=self.pk).exists() if self.pk else others.exists()


@transaction.atomic
def record_star_rating(market, year, stars, *, official_title="", awarded_on=None, source=""):
    """Record ``market``'s rating for ``year`` (the one row of that year, created or updated) and return it.

    Checked as the admin's form is (stars 3 to 5, the year, Quanzhou's stations not rated): raises ValidationError
    with the message per field, in Chinese, and records nothing then.
    """
    rating = MarketStarRating.objects.select_for_update().filter(market=market, year=year).first()
    if rating is None:
        rating = MarketStarRating(market=market, year=year)
    rating.stars = stars
    rating.official_title = official_title
    rating.awarded_on = awarded_on
    rating.source = source
    rating.full_clean()
    rating.save()
    return rating
