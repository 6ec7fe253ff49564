from django.utils.deprecation import MiddlewareMixin


class ChineseFirstMiddleware(MiddlewareMixin):
    """Keep zh-Hans the default whatever language the browser asks for.

    English is chosen explicitly (the /en/ prefix or the language switcher's
    cookie); an English browser on its own does not turn a Chinese government
    portal into English.  Runs before LocaleMiddleware.
    """

    def process_request(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
