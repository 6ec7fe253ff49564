"""POST /api/v1/assessment/evaluate: the rules engine as JSON."""

import json

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from portal.ratelimits import limited

from ..rules import FactsError, evaluate

MAX_BODY_BYTES = 64 * 1024


@csrf_exempt  # a public, read-only computation: no session, nothing stored
@require_POST
@limited("evaluate", as_json=True)
def evaluate_view(request):
    if len(request.body) > MAX_BODY_BYTES:
        return errors_response({"body": ["请求内容过大"]})
    try:
        data = json.loads(request.body.decode("utf-8"))
    except (ValueError, RecursionError):  # not UTF-8, not JSON, a number too long to read, nested too deep
        return errors_response({"body": ["请求内容须为UTF-8编码的JSON"]})
    try:
        result = evaluate(data)
    except FactsError as error:
        return errors_response(error.errors)
    return JsonResponse(result.as_json(), json_dumps_params={"ensure_ascii": False})


def errors_response(errors):
    return JsonResponse({"errors": errors}, status=400, json_dumps_params={"ensure_ascii": False})
