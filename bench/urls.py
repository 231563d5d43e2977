"""The desk's URLs plus the bare views under /bench/; used only through bench.settings."""

from django.urls import path

from khedmat.urls import urlpatterns as desk_urlpatterns

from . import views

urlpatterns = [
    path("bench/bare/cartable/", views.cartable, name="bench_bare_cartable"),
    path("bench/bare/cases/", views.case_list, name="bench_bare_case_list"),
    *desk_urlpatterns,
]
