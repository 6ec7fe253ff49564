"""Checks that ``manage.py check --deploy`` runs: a production that would not hold its rate limits does not start."""

from cryptography.fernet import Fernet
from django.conf import settings
from django.core import checks

# Caches every worker and server shares, with atomic increments (django-ratelimit's requirement).
SHARED_CACHES = {
    "django.core.cache.backends.redis.RedisCache",
    "django_redis.cache.RedisCache",
    "django.core.cache.backends.memcached.PyMemcacheCache",
    "django.core.cache.backends.memcached.PyLibMCCache",
}


@checks.register(checks.Tags.security, checks.Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs):
    backend = settings.CACHES["default"]["BACKEND"]
    if backend in SHARED_CACHES:
        return []
    return [
        checks.Error(
            f"The default cache ({backend}) is not shared by the gunicorn workers: each would keep its own "
            "rate-limit and lockout counters.",
            hint="Set CACHE_URL to Redis, e.g. rediscache://127.0.0.1:6379/1.",
            id="portal.E001",
        )
    ]


@checks.register(checks.Tags.caches, deploy=True)
def check_shared_page_cache(app_configs, **kwargs):
    """A copy dropped by one server must be dropped for all: the page cache is shared, or not used."""
    backend = settings.CACHES[settings.PAGE_CACHE_ALIAS]["BACKEND"]
    if not settings.PAGE_CACHE_ENABLED or backend in SHARED_CACHES:
        return []
    return [
        checks.Error(
            f"The anonymous page cache ({backend}) is not shared by every server: a page changed on one would "
            "still be served from another's copy.",
            hint="Set PAGE_CACHE_URL to a Redis database of its own, e.g. rediscache://127.0.0.1:6379/2.",
            id="portal.E004",
        )
    ]


@checks.register(checks.Tags.security, deploy=True)
def check_proxy_setting(app_configs, **kwargs):
    if settings.TRUSTED_PROXY_HOPS is not None:
        return []
    return [
        checks.Error(
            "TRUSTED_PROXY_HOPS is not set: behind a proxy every client would share the proxy's address, so one "
            "person's requests could lock out everyone.",
            hint="Set TRUSTED_PROXY_HOPS to the number of reverse proxies in front of the portal (0 for none).",
            id="portal.E002",
        )
    ]


@checks.register(checks.Tags.security, deploy=True)
def check_field_encryption_keys(app_configs, **kwargs):
    keys = settings.FIELD_ENCRYPTION_KEYS
    problem = "" if keys else "FIELD_ENCRYPTION_KEYS is not set: identity, phone and bank numbers cannot be stored."
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key.encode())
        except ValueError:
            problem = f"Key {position} of FIELD_ENCRYPTION_KEYS is not a Fernet key (32 bytes, url-safe base64)."
    if not problem:
        return []
    hint = (
        'Generate one with: python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"'
    )
    return [checks.Error(problem, hint=hint, id="portal.E003")]
