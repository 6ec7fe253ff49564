from django.urls import path

from .api import views

app_name = "markets"

urlpatterns = [
    path("api/v1/markets.geojson", views.geojson, name="geojson"),
    path("api/v1/markets/nearby", views.nearby, name="nearby"),
    path("api/v1/markets/map", views.map_view, name="map"),
]
