"""Non-page URLs of the forms app: the Open311 GeoReport v2 JSON API."""

from django.urls import path

from . import open311

urlpatterns = [
    path("open311/v2/services.json", open311.services, name="open311_services"),
    path("open311/v2/requests.json", open311.requests_collection, name="open311_requests"),
    path("open311/v2/requests/<str:receipt_no>.json", open311.request_detail, name="open311_request"),
]
