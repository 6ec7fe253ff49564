"""Open311 GeoReport v2 (JSON only) for complaint categories and case records.

Reading is open; filing a request (POST) needs the ``api_key`` the bureau issued the client (``Open311Client``),
is limited per key, and files only in the key's city. Errors are GeoReport's list of ``code`` and ``description``.

Only the cases the bureau has published (公开, after checking the public reply for personal details) are listed,
and a receipt number of an unpublished case gets the same answer as an unknown one. Output never contains personal
details: no contact data and no free-text description (people write names and phone numbers into it); only
category, status, dates, the handling county and the bureau's public reply.
"""

import datetime
import secrets

from django import forms
from django.db import IntegrityError
from django.http import JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from forms.cases.validators import validate_phone
from portal.ratelimits import RETRY_AFTER_SECONDS, exceeded_by
from portal.regions import County

from .records import Category, Complaint, Open311Client
from .views import save_case

FEEDBACK_CODE = "feedback"
MAX_RESULTS = 1000
DEFAULT_WINDOW = datetime.timedelta(days=90)


# The request's names of the form's fields, for error descriptions.
PARAMETER_NAMES = {"county": "attribute[county]"}


def errors_response(descriptions, status=400):
    """GeoReport v2's error list: one ``code`` (the HTTP status) and ``description`` per problem."""
    errors = [{"code": status, "description": description} for description in descriptions]
    return JsonResponse(errors, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def field_errors(errors):
    """``{"field": ["message"]}`` as descriptions naming the request's parameter, e.g. "service_code：…"."""
    return [
        message if field == "__all__" else f"{PARAMETER_NAMES.get(field, field)}：{message}"
        for field, messages in errors.items()
        for message in messages
    ]


def json(data, status=200):
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


@require_GET
def services(request):
    items = [
        {
            "service_code": category.code,
            "service_name": category.name,
            "description": category.description,
            "metadata": False,
            "type": "realtime",
            "keywords": "投诉",
            "group": "投诉",
        }
        for category in Category.objects.filter(active=True)
    ]
    items.append(
        {
            "service_code": FEEDBACK_CODE,
            "service_name": "意见建议",
            "description": "对零工市场（驿站）服务的意见和建议",
            "metadata": False,
            "type": "realtime",
            "keywords": "意见,建议",
            "group": "意见建议",
        }
    )
    return json(items)


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


class Open311RequestForm(forms.Form):
    service_code = forms.CharField(error_messages={"required": "缺少 service_code（服务代码）。"})
    description = forms.CharField(max_length=3000, error_messages={"required": "缺少 description（事情经过）。"})
    lat = forms.FloatField(required=False, min_value=-90, max_value=90)
    long = forms.FloatField(required=False, min_value=-180, max_value=180)
    address_string = forms.CharField(required=False, max_length=200)
    county = forms.CharField(required=False, max_length=12)  # attribute[county]: a division code
    email = forms.EmailField(required=False, error_messages={"invalid": "email 格式不正确。"})
    first_name = forms.CharField(required=False, max_length=25)
    last_name = forms.CharField(required=False, max_length=25)
    phone = forms.CharField(required=False, max_length=20)

    def __init__(self, data, client):
        super().__init__(data)
        self.client = client

    def clean_service_code(self):
        code = self.cleaned_data["service_code"]
        if code == FEEDBACK_CODE:
            return None
        category = Category.objects.filter(code=code, active=True).first()
        if category is None:
            raise forms.ValidationError("未知的 service_code，请先查询 services.json。")
        return category

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        return validate_phone(phone) if phone.strip() else ""

    def clean(self):
        cleaned = super().clean()
        county = cleaned["county"] = self.find_county(cleaned)
        if county is None and not self.errors:
            self.add_error("county", "请提供 attribute[county]（县级行政区划代码）或 lat/long 以确定县（市、区）。")
        elif county is not None and county.city_id != self.client.city_id:
            message = _("此 api_key 只能提交%(city)s各县（市、区）的投诉建议。") % {"city": self.client.city.name}
            self.add_error("county", message)
        return cleaned

    def find_county(self, cleaned):
        code = cleaned.get("county")
        if code:
            return County.objects.filter(division_code=code).first()
        lat, lng = cleaned.get("lat"), cleaned.get("long")
        if lat is None or lng is None:
            return None
        counties = County.objects.exclude(latitude=None).exclude(longitude=None)
        return min(
            counties,
            key=lambda county: (float(county.latitude) - lat) ** 2 + (float(county.longitude) - lng) ** 2,
            default=None,
        )


class Open311Submission:
    """Adapts the Open311 fields to what ``save_case`` expects from the web form."""

    def __init__(self, data):
        name = f"{data.get('last_name', '')}{data.get('first_name', '')}".strip()
        anonymous = not (name and data.get("phone"))
        self.cleaned_data = {
            "category": data["service_code"],
            "market": None,
            "county": data["county"],
            "description": data["description"],
            "happened_on": None,
            "anonymous": anonymous,
            "contact_name": "" if anonymous else name,
            "contact_phone": "" if anonymous else data["phone"],
            "contact_email": "" if anonymous else data.get("email", ""),
            "token": secrets.token_urlsafe(24),
            "open311_client": data["open311_client"],
        }

    def attachments(self):
        return []


@csrf_exempt
@require_http_methods(["GET", "POST"])
def requests_collection(request):
    if request.method == "POST":
        return create_request(request)
    return list_requests(request)


def create_request(request):
    client = Open311Client.holding(request.POST.get("api_key", ""))
    if client is None:
        return errors_response(
            [_("缺少 api_key 或 api_key 无效：请向市人力资源和社会保障局申请客户端密钥。")], status=403
        )
    if exceeded_by(request, "open311_post_per_key", f"open311-client-{client.pk}"):
        return too_many()
    client.record_use()
    form = Open311RequestForm(request_data(request.POST), client)
    if not form.is_valid():
        return errors_response(field_errors(form.errors))
    kind = Complaint.Kind.FEEDBACK if form.cleaned_data["service_code"] is None else Complaint.Kind.COMPLAINT
    try:
        case, code = save_case(Open311Submission({**form.cleaned_data, "open311_client": client}), kind)
    except IntegrityError:
        return errors_response(["提交未成功，请重试。"], status=409)
    notice = f"已收到。请凭受理编号 {case.receipt_no} 和查询码 {code} 在“投诉建议 → 查询进度”查看办理情况。"
    return json([{"service_request_id": case.receipt_no, "service_notice": notice, "account_id": None}], status=201)


def request_data(posted):
    """The POST's fields, with GeoReport's ``attribute[county]`` as the form's ``county``."""
    data = posted.copy()
    if "attribute[county]" in data:
        data["county"] = data["attribute[county]"]
    return data


def too_many():
    response = errors_response([_("提交过于频繁，请稍后再试。")], status=429)
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


def list_requests(request):
    params = request.GET
    cases = published_cases().order_by("-submitted_at")
    ids = [value.strip() for value in params.get("service_request_id", "").split(",") if value.strip()]
    if ids:
        return json([as_open311(case) for case in cases.filter(receipt_no__in=ids)[:MAX_RESULTS]])
    errors = {}
    start = parse_when(params.get("start_date"), "start_date", errors)
    end = parse_when(params.get("end_date"), "end_date", errors)
    status = params.get("status", "")
    if status and status not in {"open", "closed"}:
        errors["status"] = ["status 只能是 open 或 closed。"]
    if errors:
        return errors_response(field_errors(errors))
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
    return json([as_open311(case) for case in cases[:MAX_RESULTS]])


@require_GET
def request_detail(request, receipt_no):
    case = published_cases().filter(receipt_no=receipt_no).first()
    if case is None:
        return errors_response(field_errors({"service_request_id": ["没有公开的这个受理编号。"]}), status=404)
    return json([as_open311(case)])


def published_cases():
    return Complaint.objects.filter(published=True).select_related("category", "handling_county")
