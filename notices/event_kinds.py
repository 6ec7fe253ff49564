"""What kinds of event the portal lists, the clause of the seed policy each follows, and how their times read.

- 零工专场招聘会, 流动招工大篷车, 定向招聘: Ningde's standard (附件1) clause 8, “因时因需举办零工专场招聘会，
  组织流动招工大篷车、定向招聘等活动，促进供需匹配对接”.
- 技能培训: Quanzhou's standard (附件1) clause 15, “为零工人员提供培训时，应提前公开培训计划” — a course is listed here
  before it starts.

The clause is linked as a market page links its published items (``markets.published_info``): to the clause of the
city's live policy that applies today.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from markets.published_info import SourceLink, applying_policy
from policies.models import PolicyClause
from portal.vocabulary import NINGDE, QUANZHOU


class EventKind(models.TextChoices):
    JOB_FAIR = "job_fair", _("零工专场招聘会")
    CARAVAN = "caravan", _("流动招工大篷车")
    TARGETED = "targeted", _("定向招聘")
    TRAINING = "training", _("技能培训")


# kind → (city whose policy sets it, clause of its standard)
KIND_SOURCES = {
    EventKind.JOB_FAIR: (NINGDE, 8),
    EventKind.CARAVAN: (NINGDE, 8),
    EventKind.TARGETED: (NINGDE, 8),
    EventKind.TRAINING: (QUANZHOU, 15),
}


def kind_source(kind, today):
    """The link to the clause an event of ``kind`` follows, or None when that policy or clause is not published."""
    city_slug, number = KIND_SOURCES[kind]
    clauses = list(
        PolicyClause.objects.filter(page__city__slug=city_slug, page__live=True, number=number).select_related(
            "page__city"
        )
    )
    policy = applying_policy({clause.page for clause in clauses}, today)
    clause = next((clause for clause in clauses if policy is not None and clause.page_id == policy.pk), None)
    if clause is None:
        return None
    prefix = _("%(city)s实施方案") % {"city": policy.city.name}
    return SourceLink(f"{prefix} {clause.citation}", clause.get_absolute_url(), policy.title)


def local_datetime(moment):
    """2026年11月22日 14:00, in Asia/Shanghai."""
    moment = timezone.localtime(moment)
    return f"{moment.year}年{moment.month}月{moment.day}日 {moment:%H:%M}"


def time_range(starts_at, ends_at):
    """2026年11月22日 14:00—17:00 on one day, else both moments in full."""
    start, end = timezone.localtime(starts_at), timezone.localtime(ends_at)
    if start.date() == end.date():
        return f"{local_datetime(start)}—{end:%H:%M}"
    return f"{local_datetime(start)} — {local_datetime(end)}"


def month_label(year, month):
    return f"{year}年{month}月"
