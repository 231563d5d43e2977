"""Reads of cases, always scoped to the user who asks."""

from collections.abc import Mapping

from django.db.models import QuerySet

from apps.accounts.permissions import get_or_refuse, visible
from apps.audit.models import AuditEntry
from apps.core.digits import normalize_text

from .filters import CaseFilter, cases_filtered
from .history import describe
from .kinds import waiting_on
from .models import BulkJob, Case, CaseAttachment, ReasonTemplate
from .process import record_processes


def cartable_for_user(*, user, filters: CaseFilter | Mapping | None = None) -> QuerySet[Case]:
    """The cases waiting on this person (the table's ASSIGNED: open, in their organization and group, at a
    step one of their roles acts on) among those the table lets them see."""
    cases = visible(Case.objects.filter(waiting_on(user)), user)
    return cases_filtered(cases, filters).select_related("owner").order_by("due_date", "id")


def case_list_for_user(*, user, filters: CaseFilter | Mapping | None = None) -> QuerySet[Case]:
    """Every case the person may see, of any service (each service's rows of the permission table); a
    record's own case (a session's, a round's…) is read on the record's page."""
    cases = Case.objects.visible_to(user).exclude(process__in=[p.name for p in record_processes()])
    return cases_filtered(cases, filters).select_related("owner").order_by("-id")


def case_get_for_user(*, user, tracking_code: str, action: str = "view") -> Case:
    """A case this person may `action`: 404 out of their reach, 403 for a refused action. Its people and
    organization are read with it only to show it: an action's caller hands it to the core, which reads it
    again under lock, so the row the route's check found serves as it is."""
    rows = (
        Case.objects.select_related("owner", "created_by", "current_org")
        if action == "view"
        else Case.objects
    )
    return get_or_refuse(rows.all(), user, action, tracking_code=tracking_code)


_LINE_FIELDS = (
    "case",
    "action",
    "from_state",
    "to_state",
    "actor",
    "actor_name",
    "on_behalf_of_name",
    "organization",
    "created_at",
    "reason",
    "changes",
    "actor__title",
    "organization__name",
)


def case_history(*, case: Case) -> list[AuditEntry]:
    """The case's entries in order, each with `.line`: who did what, from which step to which, when, why."""
    # Only what a line reads (`history.describe`): the people's and organizations' other columns cost their
    # compilation and loading on every look at a case and after every act.
    entries = list(
        AuditEntry.objects.filter(case=case)
        .select_related("organization", "actor")
        .only(*_LINE_FIELDS)
        .order_by("id")
    )
    for entry in entries:
        entry.case = case  # the process's declarations name the steps and actions
        entry.line = describe(entry)
    return entries


def case_attachments(*, case: Case) -> QuerySet[CaseAttachment]:
    return case.attachments.select_related("uploaded_by").all()


def attachment_get_for_user(*, user, pk: int, action: str = "view") -> CaseAttachment:
    return get_or_refuse(CaseAttachment.objects.select_related("case"), user, action, pk=pk)


def case_track_public(*, tracking_code: str, mobile: str) -> Case | None:
    """The public status answer: only when the code and the requester's mobile agree."""
    code, mobile = normalize_text(tracking_code), normalize_text(mobile)
    if not code or not mobile:
        return None
    return Case.objects.filter(tracking_code=code, requester_mobile=mobile).first()


def reason_templates(*, process: str, state: str) -> list[str]:
    return list(
        ReasonTemplate.objects.filter(process=process, state=state, is_active=True).values_list(
            "text", flat=True
        )
    )


def bulk_job_get_for_user(*, user, pk: int) -> BulkJob:
    """One's own bulk job; anybody else's answers 404."""
    return get_or_refuse(BulkJob.objects.all(), user, kind_name="workflow.bulk_job", pk=pk)
