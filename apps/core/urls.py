from django.urls import path

from . import import_views, views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("desk/", views.landing, name="landing"),
    path("healthz", views.healthz, name="healthz"),
    # Job routes first, so that "jobs" is never read as the name of an import.
    path("imports/jobs/<int:pk>/", import_views.import_job, name="import_job"),
    path("imports/jobs/<int:pk>/errors.xlsx", import_views.import_job_errors, name="import_job_errors"),
    path("imports/<slug:spec>/", import_views.import_upload, name="import_upload"),
    path("imports/<slug:spec>/template.xlsx", import_views.import_template, name="import_template"),
]
