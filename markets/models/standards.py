"""The lists the standards fix: services (clause 1 of both) and facilities (Quanzhou 5–7, Ningde 6); and the
trades (职业/工种) markets publish, a list the bureau keeps."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StandardListEntry(models.Model):
    """An entry of a list the standards fix, with the clause it comes from."""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=40)
    source = models.CharField(_("依据"), max_length=120, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        abstract = True
        ordering = ["sort_order"]

    def __str__(self):
        return self.name


class MarketService(StandardListEntry):
    """A service from the standards' service list (clause 1 of both standards)."""

    class Meta(StandardListEntry.Meta):
        verbose_name = _("服务项目")
        verbose_name_plural = _("服务项目")


class MarketFacility(StandardListEntry):
    """A facility from the standards' facility lists (Quanzhou clauses 5–7, Ningde clause 6)."""

    class Meta(StandardListEntry.Meta):
        verbose_name = _("便民设施")
        verbose_name_plural = _("便民设施")


class MarketTrade(StandardListEntry):
    """A trade (职业/工种) a market mainly serves: what Ningde's plan 三（三） and both standards' clause 9 ask markets
    to publish. The bureau keeps the list (the policies name no trades; see ``catalog.TRADES``)."""

    class Meta(StandardListEntry.Meta):
        verbose_name = _("职业（工种）")
        verbose_name_plural = _("职业（工种）")
