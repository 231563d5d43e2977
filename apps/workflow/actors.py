"""The desk itself as an actor: who performs the moves a timer makes (escalating an overdue case)."""

from apps.audit.trail import SYSTEM_LABEL


class SystemActor:
    """Not a person and not an account: nobody can sign in as it, hold a role, or be messaged as it.

    A user row for the desk would have to be kept out of every staff list, picker and permission, and
    could be reactivated; a sentinel cannot. The audit entry records it as no user (actor null) with
    SYSTEM_LABEL as its name, and both are inside the entry's hash like any person's id and name.
    """

    pk = None
    id = None
    is_active = False
    is_authenticated = False
    organization = None
    organization_id = None
    unit_id = None

    def has_role(self, *roles: str) -> bool:
        return False

    def get_full_name(self) -> str:
        return SYSTEM_LABEL

    def __str__(self) -> str:
        return SYSTEM_LABEL

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM = SystemActor()


def is_system(actor) -> bool:
    return actor is SYSTEM
