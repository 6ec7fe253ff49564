from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import override
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

FAVICON = "portal/img/favicon.ico"


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers, 503 when it does not (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def section_of(url):
    """The first part of an address after the active language's prefix: /en/assessment-results/objections/progress/
    gives /en/assessment-results/."""
    language_prefix = reverse("wagtail_serve", args=[""])  # "/" or "/en/"
    return language_prefix + url[len(language_prefix) :].split("/", 1)[0] + "/"


def closed_to_crawlers():
    """The admin, and in every language the operators' area (accounts, applications, assessments) and the objection
    forms of the assessment results, and the captcha: nothing there is for a search engine."""
    paths = [reverse("wagtailadmin_home")]
    for language, _name in settings.LANGUAGES:
        with override(language):
            paths.append(section_of(reverse("operators:home")))
            paths.append(section_of(reverse("assessment_results:objection_progress")))
    paths.append(section_of(reverse("captcha-refresh")))
    return list(dict.fromkeys(paths))


@require_GET
def robots_txt(request):
    lines = ["User-agent: *", "Allow: /"]
    lines += [f"Disallow: {path}" for path in closed_to_crawlers()]
    lines += ["", f"Sitemap: {settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{reverse('sitemap')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(public=True, max_age=86400)
def favicon(request):
    """Browsers that ask /favicon.ico without reading the page's <link rel="icon"> get the static file."""
    return HttpResponseRedirect(static(FAVICON))
