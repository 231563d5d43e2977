"""Reads of cases, always scoped to the user who asks."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from apps.core.digits import normalize_text
from apps.core.jalali import today

from .models import AuditEntry, BulkJob, Case, CaseAttachment, ReasonTemplate
from .process import steps_acted_by


def cartable_for_user(*, user, filters: dict | None = None) -> QuerySet[Case]:
    """Open cases waiting on this user's organization, at steps their roles act on, in their group."""
    filters = filters or {}
    steps = steps_acted_by(user.roles)
    if not steps:
        return Case.objects.none()
    keys = {False: [], True: []}
    for process, step in steps:
        keys[step.filer_only].append(Case.step_key_of(process, step.state))
    at_my_steps = Q(step_key__in=keys[False]) | Q(step_key__in=keys[True], created_by_id=user.pk)
    cases = Case.objects.filter(at_my_steps, is_closed=False, current_org_id=user.organization_id)
    if user.unit_id:
        cases = cases.filter(Q(current_unit_id=user.unit_id) | Q(current_unit__isnull=True))
    return _filtered(cases, filters).select_related("owner").order_by("due_date", "id")


def case_list_for_user(*, user, filters: dict | None = None) -> QuerySet[Case]:
    """Every case the user may see (their agency's, or the province's for the Organization)."""
    return _filtered(Case.objects.visible_to(user), filters or {}).select_related("owner").order_by("-id")


def _filtered(cases: QuerySet[Case], filters: dict) -> QuerySet[Case]:
    code = normalize_text(filters.get("q") or "")
    if code:
        cases = cases.filter(Q(tracking_code=code) | Q(title__icontains=code))
    if filters.get("process"):
        cases = cases.filter(process=filters["process"])
    if filters.get("state"):
        cases = cases.filter(state=filters["state"])
    if filters.get("overdue"):
        cases = cases.filter(due_date__lt=today(), is_closed=False)
    if filters.get("owner"):
        cases = cases.filter(owner_id=filters["owner"])
    return cases


def case_get_for_user(*, user, tracking_code: str) -> Case:
    return get_object_or_404(
        Case.objects.visible_to(user).select_related("owner", "created_by", "current_org"),
        tracking_code=tracking_code,
    )


def case_history(*, case: Case) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(case=case).select_related("organization").order_by("id")


def case_attachments(*, case: Case) -> QuerySet[CaseAttachment]:
    return case.attachments.select_related("uploaded_by").all()


def attachment_get_for_user(*, user, pk: int) -> CaseAttachment:
    return get_object_or_404(CaseAttachment.objects.visible_to(user).select_related("case"), pk=pk)


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
    return get_object_or_404(BulkJob.objects.visible_to(user), pk=pk, user=user)
