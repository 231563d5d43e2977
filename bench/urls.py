"""The desk's URLs plus each service's bare views under /bench/bare/; used only through bench.settings."""

from bench.services import bare_urlpatterns
from khedmat.urls import urlpatterns as desk_urlpatterns

urlpatterns = [*bare_urlpatterns(), *desk_urlpatterns]
