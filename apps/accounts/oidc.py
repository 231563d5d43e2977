"""Signing in through the province's OpenID Connect provider (mozilla-django-oidc), when KHEDMAT_OIDC is on.

The provider's claims name the person (KHEDMAT_OIDC_CLAIMS says which claim holds what): their username,
names, national ID and mobile, their organization's code, their group's code and their roles, mapped to
the desk's roles by KHEDMAT_OIDC_ROLES. `directory.user_sync` makes the user of them.
"""

import logging

import requests
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.views import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from . import second_factor
from .auth import DeskBackend
from .directory import REFUSAL_ATTR, DirectoryPerson, DirectoryRefusal, desk_roles, user_sync

logger = logging.getLogger("khedmat.security")


def _text(value) -> str:
    if isinstance(value, list | tuple):
        value = value[0] if value else ""
    return "" if value is None else str(value).strip()


def _names(value) -> list[str]:
    """A roles claim as the provider sends it: a list, or one string of names split by spaces or commas."""
    if value is None:
        return []
    if isinstance(value, str):
        return [v for v in value.replace(",", " ").split() if v]
    return [str(v).strip() for v in value if str(v).strip()]


def person_from_claims(claims: dict) -> DirectoryPerson:
    names = settings.KHEDMAT_OIDC_CLAIMS
    return DirectoryPerson(
        source="OpenID Connect",
        username=_text(claims.get(names["username"])),
        first_name=_text(claims.get("given_name")),
        last_name=_text(claims.get("family_name")),
        email=_text(claims.get("email")),
        national_id=_text(claims.get(names["national_id"])),
        mobile=_text(claims.get(names["mobile"])),
        organization_code=_text(claims.get(names["organization"])),
        unit_code=_text(claims.get(names["unit"])),
        roles=desk_roles(_names(claims.get(names["roles"])), settings.KHEDMAT_OIDC_ROLES),
    )


class DeskOIDCBackend(OIDCAuthenticationBackend):
    """Verifies the provider's ID token (its JWKS), reads the user info, and creates or updates the user."""

    def authenticate(self, request, **kwargs):
        # A code the provider refuses (forged, replayed, or the desk's client secret wrong), a provider that
        # does not answer, or an ID token whose signature fails: the person is sent back to the sign-in
        # page, and the administrators read why in the log.
        try:
            return super().authenticate(request, **kwargs)
        except (requests.RequestException, SuspiciousOperation) as exc:
            logger.error("OpenID Connect sign-in failed: %s", exc)
            return None

    def get_or_create_user(self, access_token, id_token, payload):
        claims = {**payload, **self.get_userinfo(access_token, id_token, payload)}
        try:
            return user_sync(person=person_from_claims(claims))
        except DirectoryRefusal as refusal:
            setattr(self.request, REFUSAL_ATTR, refusal.message)
            return None

    def get_user(self, user_id):
        # Each later request reads the user as the desk's own sign-in does, with their organization and unit.
        return DeskBackend().get_user(user_id)


def _enabled() -> None:
    if not settings.KHEDMAT_OIDC:
        raise Http404("ورود با سامانه یکپارچه فعال نیست.")


class StartView(OIDCAuthenticationRequestView):
    """Sends the browser to the provider, with state, nonce and a PKCE challenge kept in the session."""

    def __init__(self, **kwargs):
        # The provider's settings exist only when KHEDMAT_OIDC is on: read them per request, in get().
        View.__init__(self, **kwargs)

    def get(self, request):
        _enabled()
        self.OIDC_OP_AUTH_ENDPOINT = settings.OIDC_OP_AUTHORIZATION_ENDPOINT
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        return super().get(request)


class CallbackView(OIDCAuthenticationCallbackView):
    """The provider's answer: signs the person in, or back to the sign-in page with the reason in Persian."""

    def get(self, request):
        _enabled()
        return super().get(request)

    def login_success(self):
        response = super().login_success()
        second_factor.note_sign_in(self.request, self.user)
        return response

    def login_failure(self):
        if self.request.GET.get("error") == "access_denied":
            reason = "ورود در سامانه یکپارچه لغو شد."
        else:
            reason = getattr(self.request, REFUSAL_ATTR, None) or (
                "ورود با سامانه یکپارچه انجام نشد؛ دوباره تلاش کنید."
            )
        messages.error(self.request, reason)
        return HttpResponseRedirect(reverse("accounts:login"))
