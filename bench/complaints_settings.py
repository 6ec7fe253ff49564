"""Settings for bench/complaints_load.py: production settings, captcha in test mode, a high rate limit.

The load comes from one address, so the per-address limit is raised; everything else
(SQLite in WAL mode, several gunicorn workers, CSRF, the one-time form token) is as deployed.
"""

from portal.settings import *  # noqa: F403

CAPTCHA_TEST_MODE = True
RATE_LIMITS = {"submit": "100000/h"}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
