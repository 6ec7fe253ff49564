from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from search import views as search_views

from . import views
from .api import api_router
from .sitemaps import SITEMAPS

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("captcha/", include("captcha.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v2/", api_router.urls),
    path("", include("forms.complaints.urls")),
    path("", include("markets.urls")),
    path("", include("notices.urls")),
    path("", include("policies.api_urls")),
    path("", include("search.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("operators/assessments/", include("forms.assessments.urls")),
    path("assessment-results/", include("forms.assessments.public_urls")),
    path("operators/", include("forms.applications.urls")),
    path("", include("policies.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler400 = "portal.errors.bad_request"
handler404 = "portal.errors.page_not_found"
handler500 = "portal.errors.server_error"
