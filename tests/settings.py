"""Settings for the test suite: production settings with test-only values."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("HTTPS_ONLY", "false")
os.environ.setdefault("DEMO_MODE", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("FIELD_ENCRYPTION_KEYS", "dGVzdC1vbmx5LWZpZWxkLWtleS1ub3QtZm9yLXByb2Q=")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop
_worker = os.environ.get("PYTEST_XDIST_WORKER")
_tmp = tempfile.mkdtemp(prefix=f"portal-test-{_worker or 'main'}-")
# Each test process has its own page cache (tests/conftest.py empties it before every test).
os.environ.setdefault("PAGE_CACHE_URL", "locmemcache://pages")
# And its own upload folders: an xdist worker inherits the controller's, which the other worker would share
# (tests/test_file_storage.py asserts that nothing lands in them).
_media = os.environ.__setitem__ if _worker else os.environ.setdefault
_media("MEDIA_ROOT", os.path.join(_tmp, "media"))
_media("PRIVATE_MEDIA_ROOT", os.path.join(_tmp, "private"))

from portal.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
WHITENOISE_AUTOREFRESH = True
CAPTCHA_TEST_MODE = True  # "PASSED" is accepted as the answer in tests
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Mail is sent as it is queued, so tests read mail.outbox at once; tests/security/test_mail_outage.py uses the
# database queue and its worker, as production does.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
# The server's clock is frozen (conftest.py) but Chromium's is not: cookies that last for the browser
# session, so a frozen "now" never makes the browser see them as already expired.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_AGE = None
# The suite calls the API and search far more often than a person would; tests/security sets low limits itself.
RATE_LIMITS = {name: "100000/m" for name in ("evaluate", "search", "suggest", "register", "password_reset")}
