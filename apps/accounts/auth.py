"""Who is asking: the signed-in user of a page, and for the API the browser's session (with CSRF) or a
personal bearer token."""

from django.contrib.auth.backends import ModelBackend
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from apps.core import freshness
from apps.core.field_history import actor_identified

from .models import ApiToken, User
from .permissions import enforce_api_route, principals_of


class DeskBackend(ModelBackend):
    """Django's username and password backend, reading the user's organization and unit with the user.

    Every page shows the user's organization and scopes its reads by it, and permissions read the unit: one
    query instead of three on every request. The row is kept until the next committed write to a shared
    table (`apps/core/freshness.py`; it reads no agency's rows, so their writes leave it kept): building that
    query took a sixth of a kept page's time, and a user deactivated, given other roles or a new password is
    such a write, so the next request reads them afresh. What the person is to the desk (`principals_of`,
    read from the same rows) is kept with them, so the permission model, the menu and the kept values' keys
    do not work it out again on every request.
    """

    def get_user(self, user_id):
        user = freshness.kept(("user", str(user_id)), lambda: self._read_user(user_id), shared=True)
        return user if user is not None and self.user_can_authenticate(user) else None

    @staticmethod
    def _read_user(user_id):
        user = User.objects.select_related("organization", "unit").filter(pk=user_id).first()
        if user is not None:
            principals_of(user)  # noted on the row, and kept with it
        return user


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        token_row = (
            ApiToken.objects.select_related("user__organization")
            .filter(key_hash=ApiToken.hash_key(token), revoked=False, user__is_active=True)
            .first()
        )
        if token_row is None:
            return None
        ApiToken.objects.filter(pk=token_row.pk).update(last_used_at=timezone.now())
        request.user = token_row.user
        # Known only now, after auditlog's middleware: the fields this call changes are recorded under them.
        actor_identified(token_row.user)
        return token_row.user


class DeskSessionAuth(SessionAuth):
    """The browser's session, then the operation's rule (`apps.accounts.permissions`)."""

    def __call__(self, request):
        user = super().__call__(request)
        if user:
            enforce_api_route(request)
        return user


class DeskTokenAuth(TokenAuth):
    def __call__(self, request):
        user = super().__call__(request)
        if user:
            enforce_api_route(request)
        return user


# The token first: a caller that sends one is a system, not a browser, and needs no CSRF token. Each checks
# the operation's rule once it knows the caller, before the body is read.
api_auth = [DeskTokenAuth(), DeskSessionAuth(csrf=True)]
