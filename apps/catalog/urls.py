"""Catalog URLs, mounted at /services/; public, no sign-in needed."""

from django.urls import path

from . import views

app_name = "catalog"
urlpatterns = [
    path("", views.service_list, name="index"),
    path("<slug:slug>/", views.service_detail, name="detail"),
]
