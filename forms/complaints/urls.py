"""Non-page URLs of the forms app: the Open311 GeoReport v2 API, each endpoint in XML and JSON."""

from django.urls import path, register_converter

from . import open311
from .open311_formats import FormatConverter

register_converter(FormatConverter, "open311_format")

urlpatterns = [
    path("open311/discovery.<open311_format:format>", open311.discovery, name="open311_discovery"),
    path("open311/v2/services.<open311_format:format>", open311.services, name="open311_services"),
    path(
        "open311/v2/services/<str:service_code>.<open311_format:format>",
        open311.service_definition,
        name="open311_service",
    ),
    path("open311/v2/requests.<open311_format:format>", open311.requests_collection, name="open311_requests"),
    path(
        "open311/v2/requests/<str:receipt_no>.<open311_format:format>",
        open311.request_detail,
        name="open311_request",
    ),
]
