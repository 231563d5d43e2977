from django.urls import path

from . import views

app_name = "workflow"
urlpatterns = [
    path("", views.cartable, name="cartable"),
    path("cases/", views.case_list, name="case_list"),
    path("cases/<str:tracking_code>/", views.case_detail, name="case_detail"),
    path("cases/<str:tracking_code>/act/", views.case_act, name="case_act"),
    path("cases/<str:tracking_code>/attachments/", views.attachment_upload, name="attachment_upload"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("bulk/", views.bulk_start, name="bulk_start"),
    path("bulk/<int:pk>/", views.bulk_job, name="bulk_job"),
    path("track/", views.track, name="track"),
]
