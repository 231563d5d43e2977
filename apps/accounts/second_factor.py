"""The second factor: who must have one, checking a code (TOTP or a recovery code), and the gate that sends a
signed-in person to set one up or to type its code before anything else.

A person signing in with the desk's form (or LDAP's password, through the same form) types the code on it.
One signed in by the province's OpenID Connect provider, or one whose role needs a second factor under
KHEDMAT_REQUIRE_2FA, is held at the gate: the session notes what is still owed ("verify" or "setup"),
and every page but the public ones, sign-out and the second factor's own answers with a redirect to it.
"""

import re

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.functional import LazyObject, empty
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.core.digits import to_latin_digits

from .permissions import PUBLIC, Principal, principals_of, rules_of

# What a signed-in session still owes: the code of a device it has, or a device it must set up.
PENDING_KEY = "khedmat_second_factor"
VERIFY, SETUP = "verify", "setup"
RECOVERY_CODES = 10
RECOVERY_CODE_DIGITS = 10

REQUIRED_PRINCIPALS = frozenset(
    {Principal.DEPUTY, Principal.ORG_HEAD, Principal.NATIONAL_OFFICER, Principal.ADMIN}
)


def required_for(user) -> bool:
    """Whether this person may not work without a second factor (KHEDMAT_REQUIRE_2FA and their role)."""
    return bool(settings.KHEDMAT_REQUIRE_2FA and principals_of(user) & REQUIRED_PRINCIPALS)


def offered_to(user) -> bool:
    """Whether the profile offers a second factor: the province's staff, and whoever must have one."""
    return bool(user.is_province_staff or user.is_superuser or principals_of(user) & REQUIRED_PRINCIPALS)


def normalize(token: str) -> str:
    """A code as typed, Persian digits, spaces and dashes and all, as the device compares it."""
    return re.sub(r"[\s\-‌]", "", to_latin_digits(token or ""))


def device_matching(user, token: str):
    """The confirmed device this code belongs to (a recovery code is used up), or None. Six digits are the
    app's code, ten a recovery code: each is tried only on its own kind, so a recovery code does not count
    as a wrong guess against the app (django-otp slows a device down after each)."""
    token = normalize(token)
    if not token.isdigit():
        return None
    kind = StaticDevice if len(token) == RECOVERY_CODE_DIGITS else TOTPDevice
    return next(
        (d for d in devices_for_user(user, confirmed=True) if isinstance(d, kind) and d.verify_token(token)),
        None,
    )


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def has_device(user) -> bool:
    return user_has_device(user, confirmed=True)


def note_sign_in(request, user) -> None:
    """After a sign-in that asked no code: note what the session owes, if anything."""
    if has_device(user):
        request.session[PENDING_KEY] = VERIFY
    elif required_for(user):
        request.session[PENDING_KEY] = SETUP


def settled(request) -> None:
    request.session.pop(PENDING_KEY, None)


def unwrapped(user):
    """The user behind lazy wrappers (read now if none has been yet), with what OTPMiddleware set on them
    (`otp_device`, `is_verified`)."""
    while isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user


def exempt(view):
    """Marks the second factor's own pages, which the gate lets through."""
    view.second_factor_exempt = True
    return view


class SecondFactorMiddleware:
    """Holds a signed-in person who owes a second factor at its page; free for everyone else (no query
    unless KHEDMAT_REQUIRE_2FA asks about someone whose role needs it, once a session).

    It also hands the rest of the request the person themself in place of the two lazy wrappers
    AuthenticationMiddleware and OTPMiddleware put around them: auditlog's middleware, just before, has read
    them already, and every attribute read through both wrappers (the permission model, the kept values'
    keys, the templates read the person some 500 times a page) went through two proxies."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if isinstance(user, LazyObject):
            request.user = unwrapped(user)
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return None
        pending = request.session.get(PENDING_KEY)
        if pending is None and required_for(user):
            pending = VERIFY if user_has_device(user, confirmed=True) else SETUP
            request.session[PENDING_KEY] = pending
        if pending is None or getattr(view, "second_factor_exempt", False) or rules_of(view) == (PUBLIC,):
            return None
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"detail": "پیش از هر کاری ورود دومرحله‌ای را در میز خدمت کامل کنید."}, status=403
            )
        return redirect(
            "accounts:second_factor_verify" if pending == VERIFY else "accounts:second_factor_setup"
        )
