from django.urls import path

from . import views

app_name = "complaints"
urlpatterns = [
    path("", views.complaint_list, name="complaint_list"),
    path("new/", views.complaint_new, name="complaint_new"),
    path("track/", views.complaint_track, name="complaint_track"),
    path("cases/<str:tracking_code>/assign/", views.complaint_assign, name="complaint_assign"),
    path("cases/<str:tracking_code>/rate/", views.complaint_rate, name="complaint_rate"),
    path("cases/<str:tracking_code>/survey/", views.survey_submit, name="survey_submit"),
    path("satisfaction/", views.satisfaction, name="satisfaction"),
    path("service-levels/", views.service_level_index, name="service_level_index"),
    path("service-levels/dashboard/", views.service_level_dashboard, name="service_level_dashboard"),
    path("service-levels/<slug:service>/", views.service_level_public, name="service_level_public"),
    path("reports/", views.reports, name="reports"),
    path("availability/", views.availability, name="availability"),
]
