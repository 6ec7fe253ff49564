"""Chinese error pages that cannot themselves fail."""

from django.http import HttpResponseNotFound, HttpResponseServerError
from django.template import loader


def page_not_found(request, exception=None):
    template = loader.get_template("404.html")
    return HttpResponseNotFound(template.render({"request_path": request.path}, request))


def server_error(request):
    # No request context: the error may have come from a context processor or the database.
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"CSP_NONCE": getattr(request, "csp_nonce", "")}))
