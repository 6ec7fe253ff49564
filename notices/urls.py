from django.urls import path

from . import views

urlpatterns = [
    path("events/calendar.ics", views.calendar_feed, name="events_calendar"),
    path("events/<int:pk>.ics", views.event_calendar, name="event_calendar"),
]
