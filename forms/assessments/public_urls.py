from django.urls import path

from . import public_views

app_name = "assessment_results"

urlpatterns = [
    path("<int:publicity_id>/objection/", public_views.objection, name="objection"),
    path("<int:publicity_id>/objection/done/", public_views.objection_done, name="objection_done"),
    path("objections/progress/", public_views.objection_progress, name="objection_progress"),
]
