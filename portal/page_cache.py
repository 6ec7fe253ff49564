"""Anonymous pages served from the cache, and dropped from it the moment anything they show changes.

Why not wagtail-cache: its releases require Wagtail < 8. This is Django's cache framework with Wagtail's signals,
in three parts:

- **What may be cached** (pure functions, tested directly): a GET or HEAD from a visitor with no session and no
  login, answered 200 with HTML or JSON that neither sets a cookie, nor uses a CSRF token (every form does), nor
  says ``private``/``no-store``. Pages with forms, personal data or a logged-in user therefore never are.
- **Never stale**: every key carries a *generation* that any change of content bumps (a page published,
  unpublished, moved or deleted; any row of the content apps saved or deleted: markets and their ratings and
  hours, wage guides, notices, rule values, settings…), and the local date, so a policy whose status changes at
  midnight is rendered afresh. A copy also expires at the next moment a market opens or closes (现在开放) and at
  the next moment an event starts or ends (the lists, the home page, the market pages and the calendar feed).
- **Served again** with a fresh CSP nonce (the stored one is replaced in the page and the header) and with an
  ETag and Last-Modified, so a browser or a CDN revalidates and gets a 304 while nothing has changed.
"""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.http import http_date
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from markets.hours import next_change
from markets.models import status_change_times
from notices.event_pages import next_event_change

from . import content_version, ratelimits

CACHEABLE_TYPES = ("text/html", "application/json", "application/geo+json", "application/rss+xml", "text/calendar")
REVALIDATE = "public, max-age=0, must-revalidate"
NOT_SHARED = "private, no-cache"
# Apps whose rows public pages show. Changes elsewhere (cases, accounts, logs) leave every public page as it was.
CONTENT_APPS = {
    "portal",
    "policies",
    "markets",
    "notices",
    "wages",
    "search",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtailredirects",
    "wagtailsearchpromotions",
    "taggit",
}
# Rows of those apps that no public page shows: saving them (as every edit, view or login does) drops nothing.
NOT_SHOWN = {
    "wagtailcore.revision",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.taskstate",
    "wagtailcore.workflowstate",
    "wagtailcore.pagesubscription",
    "wagtailcore.uploadedfile",
    "wagtailcore.referenceindex",
    "wagtailimages.rendition",
    # Every search counts itself among the popular searches; the promoted results (searchpromotion) are shown.
    "wagtailsearchpromotions.query",
    "wagtailsearchpromotions.querydailyhits",
}


def cache():
    return caches[settings.PAGE_CACHE_ALIAS]


# --- what may be cached ------------------------------------------------------------------------------


def request_may_use_cache(request):
    """An anonymous visitor without a session: they see what everyone sees."""
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path_info.startswith(settings.PAGE_CACHE_EXCLUDED_PREFIXES):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def response_may_be_cached(request, response):
    """A page everyone is shown alike: no cookie set, no CSRF token in it, nothing marked private."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    if "Cookie" in response.get("Vary", ""):
        return False
    cache_control = response.get("Cache-Control", "")
    if "private" in cache_control or "no-store" in cache_control or "no-cache" in cache_control:
        return False
    return response.get("Content-Type", "").split(";")[0].strip() in CACHEABLE_TYPES


# --- keys and lifetimes ---------------------------------------------------------------------------


# Every cached page is filed under the content version; a change anywhere moves it on.
generation = content_version.current
drop_everything = content_version.move_on


def cache_key(request):
    today = timezone.localdate().isoformat()
    url = f"{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(f"{request.method == 'HEAD'}|{url}".encode()).hexdigest()
    return f"page-cache:{generation()}:{today}:{digest}"


def seconds_to_keep(now=None):
    """Until the next moment a market opens or closes (or midnight) or an event starts or ends (lists drop an event
    when it ends and mark it 正在进行 from its start), at most the configured lifetime."""
    now = timezone.localtime(now)
    change = next_change(now, status_change_times())
    event_change = next_event_change(now)
    if event_change is not None:
        change = min(change, event_change)
    return max(1, min(int((change - now).total_seconds()), settings.PAGE_CACHE_SECONDS))


# --- storing and serving ----------------------------------------------------------------------------------


def store(key, request, response):
    body = response.content
    stored = {
        "content": body,
        "headers": dict(response.items()),
        "etag": '"' + hashlib.sha256(body).hexdigest()[:32] + '"',
        "last_modified": http_date(timezone.now().timestamp()),
        "nonce": rendered_nonce(request, body),
    }
    cache().set(key, stored, seconds_to_keep())
    mark_shared(response, stored)


def rendered_nonce(request, body):
    """The CSP nonce this render put in the page ("" if none): django-csp's middleware, outside this one, writes the
    header only after the page is stored, so a served copy gets a nonce of its own in both."""
    nonce = str(request.csp_nonce) if hasattr(request, "csp_nonce") else ""
    return nonce if nonce and f'nonce="{nonce}"'.encode() in body else ""


def serve(request, stored):
    """The stored page, with a nonce of this response's own where the page carries one."""
    content, headers = stored["content"], dict(stored["headers"])
    if stored["nonce"]:
        fresh = str(request.csp_nonce)
        content = content.replace(f'nonce="{stored["nonce"]}"'.encode(), f'nonce="{fresh}"'.encode())
    response = HttpResponse(content, status=200)
    for name, value in headers.items():
        if name.lower() != "content-length":
            response[name] = value
    mark_shared(response, stored)
    response["X-Page-Cache"] = "hit"
    return response


def mark_shared(response, stored):
    response["Cache-Control"] = REVALIDATE
    response["ETag"] = stored["etag"]
    response["Last-Modified"] = stored["last_modified"]


def limit_refusal(request):
    """A copy of a rate-limited page (search) still counts against the visitor's limit."""
    try:
        view = resolve(request.path_info).func
    except Resolver404:
        return None
    refused = ratelimits.refusal(request, view)
    return refused.render() if refused is not None and hasattr(refused, "render") else refused


class AnonymousPageCacheMiddleware:
    """Serves anonymous visitors from the cache; placed after authentication, so it knows who is asking."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_ENABLED or not request_may_use_cache(request):
            return self.not_shared(self.get_response(request))
        key = cache_key(request)
        stored = cache().get(key)
        if stored is not None:
            return limit_refusal(request) or serve(request, stored)
        response = self.get_response(request)
        if response_may_be_cached(request, response):
            store(key, request, response)
            response["X-Page-Cache"] = "miss"
            return response
        return self.not_shared(response)

    @staticmethod
    def not_shared(response):
        """What is not cached here must not be kept by a proxy either (forms, personal pages)."""
        if "Cache-Control" not in response:
            response["Cache-Control"] = NOT_SHARED
        return response


# --- invalidation -----------------------------------------------------------------------------------


def shown_on_public_pages(model):
    if issubclass(model, Page):
        return True
    meta = model._meta
    return meta.app_label in CONTENT_APPS and meta.label_lower not in NOT_SHOWN


def on_row_changed(sender, **kwargs):
    if shown_on_public_pages(sender):
        drop_everything()


def on_setting_changed(setting, **kwargs):
    if setting != "CACHES":  # a change of the caches themselves leaves none to drop from
        drop_everything()


def connect_signals():
    # A deploy migrates: new code or settings render pages differently. (Tests change settings with override_settings.)
    for signal in (page_published, page_unpublished, post_page_move, post_migrate):
        signal.connect(drop_everything, dispatch_uid=f"page-cache-{id(signal)}")
    setting_changed.connect(on_setting_changed, dispatch_uid="page-cache-settings")
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(on_row_changed, dispatch_uid=f"page-cache-rows-{id(signal)}")
