"""Chinese error pages that cannot themselves fail."""

from django.http import HttpResponseBadRequest, HttpResponseNotFound, HttpResponseServerError, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _

API_PREFIXES = ("/api/", "/open311/")


def page_not_found(request, exception=None):
    template = loader.get_template("404.html")
    return HttpResponseNotFound(template.render({"request_path": request.path}, request))


def bad_request(request, exception=None):
    """A request Django could not read, e.g. a form body in an encoding other than UTF-8.

    Django's own handler runs the CSRF check, which reads the body again and fails (a 500); this one reads nothing
    of the body and renders without the request's context, whose processors might.
    """
    message = _("表单内容须以UTF-8编码提交，无法读取这次提交的内容。") if not_utf_8_form(request) else None
    return bad_request_page(request, message or _("无法读取这次提交的内容。"))


def bad_request_page(request, message):
    """A 400 saying ``message``: JSON for the APIs, else a page rendered without the request's context."""
    if request.path.startswith(API_PREFIXES) or request.path.endswith(".json"):
        return JsonResponse({"errors": {"body": [message]}}, status=400, json_dumps_params={"ensure_ascii": False})
    context = {"message": message, "CSP_NONCE": getattr(request, "csp_nonce", "")}
    return HttpResponseBadRequest(loader.get_template("400.html").render(context))


def not_utf_8_form(request):
    """Whether the body is a urlencoded form in another charset, which Django refuses to read."""
    encoding = request.encoding
    return request.content_type == "application/x-www-form-urlencoded" and (encoding or "utf-8").lower() != "utf-8"


def server_error(request):
    # No request context: the error may have come from a context processor or the database.
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"CSP_NONCE": getattr(request, "csp_nonce", "")}))
