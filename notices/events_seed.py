"""The events section and two sample events (is_sample): a 零工专场招聘会 at a Ningde sample market in 蕉城区 with
the Ningde job-fair sign-up, and a Quanzhou 技能培训 course with the Quanzhou training sign-up (forms.built's seed,
which runs before this step). Their dates are counted from the day the seed is loaded, so they never lie in the past
when loaded. Idempotent: an event found by its slug is left as the editors have made it."""

import datetime

from django.utils import timezone

from markets.models import MarketPage
from portal.pages import child_by_slug, ensure_child
from portal.regions import City, County
from portal.vocabulary import NINGDE, QUANZHOU

from .event_kinds import EventKind
from .event_pages import EventIndexPage, EventPage

INDEX_SLUG = "events"
INDEX_TITLE = "招聘培训活动"
INDEX_INTRO = (
    "<p>零工专场招聘会、流动招工大篷车、定向招聘和职业技能培训。活动结束前一直在此列出；可按地区、类型和月份筛选，"
    "或订阅活动日历。</p>"
)
SAMPLE = "<p><strong>（示例内容，仅用于演示平台功能。）</strong></p>"
JOB_FAIR_DAYS = 14  # the sample job fair is held two weeks after the seed is loaded
TRAINING_DAYS = 21  # the sample course starts three weeks after, for five days

SAMPLE_EVENTS = [
    {
        "slug": "ningde-jiaocheng-gig-job-fair",
        "title": "蕉城区零工专场招聘会（示例）",
        "kind": EventKind.JOB_FAIR,
        "city": NINGDE,
        "county": "蕉城区",
        "market_county": "蕉城区",
        "signup": "ningde-gig-job-fair-signup",
        "organiser": "宁德市蕉城区人力资源和社会保障局（示例）",
        "days": JOB_FAIR_DAYS,
        "length_days": 0,
        "hours": (datetime.time(9, 0), datetime.time(12, 0)),
        "offers": SAMPLE + "<p>依据《宁德市零工市场规范化建设实施方案》附件1第8条，因时因需举办零工专场招聘会。</p>"
        "<ul><li>普工、搬运装卸、保洁、家政服务、餐饮服务、建筑零工等零工岗位现场对接</li>"
        "<li>工资指导价位、劳动权益政策咨询</li><li>“线上服务平台”注册和使用指导</li></ul>"
        "<p>免费入场，请携带居民身份证。提前在线报名的，可按求职意向优先安排对接。</p>",
    },
    {
        "slug": "quanzhou-skills-training-course",
        "title": "泉州市零工人员职业技能培训班（示例）",
        "kind": EventKind.TRAINING,
        "city": QUANZHOU,
        "county": "丰泽区",
        "address": "泉州市丰泽区东海街道示例职业技能培训中心（示例地址）",
        "coordinates": (24.878, 118.642),
        "signup": "quanzhou-skills-training-signup",
        "organiser": "泉州市人力资源和社会保障局（示例）",
        "days": TRAINING_DAYS,
        "length_days": 4,
        "hours": (datetime.time(9, 0), datetime.time(17, 0)),
        "offers": SAMPLE + "<p>依据《泉州市零工市场（驿站）标准化建设实施方案》附件1第15条，提前公开本期培训计划：</p>"
        "<ul><li>培训项目：家政服务员、养老护理员、电工、焊工、中式烹调师</li>"
        "<li>每天9:00—17:00，共5天；教材易懂易学，配教学视频</li><li>培训免费，结业后推荐上岗</li></ul>",
    },
]


def load(home, stdout):
    index = ensure_child(home, EventIndexPage, INDEX_SLUG, title=INDEX_TITLE, intro=INDEX_INTRO, show_in_menus=True)
    services = home.get_children().filter(slug="services").first()
    for spec in SAMPLE_EVENTS:
        if child_by_slug(index, spec["slug"]) is None:
            page = sample_event(spec, services)
            index.add_child(instance=page)
            page.save_revision().publish()
            stdout.write(f"已载入示例招聘活动：{page.title}")


def sample_event(spec, services):
    today = timezone.localdate()
    first = today + datetime.timedelta(days=spec["days"])
    last = first + datetime.timedelta(days=spec["length_days"])
    opens, closes = spec["hours"]
    page = EventPage(
        slug=spec["slug"],
        title=spec["title"],
        kind=spec["kind"],
        starts_at=timezone.make_aware(datetime.datetime.combine(first, opens)),
        ends_at=timezone.make_aware(datetime.datetime.combine(last, closes)),
        city=City.objects.get(slug=spec["city"]),
        county=County.objects.get(name=spec["county"]),
        organiser=spec["organiser"],
        offers=spec["offers"],
        address=spec.get("address", ""),
        is_sample=True,
    )
    if "market_county" in spec:
        page.market = (
            MarketPage.objects.live()
            .filter(county__name=spec["market_county"], facility_type="market")
            .order_by("pk")
            .first()
        )
    if "coordinates" in spec:
        page.latitude, page.longitude = spec["coordinates"]
    if services is not None:
        form = child_by_slug(services, spec["signup"])
        page.signup_form_id = form.pk if form is not None else None
    return page
