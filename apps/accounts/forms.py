"""Sign-in (with a TOTP code for staff who turned it on) and the TOTP set-up form."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django_otp import devices_for_user, user_has_device

from apps.core.digits import to_latin_digits


class LoginForm(AuthenticationForm):
    """Username and password; a six-digit code too when the account has a confirmed TOTP device."""

    otp_token = forms.CharField(label="کد تأیید دومرحله‌ای", required=False, max_length=6)

    error_messages = {
        "invalid_login": "نام کاربری یا گذرواژه درست نیست.",
        "inactive": "این حساب غیرفعال است.",
    }

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        if user is not None and user_has_device(user, confirmed=True):
            token = to_latin_digits(self.cleaned_data.get("otp_token") or "").strip()
            self.otp_device = next(
                (d for d in devices_for_user(user, confirmed=True) if token and d.verify_token(token)), None
            )
            if self.otp_device is None:
                raise forms.ValidationError("کد تأیید دومرحله‌ای درست نیست.", code="otp")
        return cleaned


class TotpConfirmForm(forms.Form):
    token = forms.CharField(label="کد شش‌رقمی برنامه احراز هویت", max_length=6)

    def clean_token(self):
        return to_latin_digits(self.cleaned_data["token"]).strip()
