"""The desk's URLs plus each service's bare views under /bench/bare/; used only through bench.settings."""

from apps.accounts.permissions import SIGNED_IN
from bench.services import bare_urlpatterns
from khedmat.urls import urlpatterns as desk_urlpatterns

# The desk refuses a view that declares no rule. A bare view is signed in (login_required) and reads through
# the page's own selector, which scopes its rows to the user, so signing in is its whole rule.
for pattern in bare_urlpatterns():
    if not getattr(pattern.callback, "permission_rules", None):
        pattern.callback.permission_rules = (SIGNED_IN,)

urlpatterns = [*bare_urlpatterns(), *desk_urlpatterns]
