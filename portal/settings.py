"""Settings for the gig-market portal.

Every environment variable the portal reads is declared once, with its type and
default, in ``env`` below; the README lists them.  Production is the default:
DEBUG is off, SECRET_KEY has no default, cookies are secure and HTTPS is
enforced unless ``HTTPS_ONLY=false`` is set (as ``make run`` does for the
local demo on plain HTTP).
"""

import shutil
from datetime import timedelta
from pathlib import Path

import django.forms
import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

PROJECT_DIR = Path(__file__).resolve().parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env(
    DEBUG=(bool, False),
    SECRET_KEY=(str, environ.Env.NOTSET),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost"]),
    CSRF_TRUSTED_ORIGINS=(list, []),
    DATABASE_URL=(str, f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"),
    CACHE_URL=(str, "locmemcache://"),
    MEDIA_ROOT=(str, str(VAR_DIR / "media")),
    PRIVATE_MEDIA_ROOT=(str, str(VAR_DIR / "private")),
    FILE_STORAGE=(str, "filesystem"),
    S3_BUCKET=(str, ""),
    S3_PRIVATE_BUCKET=(str, ""),
    S3_ENDPOINT_URL=(str, ""),
    S3_REGION=(str, ""),
    S3_CUSTOM_DOMAIN=(str, ""),
    STATIC_ROOT=(str, str(VAR_DIR / "static")),
    HTTPS_ONLY=(bool, True),
    DEMO_MODE=(bool, False),
    SITE_BASE_URL=(str, "http://127.0.0.1:8000"),
    EMAIL_URL=(str, "consolemail://"),
    DEFAULT_FROM_EMAIL=(str, "noreply@lgsc.example.gov.cn"),
    FIELD_ENCRYPTION_KEYS=(list, []),
    FIELD_ENCRYPTION_LEGACY_SALTS=(list, []),
    MAP_TILE_URL=(str, "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"),
    MAP_TILE_ATTRIBUTION=(str, "© OpenStreetMap"),
    MAP_TILE_CRS=(str, "WGS84"),
    SEARCH_BACKEND_URL=(str, ""),
    LOG_LEVEL=(str, "INFO"),
    TRUSTED_PROXY_HOPS=(int, None),
    PAGE_CACHE_URL=(str, f"filecache://{VAR_DIR / 'page-cache'}"),
    PAGE_CACHE_ENABLED=(bool, True),
    PAGE_CACHE_SECONDS=(int, 86400),
)
# A local env file written by `make run` for the demo; real deployments set the environment.
environ.Env.read_env(VAR_DIR / "env", overwrite=False)

DEBUG = env("DEBUG")
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")
DEMO_MODE = env("DEMO_MODE")

INSTALLED_APPS = [
    "portal",
    "policies",
    "notices",
    "markets",
    "wages",
    "forms.complaints",
    "forms.applications",
    "forms.assessments",
    "forms.built",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "portal.apps.PortalUsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "wagtail_modeladmin",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django_filters",
    "captcha",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.ChineseFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "portal.middleware.NulCharacterMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.middleware.PermissionsPolicyMiddleware",
    "portal.middleware.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # After authentication (it serves only visitors without a session or login); see portal/page_cache.py.
    "portal.page_cache.AnonymousPageCacheMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

PERMISSIONS_POLICY = "geolocation=(self), camera=(), microphone=(), payment=(), usb=(), browsing-topics=()"

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates", Path(django.forms.__file__).parent / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.context_processors.site_navigation",
                "portal.context_processors.language_switch",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# Widgets' templates are found like pages' ones, so a widget of the portal keeps its template in templates/. Django's
# own widget templates come from their folder, not by installing django.forms: its app label ("forms") is taken by
# forms.complaints since the first migration.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# --- Database ---------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one gunicorn worker writes; IMMEDIATE
    # transactions plus a busy timeout make concurrent writers queue instead of
    # failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", 60)
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def cache_settings(url):
    config = env.cache_url_config(url)
    if config["BACKEND"] == "django_redis.cache.RedisCache":
        # Django's own Redis backend; django-environ names django-redis by default.
        config["BACKEND"] = "django.core.cache.backends.redis.RedisCache"
        config.pop("OPTIONS", None)
    return config


CACHES = {"default": cache_settings(env("CACHE_URL")), "pages": cache_settings(env("PAGE_CACHE_URL"))}
# Anonymous pages (portal/page_cache.py) have a cache of their own, so that many pages never push out the rate
# limits' counters. It must be shared by every process that serves (a copy dropped in one is dropped in all): files
# under var/ for `make run` on one machine, a Redis database of its own in production (check --deploy).
CACHES["pages"].setdefault("OPTIONS", {})["MAX_ENTRIES"] = 5000
# Sessions read from Redis and kept in the database when the cache is shared by every server; a cache of one
# process would hand another worker a stale session (a logout not seen), so without Redis they stay in the database.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if CACHES["default"]["BACKEND"].endswith("RedisCache")
    else "django.contrib.sessions.backends.db"
)
PAGE_CACHE_ENABLED = env("PAGE_CACHE_ENABLED")
PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_SECONDS = env("PAGE_CACHE_SECONDS")
PAGE_CACHE_EXCLUDED_PREFIXES = (
    "/admin/",
    "/operators/",
    "/en/operators/",
    "/captcha/",
    "/i18n/",
    "/healthz",
    "/documents/",
)

# --- Languages, time ----------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Both cities keep Beijing time: staff choose no time zone (the account page then offers none).
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]

# --- Passwords and sessions ---------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"
# django-axes' backend comes first so a locked-out login is refused before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Repeated failed logins (public and admin) lock that username from that address for a while.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "forms.applications.views.lockout"
AXES_COOLOFF_MESSAGE = "登录失败次数过多，账号已暂时锁定，请30分钟后再试。"

# The client's address (rate limits, lockout) behind this many reverse proxies; see portal/client_address.py.
# Unset, `check --deploy` refuses to pass.
TRUSTED_PROXY_HOPS = env("TRUSTED_PROXY_HOPS")
AXES_CLIENT_IP_CALLABLE = "portal.client_address.client_address"
RATELIMIT_IP_META_KEY = "portal.client_address.client_address"

HTTPS_ONLY = env("HTTPS_ONLY") and not DEBUG
SECURE_SSL_REDIRECT = HTTPS_ONLY
SESSION_COOKIE_SECURE = HTTPS_ONLY
CSRF_COOKIE_SECURE = HTTPS_ONLY
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS_ONLY else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS_ONLY
SECURE_HSTS_PRELOAD = HTTPS_ONLY
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Wagtail's admin shows page previews in a same-origin frame; other sites still cannot frame the portal.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = [
    "security.W019",  # X_FRAME_OPTIONS is SAMEORIGIN, not DENY, for the admin's previews (see above)
]

# --- Content-Security-Policy (django-csp) --------------------------------------------
# Public pages run only the portal's own scripts and styles, or inline ones carrying the response's nonce
# ({{ CSP_NONCE }}); the middleware adds the map's tile server (MAP_TILE_URL) to the image sources. Wagtail's
# admin keeps inline scripts and styles in its own templates, so it gets a policy that allows them but still
# nothing from other sites.
_COMMON_DIRECTIVES = {
    "default-src": [SELF],
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "media-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [SELF],
}
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {**_COMMON_DIRECTIVES, "script-src": [SELF, NONCE], "style-src": [SELF, NONCE]},
}
ADMIN_PATH_PREFIX = "/admin/"
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **_COMMON_DIRECTIVES,
        "img-src": [SELF, "data:", "blob:"],
        "script-src": [SELF, "'unsafe-inline'"],
        "style-src": [SELF, "'unsafe-inline'"],
    },
}

# --- Static and media ---------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env("STATIC_ROOT")
STATICFILES_DIRS = [BASE_DIR / "portal" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT")
# Uploads from the public (complaint photos, application materials) live here,
# outside MEDIA_ROOT, and are served only through views that check permissions.
PRIVATE_MEDIA_ROOT = env("PRIVATE_MEDIA_ROOT")
FILE_STORAGE = env("FILE_STORAGE")  # "filesystem" (one server), or "s3" for several servers sharing the files


def s3_storage(bucket, *, public):
    """django-storages' S3 backend (any S3-compatible service). Credentials come from the environment as boto3 reads
    them (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, or an instance role), never from this file."""
    options = {"bucket_name": bucket, "file_overwrite": False, "default_acl": None}
    if env("S3_ENDPOINT_URL"):  # a service other than Amazon's (MinIO, a cloud's S3-compatible store)
        options["endpoint_url"] = env("S3_ENDPOINT_URL")
    if env("S3_REGION"):
        options["region_name"] = env("S3_REGION")
    if public:  # images and documents the public sees: plain URLs, through a CDN's domain if one is given
        options.update(querystring_auth=False, custom_domain=env("S3_CUSTOM_DOMAIN") or None)
    else:  # identity papers and photos: served only through views that check permissions (forms/cases/uploads.py)
        options.update(querystring_auth=True, querystring_expire=60)
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


if FILE_STORAGE == "s3":
    if not (env("S3_BUCKET") and env("S3_PRIVATE_BUCKET")):
        raise ImproperlyConfigured("FILE_STORAGE is s3: set S3_BUCKET (public files) and S3_PRIVATE_BUCKET (uploads).")
    FILE_STORAGES = {
        "default": s3_storage(env("S3_BUCKET"), public=True),
        "private": s3_storage(env("S3_PRIVATE_BUCKET"), public=False),
    }
elif FILE_STORAGE == "filesystem":
    FILE_STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},  # outside MEDIA_ROOT: no address serves them
        },
    }
else:
    raise ImproperlyConfigured(f"FILE_STORAGE is {FILE_STORAGE!r}: it should be filesystem or s3.")
STORAGES = {
    **FILE_STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_PERMISSIONS = 0o640

# --- Background tasks -----------------------------------------------------------
# Wagtail's own housekeeping (reference index, file deletion) runs inline as before. Anything that talks to
# another server and can fail (e-mail) is a task on the "background" backend: stored in the database with
# the change it belongs to, sent by `manage.py db_worker --backend background --queue-name '*'`, retried
# (portal.mail).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

# --- E-mail -------------------------------------------------------------------
vars().update(env.email("EMAIL_URL"))
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Logging: everything to stdout, no personal data in messages ----------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stdout"], "level": env("LOG_LEVEL")},
    "loggers": {
        "django": {"handlers": ["stdout"], "level": env("LOG_LEVEL"), "propagate": False},
        # One line per background task run is noise at INFO.
        "django_tasks": {"level": "WARNING"},
        "axes": {"level": "WARNING"},  # a line per failed login is noise; lockouts are warnings
    },
}

# --- Wagtail ------------------------------------------------------------------
WAGTAIL_SITE_NAME = "泉州·宁德零工市场服务平台"
WAGTAILADMIN_BASE_URL = env("SITE_BASE_URL")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"
# Documents are always served by the portal (permissions and collections checked, links on the portal's own
# address), whichever storage holds them, rather than by a redirect to a bucket's address.
# Documents carry 文号, issuing body, dates, validity, city and the version they replace (policies/documents.py).
WAGTAILDOCS_DOCUMENT_MODEL = "policies.OfficialDocument"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "wps", "ofd", "zip", "txt", "csv"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_MODERATION_ENABLED = True
# The admin does not call releases.wagtail.org: upgrades are planned by the maintainers, and the policy allows no
# connections to other sites.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILAPI_BASE_URL = env("SITE_BASE_URL")
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Captcha ------------------------------------------------------------------
CAPTCHA_FONT_SIZE = 32
CAPTCHA_IMAGE_SIZE = (120, 44)
CAPTCHA_LENGTH = 4
CAPTCHA_TIMEOUT = 10  # minutes
# The spoken captcha (for people who cannot read the image) needs the flite program.
CAPTCHA_FLITE_PATH = shutil.which("flite")

# --- Field encryption (identity, phone and bank numbers, contact details) -----------
# Fernet keys of their own (portal/encryption.py), never derived from SECRET_KEY: the first encrypts, every key
# decrypts; rotate by putting a new key first and running `manage.py reencrypt_personal_data`.
FIELD_ENCRYPTION_KEYS = env("FIELD_ENCRYPTION_KEYS")
# Salts of data written before the portal had its own keys (derived from SECRET_KEY): decryption only.
FIELD_ENCRYPTION_LEGACY_SALTS = env("FIELD_ENCRYPTION_LEGACY_SALTS")

# --- Map ----------------------------------------------------------------------
MAP_TILE_URL = env("MAP_TILE_URL")
MAP_TILE_ATTRIBUTION = env("MAP_TILE_ATTRIBUTION")
MAP_TILE_CRS = env("MAP_TILE_CRS")  # "WGS84", or "GCJ02" for Chinese tile services

# --- Search ---------------------------------------------------------------------
# Every backend segments Chinese with search.analysis (jieba and search/dictionary.txt).
# Without SEARCH_BACKEND_URL the database is the index (SQLite FTS5 or PostgreSQL); with it,
# e.g. https://user:pass@es.example:9200 (Elasticsearch 8) or opensearch+https://host:9200.
SEARCH_BACKEND_URL = env("SEARCH_BACKEND_URL")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends"}}
if SEARCH_BACKEND_URL:
    _scheme, _, _address = SEARCH_BACKEND_URL.partition("://")
    _engine, _, _protocol = _scheme.rpartition("+")
    WAGTAILSEARCH_BACKENDS["default"] = {
        "BACKEND": "search.backends.opensearch" if _engine == "opensearch" else "search.backends.elasticsearch",
        "URLS": [f"{_protocol}://{_address}"],
        "INDEX_PREFIX": "portal_",
        "TIMEOUT": 5,
    }
