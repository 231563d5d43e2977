"""The permission model's kinds for a service's cases and their attachments (`apps.accounts.permissions`).

Every service's cases are rows of one model; each service names its own with `case_kinds(...)`, so the
permission table can say that the training group reaches training's cases and not recruitment's.
"""

from django.db.models import Q

from apps.accounts.permissions import Kind, absentees_of, no_rows

from .process import all_processes, steps_acted_by


def _processes_of(service: str) -> list[str]:
    return [p.name for p in all_processes() if p.service == service]


def waiting_on(user, prefix: str = "") -> Q:
    """Open cases waiting on the person: their own (`waiting_on_person`), and on the dates they stand in
    for an absent colleague, the colleague's too (`apps.substitutes`)."""
    q = waiting_on_person(user, prefix)
    for absentee in absentees_of(user):
        q |= waiting_on_person(absentee, prefix)
    return q


def waiting_on_person(user, prefix: str = "") -> Q:
    """Open cases at a step one of the person's roles acts on, in their organization (and group)."""
    keys_any, keys_filer = [], []
    for process, step in steps_acted_by(user.roles):
        (keys_filer if step.filer_only else keys_any).append(f"{process}:{step.state}")
    if not (keys_any or keys_filer) or not user.organization_id:
        return no_rows()
    at_steps = Q(**{f"{prefix}step_key__in": keys_any}) | Q(
        **{f"{prefix}step_key__in": keys_filer, f"{prefix}created_by_id": user.pk}
    )
    q = at_steps & Q(**{f"{prefix}is_closed": False, f"{prefix}current_org_id": user.organization_id})
    if user.unit_id:
        q &= Q(**{f"{prefix}current_unit_id": user.unit_id}) | Q(**{f"{prefix}current_unit__isnull": True})
    return q


class _ServiceRows:
    """The service's processes, read when first asked: processes register after the kinds are built."""

    def __init__(self, service: str, prefix: str):
        self.service, self.prefix = service, prefix

    def __call__(self) -> Q:
        return Q(**{f"{self.prefix}process__in": _processes_of(self.service)})


def case_kinds(service: str, label: str) -> tuple[Kind, Kind]:
    """The kinds `<service>.case` and `<service>.attachment`: own = filed by the person, assigned = waiting
    on them, agency = owned by their organization, province = the case's own `province` (its owner's,
    copied when opened), which a province's lists read from an index on the case table alone."""
    case = Kind(
        name=f"{service}.case",
        label=f"پرونده‌های {label}",
        model="workflow.Case",
        agency="owner",
        province="province",
        own=lambda user: Q(created_by_id=user.pk),
        assigned=waiting_on,
        rows=_ServiceRows(service, ""),
        lookup="tracking_code",
    )
    attachment = Kind(
        name=f"{service}.attachment",
        label=f"پیوست‌های پرونده‌های {label}",
        model="workflow.CaseAttachment",
        agency="case__owner",
        province="case__province",
        own=lambda user: Q(case__created_by_id=user.pk),
        assigned=lambda user: waiting_on(user, "case__"),
        rows=_ServiceRows(service, "case__"),
    )
    return case, attachment
