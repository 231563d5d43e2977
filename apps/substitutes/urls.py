from django.urls import path

from . import views

app_name = "substitutes"
urlpatterns = [
    path("", views.substitution_list, name="list"),
    path("new/", views.substitution_new, name="new"),
    path("<int:pk>/cancel/", views.substitution_cancel, name="cancel"),
]
