"""Sign-in (with the second factor's code for whoever has one), and the forms of setting one up and of
typing its code after the province's single sign-on."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django_otp import user_has_device

from apps.core.digits import to_latin_digits

from . import second_factor
from .directory import REFUSAL_ATTR

CODE_LABEL = "کد تأیید دومرحله‌ای یا کد بازیابی"
WRONG_CODE = "کد تأیید دومرحله‌ای درست نیست."


class LoginForm(AuthenticationForm):
    """Username and password (the desk's own, or the directory's when LDAP sign-in is on); the app's
    six-digit code, or one of the ten-digit recovery codes, too when the account has a confirmed device."""

    otp_token = forms.CharField(label=CODE_LABEL, required=False, max_length=20)

    error_messages = {
        "invalid_login": "نام کاربری یا گذرواژه درست نیست.",
        "inactive": "این حساب غیرفعال است.",
    }

    def clean(self):
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            # The directory knew the person but the desk has no place for them: say why, not "wrong password".
            refusal = getattr(self.request, REFUSAL_ATTR, None)
            if refusal:
                raise forms.ValidationError(refusal, code="directory") from None
            raise
        user = self.get_user()
        if user is not None and user_has_device(user, confirmed=True):
            self.otp_device = second_factor.device_matching(user, self.cleaned_data.get("otp_token") or "")
            if self.otp_device is None:
                raise forms.ValidationError(WRONG_CODE, code="otp")
        return cleaned


class TotpConfirmForm(forms.Form):
    token = forms.CharField(label="کد شش‌رقمی برنامه احراز هویت", max_length=6)

    def clean_token(self):
        return to_latin_digits(self.cleaned_data["token"]).strip()


class SecondFactorForm(forms.Form):
    token = forms.CharField(label=CODE_LABEL, max_length=20)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.device = None

    def clean_token(self):
        self.device = second_factor.device_matching(self.user, self.cleaned_data["token"])
        if self.device is None:
            raise forms.ValidationError(WRONG_CODE)
        return self.cleaned_data["token"]
