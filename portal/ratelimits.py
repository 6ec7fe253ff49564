"""Limits per client address on the public endpoints that cost the most or invite guessing (the bottom layer), and
per API key where a client identifies itself (``exceeded_by``).

Each limit has a name and a default rate; ``RATE_LIMITS`` in the settings may change any of them. The counters
live in the cache: in production it must be the shared Redis, so every worker counts the same.
"""

from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage, is_ratelimited

RATES = {
    "submit": "10/h",  # complaints and feedback
    "lookup_failures": "10/h",  # failed progress look-ups (a wrong query code)
    "survey": "20/h",
    "built_form": "20/h",  # sign-ups on the forms the bureau builds (forms.built)
    "evaluate": "60/m",  # the assessment API
    "search": "120/m",
    "suggest": "300/m",  # suggestions as one types
    "register": "10/h",  # operators' registrations
    "password_reset": "5/h",
    "open311_post_per_key": "60/h",  # complaints an Open311 client files with its api_key, wherever they come from
}
RETRY_AFTER_SECONDS = 60


def rate(name):
    return getattr(settings, "RATE_LIMITS", {}).get(name, RATES[name])


def exceeded(request, name, increment=True):
    """Whether the client's address is past the limit ``name`` (counting this request unless ``increment`` is off)."""
    return is_ratelimited(request, group=f"portal-{name}", key="ip", rate=rate(name), increment=increment)


def exceeded_by(request, name, holder, increment=True):
    """Whether ``holder`` (a string naming, say, an API client) is past the limit ``name``, from any address."""
    return is_ratelimited(
        request, group=f"portal-{name}", key=lambda group, request: holder, rate=rate(name), increment=increment
    )


def usage(request, name, increment):
    """django-ratelimit's count and limit of ``name`` for the client's address."""
    return get_usage(request, group=f"portal-{name}", key="ip", rate=rate(name), increment=increment)


def used_up(request, name):
    """Whether the client's address has used up ``name`` (without counting this request): for limits counted on
    failures only, such as wrong query codes."""
    counted = usage(request, name, increment=False)
    return counted is not None and counted["count"] >= counted["limit"]


def too_many(request, as_json):
    message = _("请求过于频繁，请稍后再试。")
    if as_json:
        response = JsonResponse({"errors": {"body": [message]}}, status=429, json_dumps_params={"ensure_ascii": False})
    else:
        response = TemplateResponse(request, "429.html", {"message": message}, status=429)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


@dataclass(frozen=True)
class RateLimit:
    name: str
    methods: tuple | None
    as_json: bool


def refusal(request, view):
    """The 429 for ``view``'s limit if this request is past it (counting it), or None. Also asked by the page
    cache for a copy it serves, so a limit holds however the page is answered."""
    limit = getattr(view, "rate_limit", None)
    if limit is None or (limit.methods is not None and request.method not in limit.methods):
        return None
    return too_many(request, limit.as_json) if exceeded(request, limit.name) else None


def limited(name, *, methods=None, as_json=False):
    """A view decorator: past the rate of ``name`` for the client's address, a 429 in Chinese (JSON for an API).

    ``methods`` limits only those methods (e.g. ["POST"] for a form's submissions); by default every request counts.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            return refusal(request, wrapped) or view(request, *args, **kwargs)

        wrapped.rate_limit = RateLimit(name, tuple(methods) if methods is not None else None, as_json)
        return wrapped

    return decorator
