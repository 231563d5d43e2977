"""People the province's directory vouches for (OpenID Connect or LDAP), as users of the desk.

Both sign-ins read what the directory says about a person into a `DirectoryPerson` and hand it to
`user_sync`, which creates or updates their user: name, national ID, mobile, organization (by its code),
group (`OrgUnit.code` in that organization) and roles (`Role` values). The permission model then derives
what they may do from those, as for anyone else. The directory is the source of truth: the roles it
gives replace the ones the user had. What the desk cannot place (an unknown organization, no role of
the desk, a group the organization does not have) refuses the sign-in with a sentence the person reads.
"""

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from apps.core.digits import to_latin_digits, to_persian_digits
from apps.core.national_id import validate_national_id

from .models import Organization, OrgUnit, User
from .roles import ROLES_BY_KIND, OrgKind, Role

logger = logging.getLogger("khedmat.security")

# Where a backend leaves the sentence a refused person reads on the sign-in page.
REFUSAL_ATTR = "khedmat_sign_in_refusal"
MOBILE = re.compile(r"09\d{9}")


class DirectoryRefusal(Exception):
    """The directory vouched for the person, but the desk has no place for them; `message` says why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class DirectoryPerson:
    source: str  # "OpenID Connect" or "LDAP", for the log
    username: str
    organization_code: str
    roles: tuple[str, ...]
    unit_code: str = ""
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    national_id: str = ""
    mobile: str = ""


def desk_roles(names: Iterable[str], mapping: dict[str, str]) -> tuple[str, ...]:
    """The directory's role names as the desk's roles: through `mapping`, or as they are when they are
    already a desk role; any other name is not the desk's business and is left out."""
    found = []
    for name in names:
        role = mapping.get(name, name if name in Role.values else None)
        if role is not None and role not in found:
            found.append(role)
    return tuple(found)


def _national_id(raw: str) -> str | None:
    value = to_latin_digits(raw or "").strip()
    if not value:
        return None
    try:
        validate_national_id(value)
    except ValidationError:
        logger.warning("directory sign-in: ignoring the invalid national ID %r", value)
        return None
    return value


def _mobile(raw: str) -> str:
    value = re.sub(r"[\s-]", "", to_latin_digits(raw or ""))
    if value.startswith("+98"):
        value = "0" + value[3:]
    elif value.startswith("0098"):
        value = "0" + value[4:]
    return value if MOBILE.fullmatch(value) else ""


@transaction.atomic
def user_sync(*, person: DirectoryPerson) -> User:
    """Creates or updates the user the directory vouches for; raises `DirectoryRefusal` if the desk cannot
    place them. The person is found by national ID first (the same person whichever way they sign in),
    then by username."""
    username = (person.username or "").strip()
    if not username:
        raise DirectoryRefusal("سامانه ورود نام کاربری شما را نفرستاد؛ با مدیر سامانه تماس بگیرید.")
    no_role = DirectoryRefusal(
        "برای شما در میز خدمت نقشی تعریف نشده است؛ از مدیر سامانه بخواهید نقش شما را در سامانه ورود ثبت کند."
    )
    if not person.roles:
        raise no_role
    code = (person.organization_code or "").strip()
    organization = Organization.objects.filter(code=code, is_active=True).first() if code else None
    if organization is None:
        raise DirectoryRefusal(
            f"سازمان شما{f' (کد {to_persian_digits(code)})' if code else ''} در میز خدمت شناخته نیست؛ با مدیر سامانه تماس بگیرید."
        )
    allowed = ROLES_BY_KIND[OrgKind(organization.kind)]
    roles = [r for r in person.roles if r in allowed]
    if set(person.roles) - allowed:
        logger.warning(
            "%s sign-in of %s: roles %s do not belong to a %s and were left out",
            person.source,
            username,
            sorted(set(person.roles) - allowed),
            organization.kind,
        )
    if not roles:
        raise no_role
    unit = None
    if person.unit_code:
        unit = OrgUnit.objects.filter(organization=organization, code=person.unit_code).first()
        if unit is None:
            raise DirectoryRefusal(
                f"گروه «{person.unit_code}» در {organization.name} تعریف نشده است؛ با مدیر سامانه تماس بگیرید."
            )

    national_id = _national_id(person.national_id)
    matches = User.objects.select_for_update(no_key=True).filter(
        Q(national_id=national_id) | Q(username__iexact=username)
        if national_id
        else Q(username__iexact=username)
    )
    # The national ID names the person; a username match stands in only when no one holds that ID.
    user = next((u for u in matches if national_id and u.national_id == national_id), None) or next(
        iter(matches), None
    )
    if user is not None and not user.is_active:
        raise DirectoryRefusal("این حساب در میز خدمت غیرفعال است.")
    created = user is None
    if created:
        user = User(username=username)
        user.set_unusable_password()
    for field in ("first_name", "last_name", "email"):
        value = (getattr(person, field) or "").strip()
        if value:
            setattr(user, field, value[: User._meta.get_field(field).max_length])
    if national_id and (user.national_id is None or user.national_id == national_id):
        user.national_id = national_id
    mobile = _mobile(person.mobile)
    if mobile:
        user.mobile = mobile
    user.organization = organization
    user.unit = unit
    user.roles = roles
    user.save()
    logger.info(
        "%s sign-in %s %s: %s, %s", person.source, "created" if created else "updated", username, code, roles
    )
    return user
