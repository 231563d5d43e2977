"""Writes on accounts: two-step sign-in set-up and personal API tokens."""

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.core.errors import ServiceError

from .models import ApiToken, User


def totp_start(*, user: User) -> TOTPDevice:
    """Creates an unconfirmed device whose QR code the profile page shows."""
    if not user.is_province_staff:
        raise ServiceError("ورود دومرحله‌ای برای کارکنان سازمان فعال می‌شود.", status=403)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            raise ServiceError("ورود دومرحله‌ای پیش‌تر فعال شده است.")
        return TOTPDevice.objects.create(user=user, name="برنامه احراز هویت", confirmed=False)


def totp_confirm(*, user: User, token: str) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        raise ServiceError("ابتدا فعال‌سازی را آغاز کنید.")
    if not device.verify_token(token):
        raise ServiceError("کد واردشده درست نیست؛ کد تازه برنامه را وارد کنید.")
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return device


def api_token_create(*, user: User, name: str) -> str:
    """Returns the token once; only its hash is stored."""
    name = name.strip()
    if not name:
        raise ServiceError("برای توکن نامی بنویسید.")
    key = ApiToken.new_key()
    ApiToken.objects.create(user=user, name=name[:100], key_hash=ApiToken.hash_key(key), prefix=key[:8])
    return key
