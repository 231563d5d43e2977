"""The desk's URLs plus four that fail, for the error-page tests (public, so the permission model lets
them run and the failure itself is what answers)."""

from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.urls import path

from apps.accounts.permissions import public
from khedmat.urls import handler500
from khedmat.urls import urlpatterns as desk_urlpatterns

__all__ = ["handler500", "urlpatterns"]


@public
def database_down(request):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')


@public
def refused(request):
    raise PermissionDenied("این پرونده متعلق به دستگاه دیگری است.")


@public
def broken(request):
    raise RuntimeError("a bug")


urlpatterns = [
    path("test/database-down/", database_down),
    path("api/test/database-down/", database_down),
    path("test/refused/", refused),
    path("test/broken/", broken),
    *desk_urlpatterns,
]
