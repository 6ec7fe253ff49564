"""What a market publishes (issue 17) as a visitor sees it: the trades it serves, 临时公益性岗位, its training plan,
where to get legal help and the employment platform's QR code, each with a link to the clause it follows; the
directory, the map and the open data filtered by trade; search finding a market by its trade."""

import io
import json
import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.test.utils.form_data import inline_formset

from markets import seed
from markets.models import (
    MarketLegalHelpChannel,
    MarketPage,
    MarketPublicWelfareJob,
    MarketTrade,
    MarketTrainingSession,
)
from policies.models import PolicyPage
from portal import page_cache

from .complaints_factories import png_bytes
from .markets_factories import make_market, remove_samples
from .test_markets_admin import add_market_url, market_form_data
from .test_query_counts import MOST_QUERIES
from .utils import SUITE_TODAY, make_county_staff

pytestmark = pytest.mark.django_db

QR_ALT = "“泉就业”零工平台小程序二维码"


def page_html(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def section(html, anchor):
    """The market page's section with that id, as text and links."""
    match = re.search(rf'<section[^>]*id="{anchor}".*?</section>', html, re.S)
    assert match, f"no section #{anchor}"
    return match.group(0)


def policy_url(city_slug):
    return PolicyPage.objects.live().get(city__slug=city_slug).url


def qr_image():
    return get_image_model().objects.create(
        title="泉就业小程序二维码", file=ImageFile(io.BytesIO(png_bytes((120, 120))), name="qr.png")
    )


def sample(name):
    return MarketPage.objects.get(title=name, is_sample=True)


# --- the market page -----------------------------------------------------------------------------------


def test_a_quanzhou_market_shows_its_trades_jobs_training_legal_help_and_platform_with_their_clauses(client, home):
    html = page_html(client, sample("晋江市零工市场"))
    standard = policy_url("quanzhou")

    trades = section(html, "trades")
    for name in ("泥水工", "木工", "水电安装工", "搬运工", "保洁员", "家政服务员", "制鞋工"):
        assert f">{name}</a>" in trades
    assert "/markets/?trade=shoemaking" in trades  # each trade finds the other markets serving it
    assert f'href="{standard}#clause-9"' in trades

    jobs = section(html, "public-welfare-jobs")
    assert "青阳街道公共环境保洁" in jobs and "4 人" in jobs
    assert f'href="{standard}#clause-13"' in jobs

    training = section(html, "training")
    assert "家政服务员技能提升培训" in training and "线下集中授课" in training
    assert f'href="{standard}#clause-15"' in training

    legal = section(html, "legal-help")
    assert "晋江市劳动保障监察大队" in legal and "劳动保障监察" in legal
    assert "晋江市零工市场法律援助点" in legal and "法律援助点" in legal
    assert 'href="tel:12348"' in legal and 'href="tel:12333"' in legal
    assert "晋江市人力资源和社会保障局一楼投诉举报窗口" in legal  # each channel's address
    assert f'href="{standard}#clause-18"' in legal
    assert "泉州市实施方案 附件1 第18条" in legal

    platform = section(html, "platform")
    assert "“泉就业”零工平台" in platform and "小程序" in platform  # the city's default instructions
    assert f'href="{standard}#clause-12"' in platform
    assert "<img" not in platform  # no QR code is invented for the samples


def test_a_ningde_market_links_to_the_ningde_plan_and_names_no_platform_it_does_not_have(client, home):
    html = page_html(client, sample("古田县零工市场"))
    plan = policy_url("ningde")
    assert ">食用菌种植工</a>" in section(html, "trades")
    assert f'href="{plan}#part-3"' in section(html, "trades")  # 三（三）: 职业（工种、岗位）
    assert "宁德市实施方案 三（三）" in section(html, "trades")
    assert f'href="{plan}#clause-16"' in section(html, "legal-help")
    assert f'href="{plan}#clause-13"' in section(html, "public-welfare-jobs")
    platform = section(html, "platform")
    assert "宁德市零工市场线上服务平台" in platform and "泉就业" not in platform
    assert f'href="{plan}#part-2-2"' in platform


def test_the_platform_qr_code_shows_with_its_alt_text_and_the_pages_own_instructions(client, home):
    market = make_market(
        "晋江市",
        name="晋江市测试零工市场",
        platform_qr=qr_image(),
        platform_qr_alt=QR_ALT,
        platform_instructions="扫码后点“零工”即可找活。",
    )
    platform = section(page_html(client, market), "platform")
    assert re.search(rf'<img[^>]+alt="{QR_ALT}"', platform)
    assert "扫码后点“零工”即可找活。" in platform


def test_past_jobs_and_training_leave_the_page_and_nothing_published_says_so(client, home):
    yesterday = SUITE_TODAY - timedelta(days=1)
    market = make_market(
        "晋江市",
        name="晋江市测试零工市场",
        public_welfare_jobs=[MarketPublicWelfareJob(title="已截止的保洁岗位", apply_by=yesterday)],
        training_sessions=[
            MarketTrainingSession(title="上周的培训", starts_on=yesterday - timedelta(days=6), ends_on=yesterday),
            MarketTrainingSession(title="今天结束的培训", starts_on=yesterday, ends_on=SUITE_TODAY),
        ],
    )
    html = page_html(client, market)
    assert "已截止的保洁岗位" not in html and "目前没有正在招用的临时公益性岗位。" in html
    assert "上周的培训" not in html and "今天结束的培训" in html
    assert "暂未公布，请电话咨询。" in section(html, "trades")
    assert "请向本市场工作人员咨询就近的维权服务渠道。" in section(html, "legal-help")


# --- what an editor may enter --------------------------------------------------------------------------


def channel(**fields):
    values = {"kind": "legal_aid", "name": "晋江市法律援助中心", "address": "晋江市青阳街道", "phone": "0595-85681234"}
    return MarketLegalHelpChannel(market=MarketPage.objects.first(), **{**values, **fields})


@pytest.mark.parametrize(
    "phone", ["0595-85681234", "12348", "13800000000", "０５９５－８５６８１２３４", "85681234转801"]
)
def test_legal_help_phones_in_the_usual_forms_are_accepted(home, phone):
    row = channel(phone=phone)
    row.full_clean()
    assert not re.search(r"[０-９－\s]", row.phone)  # kept with plain digits and dashes


@pytest.mark.parametrize("phone", ["法援中心", "123", "0595-8568"])
def test_a_wrong_phone_is_explained_next_to_it(home, phone):
    with pytest.raises(ValidationError) as raised:
        channel(phone=phone).full_clean()
    assert raised.value.message_dict["phone"] == ["请填写正确的电话号码，如 0595-22661234、13800000000 或 12348。"]


def test_a_channel_needs_its_name_address_and_phone(home):
    with pytest.raises(ValidationError) as raised:
        channel(name="", address="", phone="").full_clean()
    assert set(raised.value.message_dict) == {"name", "address", "phone"}


def test_a_training_cannot_end_before_it_starts(home):
    session = MarketTrainingSession(
        market=MarketPage.objects.first(), title="培训", starts_on=SUITE_TODAY, ends_on=SUITE_TODAY - timedelta(days=1)
    )
    with pytest.raises(ValidationError) as raised:
        session.full_clean()
    assert raised.value.message_dict["ends_on"] == ["结束日期不能早于开始日期。"]


def test_a_public_welfare_job_needs_at_least_one_opening(home):
    job = MarketPublicWelfareJob(market=MarketPage.objects.first(), title="保洁", openings=0)
    with pytest.raises(ValidationError) as raised:
        job.full_clean()
    assert raised.value.message_dict["openings"] == ["招用人数至少为1人。"]


def test_a_qr_code_without_alt_text_is_refused_with_the_reason(home):
    market = MarketPage.objects.filter(county__name="晋江市").first()
    market.platform_qr = qr_image()
    with pytest.raises(ValidationError) as raised:
        market.clean()
    assert "请填写替代文字" in raised.value.message_dict["platform_qr_alt"][0]


def test_the_admin_editor_explains_a_wrong_phone_next_to_the_field(client, home):
    client.force_login(make_county_staff("晋江市", "县级编辑"))
    channels = [
        {"kind": "public_legal_service", "name": "陈埭镇司法所", "address": "晋江市陈埭镇", "phone": "电话待定"}
    ]
    response = client.post(add_market_url("晋江市"), market_form_data(legal_help_channels=inline_formset(channels)))
    assert response.status_code == 200
    errors = re.findall(r'<div class="w-field__errors"[^>]*>(.*?)</div>', response.content.decode(), re.S)
    messages = [" ".join(re.sub(r"<[^>]+>", " ", error).split()) for error in errors]
    assert "请填写正确的电话号码，如 0595-22661234、13800000000 或 12348。" in messages
    assert "晋江市陈埭镇" in response.content.decode()  # what was typed is kept
    assert not MarketPage.objects.filter(slug="chendai").exists()


# --- finding markets by trade --------------------------------------------------------------------------


@pytest.fixture
def by_trade(home):
    remove_samples()
    return {
        "tiles": make_market(
            "德化县", name="德化县测试零工市场", lat=25.49, lng=118.24, trades=["ceramics", "loading"]
        ),
        "cleaning": make_market("蕉城区", name="蕉城区测试零工市场", lat=26.66, lng=119.52, trades=["cleaning"]),
        "none": make_market("晋江市", name="晋江市测试零工市场"),
    }


def listed_names(html):
    return re.findall(r'<h3 class="market-name"><a href="[^"]+">([^<]+)</a>', html)


def test_the_directory_filters_by_trade(client, by_trade):
    html = client.get("/markets/", {"trade": "ceramics"}).content.decode()
    assert listed_names(html) == ["德化县测试零工市场"]
    assert '<option value="ceramics" selected>陶瓷工</option>' in html
    html = client.get("/markets/", {"trade": "loading", "city": "ningde"}).content.decode()
    assert listed_names(html) == []


def test_an_unknown_trade_is_ignored_with_a_message(client, by_trade):
    html = client.get("/markets/", {"trade": "astronaut"}).content.decode()
    assert len(listed_names(html)) == 3
    assert "该选项不存在，已忽略。" in html


def test_the_map_and_the_open_data_filter_by_trade_too(client, by_trade):
    html = client.get("/markets/", {"trade": "cleaning"}).content.decode()
    config = json.loads(re.search(r'id="market-map-config"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert "trade=cleaning" in config["dataUrl"]
    markers = client.get(config["dataUrl"] + "&bbox=117,23,121,28&zoom=8").json()["markers"]
    assert [marker["title"] for marker in markers] == ["蕉城区测试零工市场"]
    features = client.get("/api/v1/markets.geojson", {"trade": "ceramics"}).json()["features"]
    assert [feature["properties"]["name"] for feature in features] == ["德化县测试零工市场"]
    assert features[0]["properties"]["trades"] == ["搬运工", "陶瓷工"]
    bad = client.get("/api/v1/markets.geojson", {"trade": "astronaut"})
    assert bad.status_code == 400 and bad.json()["errors"]["trade"] == ["没有这个职业（工种）代码。"]


def test_search_finds_a_market_by_a_trade_it_serves(client, by_trade):
    html = client.get("/search/", {"q": "陶瓷工", "kind": "market"}).content.decode()
    assert "德化县测试零工市场" in html
    assert "蕉城区测试零工市场" not in html


def test_search_finds_a_seeded_market_by_its_trade(client, home):
    html = client.get("/search/", {"q": "采茶制茶工", "kind": "market"}).content.decode()
    assert "安溪县零工市场" in html


# --- the page cache ------------------------------------------------------------------------------------


def test_a_changed_channel_or_trade_drops_the_cached_market_page(client, home):
    market = sample("晋江市零工市场")
    assert client.get(market.url)["X-Page-Cache"] == "miss"
    assert client.get(market.url)["X-Page-Cache"] == "hit"
    before = page_cache.generation()
    channel_row = market.legal_help_channels.get(kind="labour_inspection")
    channel_row.phone = "0595-85600000"
    channel_row.save()
    assert page_cache.generation() != before
    response = client.get(market.url)
    assert response["X-Page-Cache"] == "miss" and "0595-85600000" in response.content.decode()

    assert client.get(market.url)["X-Page-Cache"] == "hit"
    trade = MarketTrade.objects.get(code="shoemaking")
    trade.name = "鞋服加工工"
    trade.save()
    response = client.get(market.url)
    assert response["X-Page-Cache"] == "miss" and ">鞋服加工工</a>" in response.content.decode()


def test_a_market_page_with_a_qr_code_and_everything_published_stays_within_its_query_bound(client, home, settings):
    settings.PAGE_CACHE_ENABLED = False
    market = make_market(
        "晋江市",
        name="晋江市测试零工市场",
        trades=list(MarketTrade.objects.values_list("code", flat=True)),
        platform_qr=qr_image(),
        platform_qr_alt=QR_ALT,
        legal_help_channels=[channel(name=f"维权服务站{n}") for n in range(5)],
        training_sessions=[MarketTrainingSession(title=f"培训{n}", starts_on=SUITE_TODAY) for n in range(5)],
        public_welfare_jobs=[MarketPublicWelfareJob(title=f"岗位{n}") for n in range(5)],
    )
    assert client.get(market.url).status_code == 200  # the QR code's rendition is made once
    with CaptureQueriesContext(connection) as captured:
        client.get(market.url)
    assert len(captured.captured_queries) <= MOST_QUERIES["a market page"]


def test_samples_seeded_before_markets_published_this_get_it_once(home):
    market = sample("晋江市零工市场")
    MarketPage.trades.through.objects.filter(marketpage=market).delete()
    MarketLegalHelpChannel.objects.filter(market=market).delete()
    MarketTrainingSession.objects.filter(market=market).delete()
    seed.backfill_published_info()
    market = MarketPage.objects.get(pk=market.pk)
    assert "制鞋工" in market.trade_names
    assert market.legal_help_channels.count() == 3
    assert market.training_sessions.count() == 3
    seed.backfill_published_info()  # a second load adds nothing
    assert market.legal_help_channels.count() == 3 and market.public_welfare_jobs.count() == 2
