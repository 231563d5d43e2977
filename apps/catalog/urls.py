from django.urls import path
from django.views.generic import TemplateView

app_name = "catalog"
urlpatterns = [path("", TemplateView.as_view(template_name="core/home.html"), name="index")]
