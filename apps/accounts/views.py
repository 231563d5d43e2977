"""Signing in and out, passwords, two-step sign-in and its recovery codes, personal API tokens."""

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.core.errors import InvalidError
from apps.core.http import attempt, attempt_and_return

from . import second_factor, services
from .forms import LoginForm, SecondFactorForm, TotpConfirmForm
from .permissions import signed_in


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        device = getattr(form, "otp_device", None)
        if device is not None:
            otp_login(self.request, device)
        else:
            second_factor.note_sign_in(self.request, form.get_user())
        return response

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "oidc_enabled": settings.KHEDMAT_OIDC,
            "oidc_label": settings.KHEDMAT_OIDC_LABEL,
        }


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        messages.success(self.request, "گذرواژه شما تغییر کرد.")
        return super().form_valid(form)


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:login")

    def form_valid(self, form):
        messages.success(self.request, "گذرواژه تازه ثبت شد؛ اکنون وارد شوید.")
        return super().form_valid(form)


def _totp_context(user) -> dict:
    device = TOTPDevice.objects.filter(user=user).first()
    qr_svg = ""
    if device is not None and not device.confirmed:
        qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=4)
    return {"device": device, "qr_svg": qr_svg, "totp_form": TotpConfirmForm()}


@signed_in
def profile(request):
    return render(
        request,
        "accounts/profile.html",
        {
            **_totp_context(request.user),
            "offers_second_factor": second_factor.offered_to(request.user),
            "recovery_codes_left": second_factor.recovery_codes_left(request.user),
            "new_recovery_codes": request.session.pop("new_recovery_codes", []),
            "tokens": request.user.api_tokens.filter(revoked=False),
            "new_token": request.session.pop("new_api_token", ""),
        },
    )


@second_factor.exempt
@signed_in
def second_factor_setup(request):
    """Where a person who must have a second factor and has none is held until they set one up."""
    if request.user.is_verified():
        return redirect(settings.LOGIN_REDIRECT_URL)
    if request.method == "POST":
        if request.POST.get("step") != "confirm":
            attempt(request, lambda: services.totp_start(user=request.user))
        elif attempt(
            request,
            lambda: _totp_confirm(request, settle=True),
            "ورود دومرحله‌ای فعال شد. اکنون کدهای بازیابی خود را بسازید و جای امنی نگه دارید.",
        ):
            return redirect("accounts:profile")
        return redirect("accounts:second_factor_setup")
    return render(
        request,
        "accounts/second_factor_setup.html",
        {**_totp_context(request.user), "required": second_factor.required_for(request.user)},
    )


@second_factor.exempt
@signed_in
def second_factor_verify(request):
    """The code after a sign-in that did not ask it (the province's single sign-on)."""
    if request.user.is_verified():
        return redirect(settings.LOGIN_REDIRECT_URL)
    if not second_factor.has_device(request.user):
        return redirect("accounts:second_factor_setup")
    form = SecondFactorForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        otp_login(request, form.device)
        second_factor.settled(request)
        return redirect(request.session.pop("oidc_login_next", None) or settings.LOGIN_REDIRECT_URL)
    return render(request, "accounts/second_factor_verify.html", {"form": form})


def _totp_confirm(request, *, settle: bool = False):
    """The code typed from the authenticator app confirms the device and signs this session in with it."""
    form = TotpConfirmForm(request.POST)
    if not form.is_valid():
        raise InvalidError("کد را وارد کنید.")
    device = services.totp_confirm(user=request.user, token=form.cleaned_data["token"])
    otp_login(request, device)
    if settle:
        second_factor.settled(request)
    return device


def _keep_in_session(request, key: str, value) -> None:
    # For the profile page to show once (it takes the value out of the session).
    request.session[key] = value


@require_POST
@signed_in
def recovery_codes_create(request):
    attempt(
        request,
        lambda: _keep_in_session(
            request, "new_recovery_codes", services.recovery_codes_create(user=request.user)
        ),
    )
    return redirect("accounts:profile")


@require_POST
@signed_in
def totp_start(request):
    return attempt_and_return(request, lambda: services.totp_start(user=request.user), "", "accounts:profile")


@require_POST
@signed_in
def totp_confirm(request):
    return attempt_and_return(
        request, lambda: _totp_confirm(request), "ورود دومرحله‌ای فعال شد.", "accounts:profile"
    )


@require_POST
@signed_in
def token_create(request):
    attempt(
        request,
        lambda: _keep_in_session(
            request,
            "new_api_token",
            services.api_token_create(user=request.user, name=request.POST.get("name", "")),
        ),
    )
    return redirect("accounts:profile")
