"""Signing in and out, passwords, two-step sign-in, personal API tokens."""

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.core.errors import ServiceError

from . import services
from .forms import LoginForm, TotpConfirmForm
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
        return response


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


@signed_in
def profile(request):
    device = TOTPDevice.objects.filter(user=request.user).first()
    qr_svg = ""
    if device is not None and not device.confirmed:
        qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=4)
    return render(
        request,
        "accounts/profile.html",
        {
            "device": device,
            "qr_svg": qr_svg,
            "totp_form": TotpConfirmForm(),
            "tokens": request.user.api_tokens.filter(revoked=False),
            "new_token": request.session.pop("new_api_token", ""),
        },
    )


@require_POST
@signed_in
def totp_start(request):
    try:
        services.totp_start(user=request.user)
    except ServiceError as exc:
        messages.error(request, exc.message)
    return redirect("accounts:profile")


@require_POST
@signed_in
def totp_confirm(request):
    form = TotpConfirmForm(request.POST)
    try:
        if not form.is_valid():
            raise ServiceError("کد را وارد کنید.")
        device = services.totp_confirm(user=request.user, token=form.cleaned_data["token"])
        otp_login(request, device)
        messages.success(request, "ورود دومرحله‌ای فعال شد.")
    except ServiceError as exc:
        messages.error(request, exc.message)
    return redirect("accounts:profile")


@require_POST
@signed_in
def token_create(request):
    try:
        key = services.api_token_create(user=request.user, name=request.POST.get("name", ""))
        request.session["new_api_token"] = key
    except ServiceError as exc:
        messages.error(request, exc.message)
    return redirect("accounts:profile")
