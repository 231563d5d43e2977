"""Who may do what in service A, asked by services (which refuse) and views (which show or hide)."""

from apps.accounts.models import User
from apps.accounts.roles import ORG_ROLES, Role
from apps.core.errors import ServiceError

from .workflow import AGENCY_ACTORS

DEPUTY_ROLES = (Role.ORG_EXPERT, Role.ORG_GROUP_HEAD, Role.ORG_DEPUTY)
UNIT_CODE = "management"


def is_deputy_staff(user: User) -> bool:
    """The Deputy's management group (or those above the groups: the deputy, the head)."""
    if not (user.is_authenticated and user.is_province_staff and user.has_role(*DEPUTY_ROLES)):
        return False
    return user.unit_id is None or user.unit.code == UNIT_CODE


def is_national(user: User) -> bool:
    return user.is_authenticated and user.is_national_user and user.has_role(Role.NATIONAL_OFFICER)


def is_agency_registrar(user: User) -> bool:
    return user.is_authenticated and user.is_agency_user and user.has_role(*AGENCY_ACTORS)


def can_see_rounds(user: User) -> bool:
    return user.is_authenticated and (
        (user.is_province_staff and user.has_role(*ORG_ROLES))
        or is_national(user)
        or is_agency_registrar(user)
    )


def require(allowed: bool, message: str = "شما اجازه این کار را ندارید.") -> None:
    if not allowed:
        raise ServiceError(message, status=403)


def require_deputy(user: User) -> None:
    require(is_deputy_staff(user), "این کار با کارشناسان معاونت توسعه مدیریت و سرمایه انسانی است.")


def require_national(user: User) -> None:
    require(is_national(user), "این کار با سازمان اداری و استخدامی کشور است.")


def require_deputy_or_national(user: User) -> None:
    require(is_deputy_staff(user) or is_national(user))
