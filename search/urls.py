from django.urls import path

from . import views

urlpatterns = [
    path("search/suggest.json", views.suggest, name="search_suggest"),
]
