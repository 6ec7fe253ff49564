"""Where each thing a market publishes comes from, and the employment platform each city's markets show.

``SOURCES`` names, per city, the clauses (of the standard, 附件1) and parts of the plan each item of a market page
follows; ``source_links`` turns them into links to the policy page (``PolicyClause.get_absolute_url``, as the
calculator and the criteria pages link clauses), taken from the city's policy that applies today.

``PLATFORMS`` are the defaults a market page shows when its editor has not written its own instructions:
Quanzhou standard 12 asks for “‘泉就业’零工平台专区，固定展示平台小程序二维码及操作指引”; Ningde's plan 二（二）
announces one platform for the whole city (小程序为主渠道) without naming it, so none is named here.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from policies.models import PolicyClause
from portal.vocabulary import NINGDE, QUANZHOU

# item → city → [("clause", number of the standard) | ("anchor", anchor in the plan's text, its label)]
SOURCES = {
    "trades": {
        QUANZHOU: [("clause", 9)],
        NINGDE: [("anchor", "part-3", "三（三）"), ("clause", 9)],
    },
    "public_welfare_jobs": {QUANZHOU: [("clause", 13)], NINGDE: [("clause", 13)]},
    "training": {QUANZHOU: [("clause", 15), ("clause", 16)], NINGDE: [("clause", 14), ("clause", 15)]},
    "legal_help": {QUANZHOU: [("clause", 18)], NINGDE: [("clause", 16)]},
    "platform": {
        QUANZHOU: [("clause", 12)],
        NINGDE: [("anchor", "part-2-2", "二（二）"), ("anchor", "part-3", "三（三）")],
    },
}


@dataclass(frozen=True)
class SourceLink:
    citation: str  # 泉州市实施方案 附件1 第13条
    url: str
    policy_title: str


def applying_policy(pages, today):
    """Of the city's policy pages, the newest that applies today, else the newest."""
    pages = sorted(pages, key=lambda page: (page.valid_from is not None, page.valid_from or 0, page.pk))
    applying = [page for page in pages if page.applies_on(today)]
    return (applying or pages)[-1] if pages else None


def source_links(city, today):
    """{item: [SourceLink]} for a market of ``city``, from the city's live policy that applies on ``today``; an
    item's list is empty when the city has no such policy or it lacks the clause. One query."""
    numbers = {source[1] for item in SOURCES.values() for source in item.get(city.slug, []) if source[0] == "clause"}
    clauses = list(
        PolicyClause.objects.filter(page__city=city, page__live=True, number__in=numbers).select_related("page")
    )
    policy = applying_policy({clause.page for clause in clauses}, today)
    if policy is None:
        return {item: [] for item in SOURCES}
    by_number = {clause.number: clause for clause in clauses if clause.page_id == policy.pk}
    prefix = _("%(city)s实施方案") % {"city": city.name}
    links = {}
    for item, cities in SOURCES.items():
        links[item] = []
        for kind, target, *label in cities.get(city.slug, []):
            if kind == "anchor":
                links[item].append(SourceLink(f"{prefix} {label[0]}", f"{policy.url}#{target}", policy.title))
            elif target in by_number:
                clause = by_number[target]
                clause.page = policy  # one page object for every link
                links[item].append(SourceLink(f"{prefix} {clause.citation}", clause.get_absolute_url(), policy.title))
    return links


@dataclass(frozen=True)
class Platform:
    name: str
    instructions: str


PLATFORMS = {
    QUANZHOU: Platform(
        _("“泉就业”零工平台"),
        _(
            "用手机扫描二维码，打开“泉就业”零工平台小程序，即可在线求职、查看零工招聘信息；用工单位和个人可在平台"
            "发布非全日制、临时性和阶段性用工需求。不会操作的，请到综合服务窗口，工作人员会指导您在线求职招聘。"
        ),
    ),
    NINGDE: Platform(
        _("宁德市零工市场线上服务平台"),
        _(
            "用手机扫描二维码，打开全市统一的零工市场线上服务平台（小程序），可实名认证、发布需求、匹配岗位，"
            "并办理合同签订、工资结算、保险参保、技能培训和投诉反馈，24小时提供服务。不会操作的，请向现场工作人员咨询。"
        ),
    ),
}
