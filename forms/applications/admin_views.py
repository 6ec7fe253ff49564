"""Staff views outside modeladmin: an application's uploaded materials."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from forms.cases.uploads import private_file_response

from .models import ApplicationDocument
from .review import open_to_bureau


def document(request, pk):
    """One uploaded material, only for staff who may handle that application (drafts are not the bureau's)."""
    if not request.user.has_perm("applications.view_application"):
        raise PermissionDenied
    item = get_object_or_404(ApplicationDocument.objects.select_related("application"), pk=pk)
    application = item.application
    if not open_to_bureau(request.user, application):
        raise Http404
    return private_file_response(item.file, item.content_type, item.original_name)
