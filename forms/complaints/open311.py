"""Open311 GeoReport v2 for complaint categories and case records, in XML and JSON (open311_formats.py).

Reading is open; filing a request (POST) needs the ``api_key`` the bureau issued the client (``Open311Client``),
is limited per key, and files only in the key's city. Each service takes one attribute, the county
(``attribute[county]``), which its service definition (``services/{code}.{format}``) lists with every county's key.
Errors are GeoReport's list of ``code`` and ``description``, in the format asked for.

Only the cases the bureau has published (公开, after checking the public reply for personal details) are listed,
and a receipt number of an unpublished case gets the same answer as an unknown one. Output never contains personal
details: no contact data and no free-text description (people write names and phone numbers into it); only
category, status, dates, the handling county and the bureau's public reply.
"""

import datetime

from django.db import IntegrityError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from portal.ratelimits import RETRY_AFTER_SECONDS, exceeded_by
from portal.regions import County

from .open311_formats import MEDIA_TYPES, errors_response, respond
from .open311_forms import (
    FEEDBACK_CODE,
    Open311RequestForm,
    Open311Submission,
    county_key,
    field_errors,
    request_data,
)
from .records import Category, Complaint, Open311Client
from .views import save_case

MAX_RESULTS = 1000
DEFAULT_WINDOW = datetime.timedelta(days=90)
API_ROOT = "/open311/v2"
API_CHANGESET = "2026-12-01T00:00:00+08:00"  # the API's last change: XML, service definitions, api_key
SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"


# --- discovery and services ---------------------------------------------------------------------------------


@require_GET
def discovery(request, format):
    endpoint = {
        "specification": SPECIFICATION,
        "url": request.build_absolute_uri(API_ROOT),
        "changeset": API_CHANGESET,
        "type": "production",
        "formats": MEDIA_TYPES,
    }
    document = {
        "changeset": API_CHANGESET,
        "contact": _("泉州市人力资源和社会保障局、宁德市人力资源和社会保障局"),
        "key_service": _("提交投诉建议需要 api_key：请向所在设区市的人力资源和社会保障局申请。"),
        "endpoints": [endpoint],
    }
    return respond(format, "discovery", document)


def service(code, name, description, keywords, group):
    # Every service takes the county attribute, so each has a service definition (metadata).
    return {
        "service_code": code,
        "service_name": name,
        "description": description,
        "metadata": True,
        "type": "realtime",
        "keywords": keywords,
        "group": group,
    }


@require_GET
def services(request, format):
    items = [
        service(category.code, category.name, category.description, "投诉", "投诉")
        for category in Category.objects.filter(active=True)
    ]
    items.append(service(FEEDBACK_CODE, "意见建议", "对零工市场（驿站）服务的意见和建议", "意见,建议", "意见建议"))
    return respond(format, "services", items)


def is_service(code):
    return code == FEEDBACK_CODE or Category.objects.filter(code=code, active=True).exists()


def county_attribute():
    """The attribute every service takes: the county, with every county's key and name."""
    return {
        "variable": True,
        "code": "county",
        "datatype": "singlevaluelist",
        "required": True,
        "datatype_description": _("县级行政区划代码；开发区、投资区等功能区没有代码，用其名称"),
        "order": 1,
        "description": _("事情发生地所在的县（市、区）"),
        "values": [{"key": county_key(county), "name": county.name} for county in County.objects.all()],
    }


@require_GET
def service_definition(request, service_code, format):
    if not is_service(service_code):
        unknown = field_errors({"service_code": [_("没有这个服务代码，请先查询 services.xml。")]})
        return errors_response(format, unknown, status=404)
    return respond(format, "service_definition", {"service_code": service_code, "attributes": [county_attribute()]})


# --- requests ----------------------------------------------------------------------------------------------


def as_open311(case):
    """One service request, without personal details."""
    county = case.handling_county
    return {
        "service_request_id": case.receipt_no,
        "status": "open" if case.is_open else "closed",
        "status_notes": case.public_reply or case.get_status_display(),
        "service_name": case.category.name if case.category else case.get_kind_display(),
        "service_code": case.category.code if case.category else FEEDBACK_CODE,
        "agency_responsible": f"{county.name}人力资源和社会保障局",
        "requested_datetime": timezone.localtime(case.submitted_at).isoformat(),
        "updated_datetime": timezone.localtime(case.updated_at).isoformat(),
        "expected_datetime": f"{case.close_due.isoformat()}T18:00:00+08:00" if case.is_open else None,
        "address": county.name,
        "zipcode": None,
        "lat": float(county.latitude) if county.latitude is not None else None,
        "long": float(county.longitude) if county.longitude is not None else None,
        "media_url": None,
    }


@csrf_exempt
@require_http_methods(["GET", "POST"])
def requests_collection(request, format):
    if request.method == "POST":
        return create_request(request, format)
    return list_requests(request, format)


def create_request(request, format):
    client = Open311Client.holding(request.POST.get("api_key", ""))
    if client is None:
        refused = [_("缺少 api_key 或 api_key 无效：请向市人力资源和社会保障局申请客户端密钥。")]
        return errors_response(format, refused, status=403)
    if exceeded_by(request, "open311_post_per_key", f"open311-client-{client.pk}"):
        return too_many(format)
    client.record_use()
    form = Open311RequestForm(request_data(request.POST), client)
    if not form.is_valid():
        return errors_response(format, field_errors(form.errors))
    kind = Complaint.Kind.FEEDBACK if form.cleaned_data["service_code"] is None else Complaint.Kind.COMPLAINT
    try:
        case, code = save_case(Open311Submission(form.cleaned_data, client), kind)
    except IntegrityError:
        return errors_response(format, ["提交未成功，请重试。"], status=409)
    notice = f"已收到。请凭受理编号 {case.receipt_no} 和查询码 {code} 在“投诉建议 → 查询进度”查看办理情况。"
    receipt = {"service_request_id": case.receipt_no, "service_notice": notice, "account_id": None}
    return respond(format, "service_requests", [receipt], status=201)


def too_many(format):
    response = errors_response(format, [_("提交过于频繁，请稍后再试。")], status=429)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


EARLIEST, LATEST = 2000, 2100  # the years a case can date from; others are a typo, and overflow the database


def parse_when(value, field, errors):
    if not value:
        return None
    try:
        moment = parse_datetime(value)
    except ValueError:
        moment = None
    if moment is None:
        errors[field] = ["时间格式应为 W3C 格式，例如 2026-11-01T00:00:00+08:00。"]
        return None
    if not EARLIEST <= moment.year <= LATEST:
        errors[field] = [f"时间须在{EARLIEST}年至{LATEST}年之间。"]
        return None
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def list_requests(request, format):
    params = request.GET
    cases = published_cases().order_by("-submitted_at")
    ids = [value.strip() for value in params.get("service_request_id", "").split(",") if value.strip()]
    if ids:
        return requests_response(format, cases.filter(receipt_no__in=ids))
    errors = {}
    start = parse_when(params.get("start_date"), "start_date", errors)
    end = parse_when(params.get("end_date"), "end_date", errors)
    status = params.get("status", "")
    if status and status not in {"open", "closed"}:
        errors["status"] = ["status 只能是 open 或 closed。"]
    if errors:
        return errors_response(format, field_errors(errors))
    if start is None and end is None:
        start = timezone.now() - DEFAULT_WINDOW
    if start:
        cases = cases.filter(submitted_at__gte=start)
    if end:
        cases = cases.filter(submitted_at__lte=end)
    codes = [code for code in params.get("service_code", "").split(",") if code]
    if codes:
        include_feedback = FEEDBACK_CODE in codes
        by_category = cases.filter(category__code__in=codes)
        cases = by_category | cases.filter(kind=Complaint.Kind.FEEDBACK) if include_feedback else by_category
    if status == "open":
        cases = cases.exclude(status__in=Complaint.FINAL_STATUSES)
    elif status == "closed":
        cases = cases.filter(status__in=Complaint.FINAL_STATUSES)
    return requests_response(format, cases)


def requests_response(format, cases):
    return respond(format, "service_requests", [as_open311(case) for case in cases[:MAX_RESULTS]])


@require_GET
def request_detail(request, receipt_no, format):
    case = published_cases().filter(receipt_no=receipt_no).first()
    if case is None:
        unknown = field_errors({"service_request_id": ["没有公开的这个受理编号。"]})
        return errors_response(format, unknown, status=404)
    return respond(format, "service_requests", [as_open311(case)])


def published_cases():
    return Complaint.objects.filter(published=True).select_related("category", "handling_county")
