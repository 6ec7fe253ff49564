"""Staff views outside modeladmin: an application's uploaded materials."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from forms.cases import can_handle

from .models import Application, ApplicationDocument


def document(request, pk):
    """One uploaded material, only for staff who may handle that application (drafts are not the bureau's)."""
    if not request.user.has_perm("applications.view_application"):
        raise PermissionDenied
    item = get_object_or_404(ApplicationDocument.objects.select_related("application"), pk=pk)
    application = item.application
    if application.status == Application.Status.DRAFT or not can_handle(request.user, application):
        raise Http404
    response = FileResponse(item.file.open("rb"), content_type=item.content_type, filename=item.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
