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
