"""Signing in with the province's LDAP directory (django-auth-ldap), when KHEDMAT_LDAP is on.

The person types their directory username and password on the desk's own sign-in form. The directory's
attributes give the name, national ID and mobile (KHEDMAT_LDAP_ATTRS), and their groups what they are to
the desk: KHEDMAT_LDAP_GROUPS declares, for each group's DN, an organization code, a group (OrgUnit.code)
and roles. `directory.user_sync` makes the user of them.
"""

from django.conf import settings
from django_auth_ldap.backend import LDAPBackend

from .auth import DeskBackend
from .directory import REFUSAL_ATTR, DirectoryPerson, DirectoryRefusal, user_sync


def _attr(ldap_user, field: str) -> str:
    values = (ldap_user.attrs or {}).get(settings.KHEDMAT_LDAP_ATTRS[field]) or [""]
    return str(values[0]).strip()


def person_from_entry(username: str, ldap_user) -> DirectoryPerson:
    """What the directory says of the person: attributes, and the grants of each of their mapped groups."""
    grants = [settings.KHEDMAT_LDAP_GROUPS[dn.lower()] for dn in sorted(ldap_user.group_dns)
              if dn.lower() in settings.KHEDMAT_LDAP_GROUPS]  # fmt: skip
    organizations = {g["organization"] for g in grants if g.get("organization")}
    units = {g["unit"] for g in grants if g.get("unit")}
    if len(organizations) > 1 or len(units) > 1:
        raise DirectoryRefusal(
            "گروه‌های شما در فهرست سازمان بیش از یک سازمان یا گروه را نام می‌برند؛ با مدیر سامانه تماس بگیرید."
        )
    roles = []
    for grant in grants:
        roles += [r for r in grant.get("roles", []) if r not in roles]
    return DirectoryPerson(
        source="LDAP",
        username=username,
        first_name=_attr(ldap_user, "first_name"),
        last_name=_attr(ldap_user, "last_name"),
        email=_attr(ldap_user, "email"),
        national_id=_attr(ldap_user, "national_id"),
        mobile=_attr(ldap_user, "mobile"),
        organization_code=next(iter(organizations), ""),
        unit_code=next(iter(units), ""),
        roles=tuple(roles),
    )


class Refused(Exception):
    pass


class DeskLDAPBackend(LDAPBackend):
    """Binds as the person to check their password, then creates or updates their user from the entry."""

    def authenticate_ldap_user(self, ldap_user, password):
        try:
            return super().authenticate_ldap_user(ldap_user, password)
        except Refused:
            return None

    def get_or_build_user(self, username, ldap_user):
        # Runs only once the directory accepted the password; the user is saved here, complete, and
        # django-auth-ldap's own attribute map is left empty (settings.AUTH_LDAP_USER_ATTR_MAP).
        try:
            return user_sync(person=person_from_entry(username, ldap_user)), False
        except DirectoryRefusal as refusal:
            request = getattr(ldap_user, "_request", None)
            if request is not None:
                setattr(request, REFUSAL_ATTR, refusal.message)
            raise Refused(refusal.message) from refusal

    def get_user(self, user_id):
        return DeskBackend().get_user(user_id)
