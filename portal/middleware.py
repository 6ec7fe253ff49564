from django.conf import settings
from django.utils.deprecation import MiddlewareMixin


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
