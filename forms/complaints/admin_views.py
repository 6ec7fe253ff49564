"""Staff views outside modeladmin: private attachments and statistics."""

import io

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone

from forms.cases.scoping import can_handle
from forms.cases.uploads import private_file_response

from .records import ComplaintAttachment
from .statistics import complaint_statistics, statistics_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def require_case_staff(user):
    if not user.has_perm("forms.view_complaint"):
        raise PermissionDenied


def attachment(request, pk):
    """A complaint's photo or PDF, only for staff who may handle that complaint."""
    require_case_staff(request.user)
    item = get_object_or_404(ComplaintAttachment.objects.select_related("case"), pk=pk)
    if not can_handle(request.user, item.case):
        raise Http404
    response = private_file_response(item.file, item.content_type)
    response["Content-Disposition"] = f'inline; filename="attachment-{item.pk}.{item.file.name.rsplit(".", 1)[-1]}"'
    return response


def statistics(request):
    require_case_staff(request.user)
    stats = complaint_statistics(request.user)
    if request.GET.get("format") == "xlsx":
        buffer = io.BytesIO()
        statistics_workbook(stats).save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX)
        filename = f"complaint-statistics-{timezone.localdate():%Y%m%d}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    return TemplateResponse(request, "forms/admin/statistics.html", {"stats": stats, "page_title": "投诉建议统计"})
