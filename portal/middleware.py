from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.utils.deprecation import MiddlewareMixin
from django.utils.translation import gettext as _

from .errors import bad_request_page


class ChineseFirstMiddleware(MiddlewareMixin):
    """Keep zh-Hans the default whatever language the browser asks for.

    English is chosen explicitly (the /en/ prefix or the language switcher's
    cookie); an English browser on its own does not turn a Chinese government
    portal into English.  Runs before LocaleMiddleware.
    """

    def process_request(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)


class PermissionsPolicyMiddleware(MiddlewareMixin):
    """Every response says which browser features the portal's pages may use (``PERMISSIONS_POLICY``): the
    directory's "nearest market" needs the location, nothing needs the camera, microphone or payment."""

    def process_response(self, request, response):
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with two policies: the public pages' strict one (``CONTENT_SECURITY_POLICY``:
    scripts and styles from the portal itself or carrying the response's nonce), and a looser one for Wagtail's
    admin (``ADMIN_CONTENT_SECURITY_POLICY``), whose own templates still hold inline scripts."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if parts.config is None and request.path_info.startswith(settings.ADMIN_PATH_PREFIX):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        parts.update = {**(parts.update or {}), "img-src": [tile_source(settings.MAP_TILE_URL)]}
        return parts


def tile_source(tile_url):
    """The CSP source of a Leaflet tile template: https://{s}.tile.example.org/{z}/… → https://*.tile.example.org."""
    parts = urlsplit(tile_url.replace("{s}.", "*."))
    return f"{parts.scheme}://{parts.netloc}"


class NulCharacterMiddleware(MiddlewareMixin):
    """A request with a NUL character in its path, query or form fields is a 400, before any view (uploaded files'
    names lose every unprintable character in Django's parser).

    No one types one, and PostgreSQL cannot compare text that holds one, so every lookup of such a value (a search,
    a receipt number, a form token) would be a server error there.  Runs before the CSRF check, which reads the form.
    """

    def process_request(self, request):
        if "\x00" in request.path or holds_nul(request.GET) or (request.method == "POST" and holds_nul(request.POST)):
            return bad_request_page(request, _("请求中含有空字符（NUL），无法处理。"))
        return None


def holds_nul(values):
    return any("\x00" in key or any("\x00" in str(value) for value in items) for key, items in values.lists())
