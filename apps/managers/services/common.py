"""What the managers' service modules share: the permission table's answer and the audit row."""

from apps.accounts import permissions
from apps.accounts.models import User
from apps.audit.trail import audit_append
from apps.core.errors import ConflictError, ForbiddenError, NotFoundError
from apps.workflow.models import Case


def require(actor: User, kind: str, action: str, obj=None) -> None:
    """Asks the permission table (apps/managers/permissions.py), as the pages do: the services are also
    called from the API and tasks. A row out of the person's sight is not found; a seen one refused."""
    if obj is not None and not permissions.may(actor, kind, "view", obj):
        raise NotFoundError("یافت نشد.")
    if not permissions.may(actor, kind, action, obj):
        raise ForbiddenError("شما اجازه این کار را ندارید.")


def require_step(actor: User, case: Case, state: str, kind: str, action: str, obj) -> None:
    """The work of one step: the case must be at it, and the table must let the person do it."""
    # The caller's copy may predate the last action: the state is read afresh.
    case = Case.objects.get(pk=case.pk)
    if case.state != state:
        raise ConflictError("این کار در مرحله فعلی پرونده ممکن نیست.")
    require(actor, kind, action, obj)


def audit(action: str, actor: User, subject, changes: dict, case: Case | None = None) -> None:
    audit_append(
        action=f"managers.{action}",
        actor=actor,
        case=case,
        subject=subject,
        changes=changes,
        organization=actor.organization,
    )
