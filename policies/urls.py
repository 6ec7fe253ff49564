from django.urls import path

from .views.api import evaluate_view
from .views.calculator import calculator, criteria_list, criterion_detail

app_name = "policies"

urlpatterns = [
    path("api/v1/assessment/evaluate", evaluate_view, name="evaluate"),
    path("assessment/calculator/", calculator, name="calculator"),
    path("assessment/criteria/<slug:city>/", criteria_list, name="criteria"),
    path("assessment/criteria/<slug:city>/<int:number>/", criterion_detail, name="criterion"),
]
