from django.urls import path

from . import roster_views, views

app_name = "assessments"

urlpatterns = [
    path("start/<int:round_id>/<int:market_id>/", views.start, name="start"),
    path("<str:receipt_no>/", views.detail, name="detail"),
    path("<str:receipt_no>/edit/", views.edit, name="edit"),
    path("<str:receipt_no>/apply-subsidy/", views.apply_subsidy, name="apply_subsidy"),
    path("<str:receipt_no>/roster/", roster_views.roster_page, name="roster"),
    path("<str:receipt_no>/roster/template.xlsx", roster_views.roster_template, name="roster_template"),
    path("<str:receipt_no>/roster/roster.<str:extension>", roster_views.roster_export, name="roster_export"),
    path("<str:receipt_no>/evidence/<int:evidence_id>/", views.evidence_file, name="evidence_file"),
    path("<str:receipt_no>/evidence/<int:evidence_id>/delete/", views.delete_evidence, name="delete_evidence"),
]
