"""The 补贴测算 calculator and the assessment criteria: pages, so under the language prefixes (/en/…)."""

from django.urls import path

from .views.calculator import calculator, criteria_list, criterion_detail

app_name = "policies"

urlpatterns = [
    path("assessment/calculator/", calculator, name="calculator"),
    path("assessment/criteria/<slug:city>/", criteria_list, name="criteria"),
    path("assessment/criteria/<slug:city>/<int:number>/", criterion_detail, name="criterion"),
]
