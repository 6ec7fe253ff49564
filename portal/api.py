"""Wagtail's API v2: pages, images and documents as open data."""

from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

MAX_OFFSET = 10**9  # far beyond any listing; the database's 64-bit integers end at 2**63


class BoundedPagination(WagtailPagination):
    """Wagtail's paging, with an offset too large for the database refused as a bad request (it was a server
    error: SQLite cannot compare with 9223372036854775808)."""

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "")
        # Compared by length first: int() refuses strings of more than 4,300 digits.
        if offset.isascii() and offset.isdigit() and (len(offset) > len(str(MAX_OFFSET)) or int(offset) > MAX_OFFSET):
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


class PortalPagesAPIViewSet(PagesAPIViewSet):
    pagination_class = BoundedPagination


class PortalImagesAPIViewSet(ImagesAPIViewSet):
    pagination_class = BoundedPagination


class PortalDocumentsAPIViewSet(DocumentsAPIViewSet):
    pagination_class = BoundedPagination


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PortalPagesAPIViewSet)
api_router.register_endpoint("images", PortalImagesAPIViewSet)
api_router.register_endpoint("documents", PortalDocumentsAPIViewSet)
