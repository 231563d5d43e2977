from django.urls import path

from . import views

app_name = "support"
urlpatterns = [path("faults/new/", views.fault_report_new, name="fault_report_new")]
