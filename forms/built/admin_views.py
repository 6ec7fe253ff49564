"""Staff views outside modeladmin: a submission's file, and the export."""

import io
import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.utils import timezone

from forms.cases.uploads import private_file_response

from .exports import submissions_workbook
from .records import BuiltFormUpload, SubmissionAccess
from .scoping import can_see, may_reveal

logger = logging.getLogger(__name__)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def require_staff(user):
    if not user.has_perm("built_forms.view_builtformsubmission"):
        raise PermissionDenied


def upload(request, pk):
    """A submission's photo or PDF, only for staff who may see that submission."""
    require_staff(request.user)
    item = BuiltFormUpload.objects.select_related("submission").filter(pk=pk).first()
    if item is None or not can_see(request.user, item.submission):
        raise Http404
    response = private_file_response(item.file, item.content_type)
    extension = item.file.name.rsplit(".", 1)[-1]
    response["Content-Disposition"] = f'inline; filename="{item.submission.receipt_no}-{item.pk}.{extension}"'
    return response


def export(request, submissions, full=False):
    """``submissions`` (already scoped and filtered) as .xlsx; full numbers only for who may open them, recorded."""
    require_staff(request.user)
    if full and not may_reveal(request.user):
        raise PermissionDenied
    submissions = list(submissions.select_related("page", "county"))
    buffer = io.BytesIO()
    submissions_workbook(submissions, masked=not full).save(buffer)
    pages = {submission.page_id for submission in submissions}
    SubmissionAccess.objects.create(
        user=request.user,
        action=SubmissionAccess.Action.EXPORTED_FULL if full else SubmissionAccess.Action.EXPORTED,
        page=submissions[0].page if len(pages) == 1 else None,
        count=len(submissions),
    )
    logger.info("built form submissions exported by user %s: %s rows, full=%s", request.user.pk, len(submissions), full)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    filename = f"form-submissions-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
