"""Routes of service B, each with at most one path parameter."""

from django.urls import path

from . import views

app_name = "training"
urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("calendar.xlsx", views.calendar_xlsx, name="calendar_xlsx"),
    path("calendar.pdf", views.calendar_pdf, name="calendar_pdf"),
    path("courses/new/", views.course_new, name="course_new"),
    path("courses/<int:pk>/", views.course_detail, name="course_detail"),
    path("courses/<int:pk>/register/", views.request_new, name="request_new"),
    path("courses/<int:pk>/sessions/new/", views.session_new, name="session_new"),
    path("requests/", views.request_list, name="request_list"),
    path("requests/<int:pk>/fix/", views.request_fix, name="request_fix"),
    path("requests/<int:pk>/evaluation/", views.request_evaluation, name="request_evaluation"),
    path("requests/<int:pk>/survey/", views.request_survey, name="request_survey"),
    path("requests/<int:pk>/certificates.zip", views.request_certificates, name="request_certificates"),
    path("learners/<int:pk>/certificate.pdf", views.learner_certificate, name="learner_certificate"),
    path("planning/", views.planning, name="planning"),
    path("sessions/", views.session_list, name="session_list"),
    path("sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("sessions/<int:pk>/act/", views.session_act, name="session_act"),
    path("sessions/<int:pk>/top-up/", views.session_top_up, name="session_top_up"),
    path("sessions/<int:pk>/certificates/", views.session_certificates, name="session_certificates"),
    path("sessions/<int:pk>/attendance/", views.session_attendance, name="session_attendance"),
    path("sessions/<int:pk>/scores/", views.session_scores, name="session_scores"),
    path("sessions/<int:pk>/scores/import/", views.session_scores_import, name="session_scores_import"),
    path("history/", views.history, name="history"),
    path("dashboard/", views.dashboard, name="dashboard"),
]
