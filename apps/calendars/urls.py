"""Routes of the calendars; the feed's address carries its secret token."""

from django.urls import path

from . import views

app_name = "calendars"
urlpatterns = [
    path("", views.month, name="month"),
    path("week/", views.week, name="week"),
    path("timelines/", views.timelines, name="timelines"),
    path("feed/", views.feed_settings, name="feed_settings"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
]
