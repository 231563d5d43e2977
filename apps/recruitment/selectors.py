"""Reads of service A, each scoped to the user who asks; another agency's rows are never in them."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404

from apps.accounts.models import User
from apps.core import freshness
from apps.core.digits import normalize_text

from . import permissions
from .models import (
    Candidate,
    Hire,
    HireDocument,
    InterviewPanel,
    JobQuota,
    Nomination,
    Round,
    Supervisor,
    Venue,
)
from .rules import HIRE_BASE_DOCUMENTS

LEDGER_SUMS = ("posts", "allocated", "registered", "approved")


def _require(allowed: bool) -> None:
    # A page closed to the user answers like a missing one, so nothing is learned from the answer.
    if not allowed:
        raise Http404


def round_list_for_user(*, user: User) -> QuerySet[Round]:
    _require(permissions.can_see_rounds(user))
    return Round.objects.order_by("-created_at", "-id")


def round_get_for_user(*, user: User, pk: int) -> Round:
    _require(permissions.can_see_rounds(user))
    return get_object_or_404(Round, pk=pk)


def round_latest_published_for_user(*, user: User) -> Round:
    """The newest round whose initially accepted list is out: the list most people come to see."""
    _require(permissions.can_see_rounds(user))
    published = [Round.Stage.RESULTS, Round.Stage.INTERVIEWS, Round.Stage.REGISTRATION, Round.Stage.CLOSED]
    # Kept until the next write, as the list it opens is: reading it was a quarter of that page's time.
    round_ = freshness.kept(
        ("recruitment:latest-published-round",),
        lambda: Round.objects.filter(stage__in=published).order_by("-created_at", "-id").first(),
    )
    _require(round_ is not None)
    return round_


def ledger_for_user(*, user: User, round_: Round, filters: dict | None = None) -> QuerySet[JobQuota]:
    quotas = JobQuota.objects.visible_to(user).filter(round=round_).select_related("agency")
    query = normalize_text((filters or {}).get("q") or "")
    if query:
        quotas = quotas.filter(
            Q(job_code=query) | Q(job_title__icontains=query) | Q(agency__name__icontains=query)
        )
    return quotas.order_by("agency__code", "job_code")


def ledger_totals(*, quotas: QuerySet[JobQuota]) -> dict:
    sums = quotas.aggregate(**{f: Coalesce(Sum(f), 0) for f in LEDGER_SUMS})
    sums["remaining"] = sums["allocated"] - sums["registered"]
    return sums


def ledger_by_agency(*, quotas: QuerySet[JobQuota]) -> list[dict]:
    """The ledger one level up: per agency, the sums of its job-locations."""
    return list(
        quotas.order_by()
        .values("agency_id", "agency__name", "agency__code")
        .annotate(jobs=Count("id"), **{f: Sum(f) for f in LEDGER_SUMS})
        .order_by("agency__code")
    )


def ledger_reconciles(*, round_: Round) -> bool:
    """The ledger's counters equal the files they count, and no seat is used beyond what was opened."""
    quotas = JobQuota.objects.filter(round=round_).annotate(
        files=Count("hires"), closed=Count("hires", filter=Q(hires__case__state="approved"))
    )
    return all(
        q.registered == q.files and q.approved == q.closed and q.registered <= q.allocated <= q.posts
        for q in quotas
    )


def quota_get_for_user(*, user: User, pk: int) -> JobQuota:
    return get_object_or_404(JobQuota.objects.visible_to(user).select_related("round", "agency"), pk=pk)


def candidates_for_user(*, user: User, round_: Round, filters: dict | None = None) -> QuerySet[Candidate]:
    candidates = (
        Candidate.objects.visible_to(user)
        .filter(round=round_)
        .select_related("job__agency", "panel")
        # Grouped by job-location in the ledger's order, best scores first: the order of an index, where the
        # model's job-code order sorted every candidate of the round for each page (49 ms at 21,000).
        .order_by("job_id", "-exam_score", "id")
    )
    filters = filters or {}
    if filters.get("status"):
        candidates = candidates.filter(status=filters["status"])
    query = normalize_text(filters.get("q") or "")
    if query:
        candidates = candidates.filter(
            Q(national_id=query) | Q(last_name__icontains=query) | Q(job__job_code=query)
        )
    return candidates


def candidate_get_for_user(*, user: User, pk: int) -> Candidate:
    return get_object_or_404(Candidate.objects.visible_to(user).select_related("round", "job__agency"), pk=pk)


def registrable_candidates(*, user: User, round_: Round) -> QuerySet[Candidate]:
    """The agency's final accepted people of the round who have no file yet."""
    registered = Hire.objects.filter(round=round_).values("national_id")
    return (
        Candidate.objects.visible_to(user)
        .filter(round=round_, status=Candidate.Status.FINAL, job__agency_id=user.organization_id)
        .exclude(national_id__in=registered)
        .select_related("job")
    )


def hires_for_user(*, user: User, round_: Round, filters: dict | None = None) -> QuerySet[Hire]:
    hires = Hire.objects.visible_to(user).filter(round=round_).select_related("case", "job", "agency")
    filters = filters or {}
    if filters.get("state"):
        hires = hires.filter(case__state=filters["state"])
    query = normalize_text(filters.get("q") or "")
    if query:
        hires = hires.filter(
            Q(national_id=query) | Q(case__tracking_code=query) | Q(last_name__icontains=query)
        )
    return hires.order_by("-id")


def hire_get_for_user(*, user: User, pk: int) -> Hire:
    return get_object_or_404(Hire.objects.visible_to(user).select_related("case", "job", "round"), pk=pk)


@dataclass(frozen=True)
class Requirement:
    """A document a hire file must carry: its code (what an upload names) and its Persian title."""

    code: str
    title: str


@dataclass(frozen=True)
class ChecklistRow:
    requirement: Requirement
    document: HireDocument | None

    @property
    def attached(self) -> bool:
        return self.document is not None


def round_requirements(*, round_: Round) -> list[Requirement]:
    """Every hire file's documents in this round: the degree, the national card, then the round's own."""
    base = [Requirement(code, title) for code, title in HIRE_BASE_DOCUMENTS.items()]
    return base + [Requirement(f"round-{d.pk}", d.title) for d in round_.extra_documents.all()]


def hire_document_checklist(*, hire: Hire) -> list[ChecklistRow]:
    """Each required document of the file with the upload that answers it, or None while missing."""
    documents = {d.requirement: d for d in hire.documents.select_related("attachment")}
    return [ChecklistRow(r, documents.get(r.code)) for r in round_requirements(round_=hire.round)]


def _staff_only(user: User) -> None:
    # Venues' supervisors and the roster hold people's national IDs: the Deputy and the national org only.
    _require(permissions.is_deputy_staff(user) or permissions.is_national(user))


def venues_for_user(*, user: User, round_: Round) -> QuerySet[Venue]:
    _staff_only(user)
    return round_.venues.select_related("report").annotate(supervisors=Count("nominations")).order_by("id")


def _own_supervisor(user: User, path: str = "supervisor") -> Q:
    """The roster entry that is the signed-in person: their own national ID, and never linked to another
    account. A roster entry linked to an account but holding someone else's national ID (the demo's
    supervisor101 got زهرا کریمی's card that way) is nobody's own card."""
    if not user.is_authenticated or not user.national_id:
        return Q(pk__in=[])
    prefix = f"{path}__" if path else ""
    return Q(**{f"{prefix}national_id": user.national_id}) & (
        Q(**{f"{prefix}user__isnull": True}) | Q(**{f"{prefix}user_id": user.pk})
    )


def venue_get_for_user(*, user: User, pk: int) -> Venue:
    venue = get_object_or_404(Venue.objects.select_related("round"), pk=pk)
    own = venue.nominations.filter(_own_supervisor(user)).exists()
    _require(own or permissions.is_deputy_staff(user) or permissions.is_national(user))
    return venue


def is_own_venue(*, user: User, venue: Venue) -> bool:
    """Whether the signed-in person is one of the venue's supervisors."""
    return venue.nominations.filter(_own_supervisor(user)).exists()


def supervisor_of_user(*, user: User) -> Supervisor | None:
    return Supervisor.objects.filter(_own_supervisor(user, path="")).first()


def my_nominations(*, user: User) -> QuerySet[Nomination]:
    """The venues the signed-in supervisor was nominated for: their own roster entry's, no one else's."""
    return Nomination.objects.filter(_own_supervisor(user)).select_related("venue__round", "card")


def my_card_nomination(*, user: User) -> Nomination | None:
    """The signed-in supervisor's newest issued card, or None when they have none."""
    return (
        my_nominations(user=user)
        .filter(card__isnull=False)
        .select_related("supervisor")
        .order_by("-created_at", "-id")
        .first()
    )


def nominations_of(*, venue: Venue) -> QuerySet[Nomination]:
    return venue.nominations.select_related("supervisor", "card", "venue__round")


def nomination_get_for_user(*, user: User, pk: int) -> Nomination:
    nomination = get_object_or_404(Nomination.objects.select_related("supervisor", "card", "venue"), pk=pk)
    own = Nomination.objects.filter(_own_supervisor(user), pk=nomination.pk).exists()
    _require(own or permissions.is_deputy_staff(user) or permissions.is_national(user))
    return nomination


def supervisor_list_for_user(*, user: User, filters: dict | None = None) -> QuerySet[Supervisor]:
    _staff_only(user)
    supervisors = Supervisor.objects.annotate(venues=Count("nominations"))
    query = normalize_text((filters or {}).get("q") or "")
    if query:
        supervisors = supervisors.filter(Q(national_id=query) | Q(full_name__icontains=query))
    return supervisors.order_by("full_name", "id")


def supervisor_get_for_user(*, user: User, pk: int) -> Supervisor:
    _staff_only(user)
    return get_object_or_404(Supervisor, pk=pk)


def panels_for_user(*, user: User, round_: Round) -> QuerySet[InterviewPanel]:
    _staff_only(user)
    return (
        round_.panels.select_related("supervisor")
        .annotate(candidates_count=Count("candidates"))
        .order_by("date", "id")
    )


def panel_get_for_user(*, user: User, pk: int) -> InterviewPanel:
    _staff_only(user)
    return get_object_or_404(InterviewPanel.objects.select_related("round"), pk=pk)
