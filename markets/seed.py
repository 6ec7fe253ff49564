"""The directory's county pages, the construction targets, and the sample markets.

Idempotent: what exists is found (county pages by county, sample markets by slug,
targets by place and deadline) and only what is missing is created.
"""

from datetime import date, time, timedelta

from django.apps import apps as django_apps
from django.utils import timezone
from wagtail.search import index

from portal.regions import City, County
from portal.vocabulary import FACILITY_NAMES, NINGDE, QUANZHOU, FacilityType

from .catalog import ensure_catalog
from .models import (
    ConstructionTarget,
    CountyDirectoryPage,
    MarketFacility,
    MarketHoursException,
    MarketIndexPage,
    MarketLegalHelpChannel,
    MarketOpeningHours,
    MarketPage,
    MarketPublicWelfareJob,
    MarketService,
    MarketTrade,
    MarketTrainingSession,
    record_star_rating,
)
from .sample_data import SAMPLE_MARKETS

NINGDE_PLAN = "宁人社规〔2024〕3号 二（三）1：力争至2025年底，全市建成10个以上零工市场、100个以上零工驿站"
NINGDE_COVERAGE = (
    "理解：宁人社规〔2024〕3号 一、总体目标“实现所有县(市、区)零工市场全覆盖”，"
    "按每个县（市、区）至少1个零工市场计；期限参照全市目标定为2025年底"
)
STATION_SERVICES = ["job_referral", "registration", "policy_consultation", "quick_matching", "rights_protection"]
STATION_FACILITIES = ["rest_seating", "phone_charging", "drinking_water", "wifi", "first_aid", "notice_board"]
MARKET_EXTRA_FACILITIES = ["tool_storage", "meal_heating"]  # Ningde clause 6: "有条件的" only
# Trades (catalog.TRADES): what every market and station of the demo serves, and what a county's industry adds
# (晋江、石狮 shoes and clothing, 德化 ceramics, 南安 stone, 安溪、福鼎 tea, 霞浦 fisheries, 古田 mushrooms).
MARKET_TRADES = ["masonry", "carpentry", "rebar", "painting", "plumbing_electrical", "loading", "cleaning"]
MARKET_TRADES += ["housekeeping", "general_worker"]
STATION_TRADES = ["cleaning", "housekeeping", "loading", "general_worker"]
CITY_TRADES = ["elderly_care", "childcare", "kitchen_helper", "waiting_staff", "sorting", "delivery", "security_guard"]
LOCAL_TRADES = {
    "鲤城区": CITY_TRADES,
    "丰泽区": CITY_TRADES,
    "蕉城区": CITY_TRADES[:4] + ["welding"],
    "晋江市": ["shoemaking", "sewing", "sorting"],
    "石狮市": ["sewing", "shoemaking"],
    "德化县": ["ceramics"],
    "南安市": ["stone_processing"],
    "安溪县": ["tea_picking"],
    "福鼎市": ["tea_picking"],
    "霞浦县": ["seafood_processing"],
    "古田县": ["mushroom_growing"],
    "福安市": ["welding"],
}


def load(home, stdout):
    ensure_catalog(django_apps)
    directory = MarketIndexPage.objects.child_of(home).get()
    county_pages = ensure_county_pages(directory)
    ensure_targets()
    backfill_published_info()
    created = ensure_sample_markets(county_pages)
    if created:
        stdout.write(f"已创建示例零工市场（驿站）{created} 处（示例数据，可用 remove_sample_markets 删除）")


def ensure_county_pages(directory):
    pages = {page.county_id: page for page in CountyDirectoryPage.objects.child_of(directory)}
    for county in County.objects.select_related("city").exclude(pk__in=pages):
        page = CountyDirectoryPage(title=county.name, slug=f"county-{county.pk}", county=county)
        directory.add_child(instance=page)
        page.save_revision().publish()
        pages[county.pk] = page
    return pages


def ensure_targets():
    ningde = City.objects.get(slug=NINGDE)
    end_2025 = date(2025, 12, 31)
    ConstructionTarget.objects.get_or_create(
        city=ningde,
        county=None,
        deadline=end_2025,
        defaults={"markets_target": 10, "stations_target": 100, "source": NINGDE_PLAN},
    )
    for county in ningde.counties.filter(is_functional_zone=False):
        ConstructionTarget.objects.get_or_create(
            city=ningde,
            county=county,
            deadline=end_2025,
            defaults={"markets_target": 1, "source": NINGDE_COVERAGE, "is_interpretation": True},
        )


def sample_slug(number):
    return f"sample-{number:02d}"


def ensure_sample_markets(county_pages):
    existing = set(MarketPage.objects.filter(slug__startswith="sample-").values_list("slug", flat=True))
    counties = {county.name: county for county in County.objects.select_related("city")}
    services = {service.code: service for service in MarketService.objects.all()}
    facilities = {facility.code: facility for facility in MarketFacility.objects.all()}
    trades = {trade.code: trade for trade in MarketTrade.objects.all()}
    created = 0
    for number, row in enumerate(SAMPLE_MARKETS, start=1):
        if sample_slug(number) in existing:
            continue
        county = counties[row[0]]
        page = build_sample(number, row, county, services, facilities)
        add_published_info(page, trades)
        # Added live without a revision: publishing 40 revisions made seeding several times slower,
        # and the admin starts a page's revision history at its first edit.
        county_pages[county.pk].add_child(instance=page)
        # Indexed again now that its trades are saved: the save indexed the page before its many-to-many rows.
        index.insert_or_update_object(page)
        if row[-1]:
            record_sample_rating(page, row[-1])
        created += 1
    return created


SAMPLE_RATING_YEAR = 2025
STAR_NUMERALS = {3: "三", 4: "四", 5: "五"}


def record_sample_rating(page, stars):
    """The sample's 2025 rating, recorded as the bureau records one (a row of its own, after the page). Quanzhou's
    plan names the result (二（二）1 "泉州市XX年度X星级零工市场"); Ningde's names none, so its samples have no title."""
    title = ""
    if page.county.city.slug == QUANZHOU:
        kind = FACILITY_NAMES[page.facility_type]
        title = f"{page.county.city.name}{SAMPLE_RATING_YEAR}年度{STAR_NUMERALS[stars]}星级{kind}"
    record_star_rating(page, SAMPLE_RATING_YEAR, stars, official_title=title, source="示例数据")


def build_sample(number, row, county, services, facilities):
    county_name, kind, middle, township, address, dlat, dlng, _stars = row
    is_market = kind == FacilityType.MARKET
    area_code = "0595" if county.city.slug == QUANZHOU else "0593"
    page = MarketPage(
        title=f"{county_name}{middle}{FACILITY_NAMES[kind]}",
        slug=sample_slug(number),
        facility_type=kind,
        county=county,
        township=township,
        address=address,
        latitude=round(float(county.latitude) + dlat, 6),
        longitude=round(float(county.longitude) + dlng, 6),
        floor_area=(220 + 15 * (number % 9)) if is_market else (32 + 4 * (number % 8)),
        staff_count=(3 + number % 3) if is_market else (1 + number % 2),
        phone=f"{area_code}-{2260000 + number * 731:07d}",
        operator=f"{county_name}公共就业服务中心" if is_market else f"{township}便民服务中心",
        recognized_on=date(2025, 1 + number % 12, 1 + number % 27),
        hours_note="法定节假日休息；招聘会期间延长开放，以现场公告为准。",
        is_sample=True,
        live=True,
        first_published_at=timezone.now(),
        last_published_at=timezone.now(),
    )
    page.services = [services[code] for code in (services if is_market else STATION_SERVICES)]
    facility_codes = STATION_FACILITIES[: 3 + number % 4]
    if is_market:
        facility_codes = STATION_FACILITIES + ["accessibility", "air_conditioning", "parking", "writing_desk"]
        facility_codes += MARKET_EXTRA_FACILITIES[: number % 3]
    page.facilities = [facilities[code] for code in facility_codes]
    page.opening_hours = weekly_hours(is_market)
    page.hours_exceptions = [MarketHoursException(date=date(2027, 1, 1), closed_all_day=True, reason="元旦休息")]
    return page


def backfill_published_info():
    """Sample markets seeded before markets published trades and the rest get them once (a demo database kept
    from an earlier version); a sample that already has trades or legal-help channels is left as it is."""
    pages = MarketPage.objects.filter(is_sample=True, trades__isnull=True, legal_help_channels__isnull=True)
    pages = list(pages.select_related("county").distinct())
    if not pages:
        return
    trades = {trade.code: trade for trade in MarketTrade.objects.all()}
    for page in pages:
        add_published_info(page, trades)
        page.save(clean=False)
        index.insert_or_update_object(page)  # with its trades, saved after the page's own row


def add_published_info(page, trades):
    """What the sample publishes (issue 17): its trades, where to get legal help (Quanzhou standard 18, Ningde 16),
    a training plan announced ahead (Quanzhou 15) and, for a market, temporary public-welfare jobs (both 13). The
    platform's instructions are the city's default (``published_info.PLATFORMS``); no QR code is invented."""
    is_market = page.facility_type == FacilityType.MARKET
    county = page.county.name
    codes = (MARKET_TRADES if is_market else STATION_TRADES) + LOCAL_TRADES.get(county, [])
    page.trades = [trades[code] for code in dict.fromkeys(codes) if code in trades]
    page.legal_help_channels = legal_help_channels(page, is_market)
    page.training_sessions = training_plan(page, is_market)
    page.public_welfare_jobs = public_welfare_jobs(page) if is_market else []


def legal_help_channels(page, is_market):
    county, township = page.county.name, page.township
    Kind = MarketLegalHelpChannel.Kind
    channels = [
        MarketLegalHelpChannel(
            kind=Kind.PUBLIC_LEGAL_SERVICE,
            name=f"{county}{township}司法所（公共法律服务工作站）",
            address=f"{county}{township}人民政府便民服务中心一楼",
            phone="12348",
            services="法律咨询、人民调解、法律援助申请受理",
        ),
        MarketLegalHelpChannel(
            kind=Kind.LABOUR_INSPECTION,
            name=f"{county}劳动保障监察大队",
            address=f"{county}人力资源和社会保障局一楼投诉举报窗口",
            phone="12333",
            services="拖欠工资、未签劳动合同等劳动保障违法行为投诉举报",
        ),
    ]
    if is_market:
        channels.append(
            MarketLegalHelpChannel(
                kind=Kind.LEGAL_AID,
                name=f"{page.title}法律援助点",
                address=f"{page.address}（综合服务窗口旁）",
                phone=page.phone,
                services="法律援助律师、劳动监察执法人员轮流值守：劳务合同签订审查、纠纷调解",
            )
        )
    return channels


def training_plan(page, is_market):
    """Training announced ahead of the day the seed is loaded (Quanzhou 15 “提前公开培训计划”)."""
    today = timezone.localdate()
    Mode = MarketTrainingSession.Mode
    signup = "到综合服务窗口报名，或拨打服务电话" + (f" {page.phone}" if page.phone else "")
    sessions = [
        MarketTrainingSession(
            title="零工人员安全生产培训",
            starts_on=today + timedelta(days=10),
            mode=Mode.VIDEO,
            place=page.address,
            signup=signup,
        )
    ]
    if is_market:
        sessions.append(
            MarketTrainingSession(
                title="家政服务员技能提升培训",
                starts_on=today + timedelta(days=21),
                ends_on=today + timedelta(days=23),
                mode=Mode.CLASSROOM,
                place=f"{page.address}培训室",
                signup=signup,
            )
        )
        sessions.append(
            MarketTrainingSession(
                title="建筑工地电工安全操作线上课",
                starts_on=today + timedelta(days=35),
                mode=Mode.LIVE,
                place="线上直播（报名后工作人员发送观看方式）",
                signup=signup,
            )
        )
    return sessions


def public_welfare_jobs(page):
    today = timezone.localdate()
    return [
        MarketPublicWelfareJob(
            title=f"{page.township}公共环境保洁",
            openings=4,
            requirements="有意愿灵活就业的就业困难人员，以人社部门公布的条件为准",
            pay="按当地临时公益性岗位补贴标准执行",
            apply_by=today + timedelta(days=20),
        ),
        MarketPublicWelfareJob(
            title="社区治安巡逻协管",
            openings=2,
            requirements="有意愿灵活就业的就业困难人员，以人社部门公布的条件为准",
            pay="按当地临时公益性岗位补贴标准执行",
            apply_by=today + timedelta(days=20),
        ),
    ]


def weekly_hours(is_market):
    morning = (time(8, 30), time(12, 0)) if is_market else (time(8, 0), time(12, 0))
    afternoon = (time(14, 30), time(17, 30))
    rows = []
    for weekday in range(5):
        rows += [MarketOpeningHours(weekday=weekday, opens=morning[0], closes=morning[1])]
        rows += [MarketOpeningHours(weekday=weekday, opens=afternoon[0], closes=afternoon[1])]
    if is_market:
        rows.append(MarketOpeningHours(weekday=5, opens=morning[0], closes=morning[1]))
    return rows
