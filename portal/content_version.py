"""The version of what public pages show: moved on the moment any of it changes.

``portal.page_cache`` moves it on (its signal handlers know what public pages show) and files every cached page
under it; the fragments that uncached pages keep (the navigation, a policy's text and clauses) are filed under it
too, so none of them is read again once anything they show has changed.
"""

import secrets

from django.conf import settings
from django.core.cache import caches

KEY = "page-cache:generation"


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def current():
    value = _cache().get(KEY)
    if value is None:
        value = secrets.randbelow(10**9)
        _cache().add(KEY, value, None)
        value = _cache().get(KEY, value)
    return value


def move_on(**kwargs):
    """Something public pages show has changed: whatever was filed under the current version is left behind."""
    try:
        _cache().incr(KEY)
    except ValueError:
        _cache().set(KEY, secrets.randbelow(10**9), None)
