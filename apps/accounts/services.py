"""Writes on accounts: two-step sign-in set-up, recovery codes and personal API tokens."""

import secrets

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.core.errors import ForbiddenError, InvalidError

from . import second_factor
from .models import ApiToken, User


def totp_start(*, user: User) -> TOTPDevice:
    """Creates an unconfirmed device whose QR code the profile page shows."""
    if not second_factor.offered_to(user):
        raise ForbiddenError("ورود دومرحله‌ای برای کارکنان سازمان فعال می‌شود.")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            raise InvalidError("ورود دومرحله‌ای پیش‌تر فعال شده است.")
        return TOTPDevice.objects.create(user=user, name="برنامه احراز هویت", confirmed=False)


def totp_confirm(*, user: User, token: str) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        raise InvalidError("ابتدا فعال‌سازی را آغاز کنید.")
    if not device.verify_token(token):
        raise InvalidError("کد واردشده درست نیست؛ کد تازه برنامه را وارد کنید.")
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return device


RECOVERY_DEVICE_NAME = "کدهای بازیابی"


@transaction.atomic
def recovery_codes_create(*, user: User) -> list[str]:
    """Ten new single-use codes, returned once, replacing any the person had; each signs in once in place
    of the app's code. Only for a person whose two-step sign-in is on."""
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise InvalidError("کدهای بازیابی پس از فعال‌سازی ورود دومرحله‌ای ساخته می‌شوند.")
    device, _ = StaticDevice.objects.get_or_create(user=user, defaults={"name": RECOVERY_DEVICE_NAME})
    device.token_set.all().delete()
    codes = []
    while len(codes) < second_factor.RECOVERY_CODES:
        code = "".join(secrets.choice("0123456789") for _ in range(second_factor.RECOVERY_CODE_DIGITS))
        if code not in codes:
            codes.append(code)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def api_token_create(*, user: User, name: str) -> str:
    """Returns the token once; only its hash is stored."""
    name = name.strip()
    if not name:
        raise InvalidError("برای توکن نامی بنویسید.")
    key = ApiToken.new_key()
    ApiToken.objects.create(user=user, name=name[:100], key_hash=ApiToken.hash_key(key), prefix=key[:8])
    return key
