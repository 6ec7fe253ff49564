"""The policies' open API, outside the language prefixes: POST /api/v1/assessment/evaluate."""

from django.urls import path

from .views.api import evaluate_view

app_name = "policies_api"

urlpatterns = [
    path("api/v1/assessment/evaluate", evaluate_view, name="evaluate"),
]
