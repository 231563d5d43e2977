"""Addresses of saved views, under /views/."""

from django.urls import path

from . import views

app_name = "savedviews"
urlpatterns = [
    path("", views.view_list, name="view_list"),
    path("save/", views.view_save, name="view_save"),
    path("<int:pk>/rename/", views.view_rename, name="view_rename"),
    path("<int:pk>/default/", views.view_default, name="view_default"),
    path("<int:pk>/share/", views.view_share, name="view_share"),
    path("<int:pk>/delete/", views.view_delete, name="view_delete"),
]
