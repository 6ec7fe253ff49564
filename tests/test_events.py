"""招聘活动 (issue 17): the list filtered on the server, events gone once they end (list, home page, market page,
search), the iCalendar feed and one event's download, the page cache's lifetime, the seeded samples."""

import datetime
import re

import icalendar
import pytest
from django.core.exceptions import ValidationError

from markets.models import MarketPage
from notices.event_kinds import EventKind, local_datetime, time_range
from notices.models import EventIndexPage, EventPage
from portal import page_cache
from portal.regions import City, County

from .events_factories import at, make_event
from .markets_factories import make_market
from .utils import SHANGHAI, SUITE_NOW, make_county_staff, make_user

pytestmark = pytest.mark.django_db


def events_url():
    return EventIndexPage.objects.get().url


def listed(client, query=""):
    response = client.get(events_url() + query)
    assert response.status_code == 200
    return response.content.decode()


# --- the list and its filters ------------------------------------------------------------------------------------


def test_the_list_filters_by_city_county_kind_and_month(client, home):
    make_event("晋江招聘会", county="晋江市", starts_at=at(3))
    make_event("鲤城培训班", county="鲤城区", kind=EventKind.TRAINING, starts_at=at(40))
    make_event("福鼎大篷车", county="福鼎市", kind=EventKind.CARAVAN, starts_at=at(5))
    everything = listed(client)
    assert all(name in everything for name in ("晋江招聘会", "鲤城培训班", "福鼎大篷车"))

    quanzhou = listed(client, "?city=quanzhou")
    assert "晋江招聘会" in quanzhou and "鲤城培训班" in quanzhou and "福鼎大篷车" not in quanzhou

    county = County.objects.get(name="福鼎市")
    by_county = listed(client, f"?county={county.pk}")
    assert "福鼎大篷车" in by_county and "晋江招聘会" not in by_county

    training = listed(client, "?kind=training")
    assert "鲤城培训班" in training and "晋江招聘会" not in training

    month = at(40).strftime("%Y-%m")
    in_month = listed(client, f"?month={month}")
    assert "鲤城培训班" in in_month and "福鼎大篷车" not in in_month
    assert f'<option value="{month}" selected>{at(40).year}年{at(40).month}月</option>' in in_month

    combined = listed(client, "?city=quanzhou&kind=job_fair")
    assert "晋江招聘会" in combined and "鲤城培训班" not in combined


def test_unknown_filter_values_are_ignored_and_the_form_has_chinese_labels(client, home):
    make_event("晋江招聘会")
    html = listed(client, "?city=nowhere&county=abc&kind=x&month=2026-13")
    assert "晋江招聘会" in html
    for label in ("设区市", "县（市、区）", "活动类型", "月份", "零工专场招聘会", "技能培训", "筛选"):
        assert label in html
    assert 'method="get"' in html


def test_an_event_spanning_two_months_is_listed_in_both(client, home):
    starts = datetime.datetime(2027, 1, 30, 9, tzinfo=SHANGHAI)
    make_event("跨月培训", kind=EventKind.TRAINING, starts_at=starts, ends_at=starts + datetime.timedelta(days=5))
    assert "跨月培训" in listed(client, "?month=2027-01")
    assert "跨月培训" in listed(client, "?month=2027-02")
    assert "跨月培训" not in listed(client, "?month=2027-03")


def test_times_read_in_chinese_in_asia_shanghai():
    moment = datetime.datetime(2026, 11, 22, 6, 0, tzinfo=datetime.UTC)
    assert local_datetime(moment) == "2026年11月22日 14:00"
    end = moment + datetime.timedelta(hours=3)
    assert time_range(moment, end) == "2026年11月22日 14:00—17:00"
    assert time_range(moment, end + datetime.timedelta(days=1)) == "2026年11月22日 14:00 — 2026年11月23日 17:00"


# --- a passed event leaves the lists ---------------------------------------------------------------------------


def test_a_passed_event_leaves_the_list_the_home_page_and_the_market_page(client, home, time_machine):
    market = make_market("晋江市", name="晋江市活动测试零工市场")
    event = make_event("晋江市场招聘会", market=market, starts_at=at(2, 9), ends_at=at(2, 12))
    for url in (events_url(), "/", market.url):
        html = client.get(url).content.decode()
        assert "晋江市场招聘会" in html, url
    assert "本市场近期活动" in client.get(market.url).content.decode()

    time_machine.move_to(at(2, 10), tick=False)  # under way: still listed, marked
    assert "正在进行" in listed(client)
    time_machine.move_to(at(2, 12, 1), tick=False)
    for url in (events_url(), "/", market.url):
        assert "晋江市场招聘会" not in client.get(url).content.decode(), url
    assert "本市场近期活动" not in client.get(market.url).content.decode()
    page = client.get(event.url).content.decode()  # the page itself stays, says so, and offers no sign-up
    assert "本活动已结束" in page and "加入日历" not in page


def test_another_markets_event_is_not_on_a_market_page(client, home):
    market, other = make_market("晋江市", name="晋江市甲零工市场"), make_market("晋江市", name="晋江市乙零工市场")
    make_event("乙市场招聘会", market=other)
    assert "乙市场招聘会" not in client.get(market.url).content.decode()
    assert "乙市场招聘会" in client.get(other.url).content.decode()


def test_an_event_at_a_market_takes_its_county_and_needs_a_place_otherwise(home):
    market = make_market("晋江市")
    event = EventPage(
        title="x",
        starts_at=at(1),
        ends_at=at(1, 12),
        city=market.county.city,
        market=market,
        organiser="o",
        offers="<p>x</p>",
    )
    event.full_clean(exclude=["path", "depth", "slug"])
    assert event.county == market.county
    nowhere = EventPage(
        title="x", starts_at=at(1), ends_at=at(1, 8), city=City.objects.get(slug="ningde"), organiser="o", offers="x"
    )
    with pytest.raises(ValidationError) as raised:
        nowhere.full_clean(exclude=["path", "depth", "slug"])
    assert {"address", "ends_at"} <= set(raised.value.message_dict)


# --- iCalendar ------------------------------------------------------------------------------------------------


def test_the_calendar_feed_parses_with_the_right_times_and_only_upcoming_events(client, home, time_machine):
    coming = make_event("即将举办", starts_at=at(3, 14), ends_at=at(3, 17))
    make_event("将要结束", starts_at=at(1, 9), ends_at=at(1, 11))
    time_machine.move_to(at(1, 11, 30), tick=False)
    response = client.get("/events/calendar.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.content)
    events = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    summaries = list(events)
    assert any("即将举办" in s for s in summaries) and not any("将要结束" in s for s in summaries)
    item = next(e for s, e in events.items() if "即将举办" in s)
    assert item.decoded("dtstart") == at(3, 14) and item.decoded("dtend") == at(3, 17)
    assert item["dtstart"].params["TZID"] == "Asia/Shanghai"
    assert str(item["uid"]).startswith(f"event-{coming.pk}@")
    assert str(item["url"]).endswith(coming.url)
    assert cal.walk("VTIMEZONE") and str(cal.walk("VTIMEZONE")[0]["tzid"]) == "Asia/Shanghai"
    assert b"TZID=Asia/Shanghai:" in response.content


def test_one_events_calendar_download(client, home):
    event = make_event("单个活动", starts_at=at(5, 14), ends_at=at(5, 16, 30), latitude=24.8, longitude=118.5)
    page = client.get(event.url).content.decode()
    link = re.search(r'href="([^"]+\.ics)"[^>]*>加入日历', page).group(1)
    assert link == f"/events/{event.pk}.ics"
    response = client.get(link)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    (item,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert item.decoded("dtstart") == at(5, 14) and item.decoded("dtend") == at(5, 16, 30)
    assert item.decoded("dtstart").utcoffset() == datetime.timedelta(hours=8)
    assert str(item["uid"]) == f"event-{event.pk}@{str(item['uid']).split('@')[1]}"
    assert "测试地址" in str(item["location"]) and "岗位对接" in str(item["description"])
    assert str(item["description"]).endswith(event.url)
    assert item.decoded("geo") == (24.8, 118.5)


# --- the page cache -------------------------------------------------------------------------------------------


def test_the_cached_list_expires_when_the_event_ends(client, home, time_machine):
    make_event("短活动", starts_at=at(0, 9), ends_at=at(0, 10, 30))
    time_machine.move_to(at(0, 10), tick=False)
    assert page_cache.seconds_to_keep() <= 30 * 60
    # nothing else changes between 10:00 and 10:30 only if no market opens or closes then; the event's end bounds it
    assert page_cache.seconds_to_keep(at(0, 10)) == min(
        30 * 60, int((page_cache.next_change(at(0, 10), page_cache.status_change_times()) - at(0, 10)).total_seconds())
    )
    first = client.get(events_url())
    assert first["X-Page-Cache"] == "miss" and "短活动" in first.content.decode()
    assert client.get(events_url())["X-Page-Cache"] == "hit"
    time_machine.move_to(at(0, 10, 31), tick=False)
    again = client.get(events_url())
    assert again["X-Page-Cache"] == "miss" and "短活动" not in again.content.decode()


def test_a_copy_is_kept_until_the_next_event_starts(home):
    make_event("下午的活动", starts_at=at(0, 15, 7), ends_at=at(0, 16, 7))
    assert page_cache.next_event_change(at(0, 15)) == at(0, 15, 7)
    assert page_cache.seconds_to_keep(at(0, 15)) <= 7 * 60


def test_publishing_an_event_drops_the_cached_list(client, home):
    client.get(events_url())
    assert client.get(events_url())["X-Page-Cache"] == "hit"
    make_event("新发布的活动")
    response = client.get(events_url())
    assert response["X-Page-Cache"] == "miss" and "新发布的活动" in response.content.decode()


# --- search and the seed --------------------------------------------------------------------------------------


def test_search_finds_an_upcoming_event_not_a_passed_one(client, home, time_machine):
    make_event("蟳埔渔港专场招聘", starts_at=at(1, 9), ends_at=at(1, 12))
    event = EventPage.objects.get(title="蟳埔渔港专场招聘")
    assert f'href="{event.url}"' in client.get("/search/?q=蟳埔渔港").content.decode()
    time_machine.move_to(at(1, 13), tick=False)
    assert f'href="{event.url}"' not in client.get("/search/?q=蟳埔渔港").content.decode()


def test_the_seeded_events_are_upcoming_and_signed_up_through_the_built_forms(client, home):
    job_fair = EventPage.objects.get(slug="ningde-jiaocheng-gig-job-fair")
    assert job_fair.kind == EventKind.JOB_FAIR and job_fair.county.name == "蕉城区"
    assert isinstance(job_fair.market.specific, MarketPage) and job_fair.market.county.name == "蕉城区"
    assert job_fair.starts_at.date() == SUITE_NOW.date() + datetime.timedelta(days=14)
    assert job_fair.signup_form.url.endswith("/services/ningde-gig-job-fair-signup/")
    training = EventPage.objects.get(slug="quanzhou-skills-training-course")
    assert training.kind == EventKind.TRAINING and training.city.slug == "quanzhou"
    assert training.signup_form.slug == "quanzhou-skills-training-signup"
    assert training.starts_at > SUITE_NOW

    page = client.get(job_fair.url).content.decode()
    assert "在线报名" in page and job_fair.signup_form.url in page and "加入日历" in page
    assert "宁德市实施方案 附件1 第8条" in page or "第8条" in page
    course = client.get(training.url).content.decode()
    assert "第15条" in course and "#clause-15" in course
    assert "蕉城区零工专场招聘会" in client.get(job_fair.market.url).content.decode()
    assert "蕉城区零工专场招聘会" in client.get("/").content.decode()


def test_a_sign_up_form_links_back_to_its_event_until_the_event_has_passed(client, home, time_machine):
    job_fair = EventPage.objects.get(slug="ningde-jiaocheng-gig-job-fair")
    form_page = client.get(job_fair.signup_form.url).content.decode()
    assert "本表单用于报名：" in form_page and f'href="{job_fair.url}">{job_fair.title}</a>' in form_page
    time_machine.move_to(job_fair.ends_at + datetime.timedelta(minutes=1), tick=False)
    assert f'href="{job_fair.url}"' not in client.get(job_fair.signup_form.url).content.decode()


# --- the admin ------------------------------------------------------------------------------------------------


def test_editors_add_events_under_the_section_only_and_choose_a_built_form(client, home):
    index = EventIndexPage.objects.get()
    assert EventPage.allowed_parent_page_models() == [EventIndexPage]
    assert EventIndexPage.allowed_subpage_models() == [EventPage]
    assert EventPage.allowed_subpage_models() == []
    client.force_login(make_user("root", is_superuser=True, is_staff=True))
    response = client.get(f"/admin/pages/add/notices/eventpage/{index.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "built_forms.builtformpage" in html.lower()  # the sign-up chooser offers built forms only
    assert "开始时间" in html and "举办的零工市场（驿站）" in html


def test_a_county_editor_drafts_events_of_their_county_only(client, home):
    editor = make_county_staff("蕉城区", "县级编辑")
    index = EventIndexPage.objects.get()
    client.force_login(editor)
    response = client.get(f"/admin/pages/add/notices/eventpage/{index.pk}/")
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.fields["county"].queryset) == [County.objects.get(name="蕉城区")]
    assert {m.county.name for m in form.fields["market"].queryset} <= {"蕉城区"}
