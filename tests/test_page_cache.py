"""Anonymous pages come from the cache and are dropped from it the moment anything they show changes; pages with a
form, a session or a logged-in user never come from it (portal/page_cache.py)."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import Page

from forms.built.models import BuiltFormPage
from forms.complaints.pages import CaseFormPage
from markets.hours import next_change
from markets.models import MarketPage, record_star_rating, status_change_times
from notices.models import NoticePage
from policies.models import PolicyPage, RuleValue
from portal import page_cache
from portal.checks import check_shared_page_cache
from portal.models import HomePage
from wages.models import WageGuidePage

from .utils import SHANGHAI, SUITE_TODAY, make_user

pytestmark = pytest.mark.django_db
HIT = "hit"


def fetch(client, url, **headers):
    return client.get(url, headers=headers)


def cached_copy_of(client, url):
    """The page, fetched twice: the second time it must come from the cache."""
    first = fetch(client, url)
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    second = fetch(client, url)
    assert second["X-Page-Cache"] == HIT
    return second.content.decode()


def assert_rendered_again(client, url):
    response = fetch(client, url)
    assert response["X-Page-Cache"] == "miss"
    return response.content.decode()


# --- served from the cache -----------------------------------------------------------------------------


def test_a_cached_page_is_served_without_touching_the_database(client, home, django_assert_num_queries):
    cached_copy_of(client, "/")
    with django_assert_num_queries(0):
        response = fetch(client, "/")
    assert response["X-Page-Cache"] == HIT


def test_each_served_copy_carries_a_fresh_nonce_matching_its_policy(client, home):
    cached_copy_of(client, "/notices/")
    nonces = []
    for _attempt in range(2):
        response = fetch(client, "/notices/")
        policy = response["Content-Security-Policy"]
        nonce = policy.split("'nonce-")[1].split("'")[0]
        assert f'nonce="{nonce}"' in response.content.decode()
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


def test_pages_say_browsers_and_proxies_must_revalidate_and_answer_304_while_unchanged(client, home):
    first = fetch(client, "/notices/")
    assert first["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert first["ETag"] and first["Last-Modified"]
    unchanged = fetch(client, "/notices/", if_none_match=first["ETag"])
    assert unchanged.status_code == 304 and unchanged.content == b""


def test_the_open_data_is_cached_and_conditional_too(client, home):
    url = "/api/v1/markets.geojson"
    cached_copy_of(client, url)
    etag = fetch(client, url)["ETag"]
    assert fetch(client, url, if_none_match=etag).status_code == 304


def test_the_english_page_is_cached_apart_from_the_chinese(client, home):
    chinese = cached_copy_of(client, "/")
    english = assert_rendered_again(client, "/en/")
    assert 'lang="zh-hans"' in chinese.lower() and 'lang="en"' in english.lower()


# --- never served from the cache -----------------------------------------------------------------------


def complaint_form_url():
    return CaseFormPage.objects.live().first().url


def test_a_page_with_a_form_is_never_cached_nor_kept_by_a_proxy(client, home):
    for _attempt in range(2):
        response = fetch(client, complaint_form_url())
        assert response.status_code == 200 and "X-Page-Cache" not in response
        assert response["Cache-Control"] == "private, no-cache"
        assert 'name="csrfmiddlewaretoken"' in response.content.decode()


def test_a_form_the_bureau_built_is_never_cached_nor_kept_by_a_proxy(client, home):
    """Its page carries a CSRF token; its 名额已满 and 已截止 states carry none, and are not cached either."""
    url = BuiltFormPage.objects.live().first().url
    for _attempt in range(2):
        response = fetch(client, url)
        assert response.status_code == 200 and "X-Page-Cache" not in response
        assert response["Cache-Control"] == "private, no-cache"
        assert 'name="csrfmiddlewaretoken"' in response.content.decode()
    BuiltFormPage.objects.update(capacity=0)  # no form on the page now: still never shared
    for _attempt in range(2):
        response = fetch(client, url)
        assert "名额已满" in response.content.decode() and "X-Page-Cache" not in response


def test_a_logged_in_user_never_gets_the_cached_copy(client, home):
    cached_copy_of(client, "/")
    client.force_login(make_user("reader"))
    response = fetch(client, "/")
    assert "X-Page-Cache" not in response and "private" in response["Cache-Control"]


def test_a_visitor_with_a_session_never_gets_the_cached_copy(client, home):
    cached_copy_of(client, "/")
    session = client.session
    session["forms_last_case"] = {"receipt_no": "TS20261123-000001"}
    session.save()
    response = fetch(client, "/")
    assert "X-Page-Cache" not in response


def test_the_operators_pages_are_never_cached(client, home):
    for _attempt in range(2):
        response = fetch(client, reverse("operators:login"))
        assert "X-Page-Cache" not in response and "private" in response["Cache-Control"]


def test_what_may_be_cached_is_decided_by_the_request_and_the_response(rf):
    assert page_cache.request_may_use_cache(rf.get("/"))
    assert not page_cache.request_may_use_cache(rf.post("/"))
    assert not page_cache.request_may_use_cache(rf.get("/admin/pages/"))
    with_session = rf.get("/")
    with_session.COOKIES["sessionid"] = "x"
    assert not page_cache.request_may_use_cache(with_session)


# --- dropped when what it shows changes ----------------------------------------------------------------


def test_publishing_a_page_drops_it(client, home):
    assert "新的首页导语" not in cached_copy_of(client, "/")
    page = HomePage.objects.get().get_latest_revision_as_object()
    page.intro = "<p>新的首页导语</p>"
    page.save_revision().publish()
    assert "新的首页导语" in assert_rendered_again(client, "/")


def test_unpublishing_a_notice_drops_the_list_that_showed_it(client, home):
    notice = NoticePage.objects.live().first()
    assert notice.title in cached_copy_of(client, "/notices/")
    notice.unpublish()
    assert notice.title not in assert_rendered_again(client, "/notices/")


def test_deleting_a_notice_drops_the_list_that_showed_it(client, home):
    notice = NoticePage.objects.live().first()
    assert notice.title in cached_copy_of(client, "/notices/")
    notice.delete()
    assert notice.title not in assert_rendered_again(client, "/notices/")


def test_moving_a_page_drops_the_copies(client, home):
    market = MarketPage.objects.live().first()
    other_county = market.get_parent().get_siblings(inclusive=False).live().first()
    old_url = market.url
    cached_copy_of(client, old_url)
    market.move(other_county, pos="last-child")
    moved = fetch(client, old_url)
    assert moved.status_code == 301 and moved["Location"] == MarketPage.objects.get(pk=market.pk).url


def test_a_star_rating_recorded_drops_the_market_page(client, home):
    market = MarketPage.objects.live().filter(county__city__slug="quanzhou", facility_type="market").first()
    cached_copy_of(client, market.url)
    record_star_rating(market, SUITE_TODAY.year, 5, official_title=f"泉州市{SUITE_TODAY.year}年度五星级零工市场")
    assert f"泉州市{SUITE_TODAY.year}年度五星级零工市场" in assert_rendered_again(client, market.url)


def test_a_wage_guide_republished_drops_its_page(client, home):
    guide = WageGuidePage.objects.live().first()
    cached_copy_of(client, guide.url)
    draft = guide.get_latest_revision_as_object()
    draft.survey_period = "2026年7月—9月"
    draft.save_revision().publish()
    assert "2026年7月—9月" in assert_rendered_again(client, guide.url)


def test_a_rule_value_changed_drops_every_page(client, home):
    cached_copy_of(client, "/policies/")
    before = page_cache.generation()
    rule = RuleValue.objects.first()
    rule.note = rule.note + "。"
    rule.save()
    assert page_cache.generation() != before
    assert_rendered_again(client, "/policies/")


def test_a_policys_page_is_rendered_afresh_after_midnight(client, home, time_machine):
    policy = next(page for page in PolicyPage.objects.live() if not page.is_consultation_draft)
    cached_copy_of(client, policy.url)
    time_machine.move_to(
        datetime.datetime.combine(SUITE_TODAY + datetime.timedelta(days=1), datetime.time(0, 1), SHANGHAI)
    )
    assert_rendered_again(client, policy.url)


def test_a_copy_lasts_until_the_next_time_a_market_opens_or_closes():
    before_nine = datetime.datetime(2026, 11, 23, 8, 59, 30, tzinfo=SHANGHAI)
    times = {datetime.time(9), datetime.time(17), datetime.time(12)}
    assert next_change(before_nine, times) == datetime.datetime(2026, 11, 23, 9, tzinfo=SHANGHAI)
    evening = datetime.datetime(2026, 11, 23, 18, tzinfo=SHANGHAI)
    assert next_change(evening, times) == datetime.datetime(2026, 11, 24, tzinfo=SHANGHAI)


def test_the_directory_is_rendered_again_when_a_market_opens(client, home, time_machine):
    opening = min(status_change_times())
    day = SUITE_TODAY
    time_machine.move_to(datetime.datetime.combine(day, opening, SHANGHAI) - datetime.timedelta(minutes=1), tick=False)
    cached_copy_of(client, "/markets/")
    time_machine.move_to(datetime.datetime.combine(day, opening, SHANGHAI) + datetime.timedelta(seconds=1), tick=False)
    assert_rendered_again(client, "/markets/")


def test_saving_a_case_or_an_account_drops_nothing(home):
    before = page_cache.generation()
    make_user("someone")
    assert page_cache.generation() == before
    assert page_cache.shown_on_public_pages(Page) and not page_cache.shown_on_public_pages(type(make_user("other")))


def test_deploy_check_refuses_a_page_cache_the_servers_do_not_share(settings, tmp_path):
    files = {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path)}
    settings.CACHES = {**settings.CACHES, "pages": files}
    assert [error.id for error in check_shared_page_cache(None)] == ["portal.E004"]
    settings.CACHES = {**settings.CACHES, "pages": {"BACKEND": "django.core.cache.backends.redis.RedisCache"}}
    assert check_shared_page_cache(None) == []


def test_a_search_counted_among_popular_searches_drops_no_cached_page(client, home):
    cached_copy_of(client, "/notices/")
    assert client.get("/search/", {"q": "运维补助"}).status_code == 200  # counted in search_promotions' hits
    assert fetch(client, "/notices/")["X-Page-Cache"] == HIT


def test_the_navigation_every_page_shows_follows_a_renamed_section_at_once(client, home, settings):
    settings.PAGE_CACHE_ENABLED = False  # the navigation has its own cache, behind every rendered page
    section = home.get_children().live().in_menu().first().specific
    assert f">{section.title}</a>" in client.get("/search/").content.decode()
    section.title = "办事指南（新）"
    section.save_revision().publish()
    assert ">办事指南（新）</a>" in client.get("/search/").content.decode()
