"""A page that declares no rule, for the deny-by-default test."""

from django.http import HttpResponse
from django.urls import path


def undeclared(request):
    return HttpResponse("secret")


urlpatterns = [path("undeclared/", undeclared)]
