"""Reads of service A, each scoped to the user who asks; another agency's rows are never in them."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404

from apps.accounts.models import User
from apps.accounts.permissions import get_or_refuse
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


def _refuse_404() -> None:
    # The newest published round is out of this person's reach, or there is none: nothing to show.
    raise Http404


def round_list_for_user(*, user: User, province: int | None = None) -> QuerySet[Round]:
    """The rounds this person may see; the national body's reach every province, narrowed by `province`."""
    rounds_ = permissions.visible(Round.objects.all(), user, "view", kind_name=permissions.ROUND)
    if province is not None:
        rounds_ = rounds_.filter(province_id=province)
    # The case keeps each round's stage due date (Round.stage_due).
    return rounds_.select_related("province", "case").order_by("-created_at", "-id")


def round_get_for_user(*, user: User, pk: int, kind: str = permissions.ROUND, action: str = "view") -> Round:
    """One round, as the side of it a page is about (`kind`: the ledger, the exam, the registration…)."""
    return get_or_refuse(Round.objects.select_related("case"), user, action, kind_name=kind, pk=pk)


def round_latest_published_for_user(*, user: User) -> Round:
    """The newest round whose initially accepted list is out: the list most people come to see."""
    published = [Round.Stage.RESULTS, Round.Stage.INTERVIEWS, Round.Stage.REGISTRATION, Round.Stage.CLOSED]
    # Kept until the next write, as the list it opens is: reading it was a quarter of that page's time. The
    # nation's newest round, kept for no reader: a round is its agencies' and province's record
    # (apps/recruitment/apps.py), and any of their writes moves those who read across.
    newest = freshness.kept(
        ("recruitment:latest-published-round",),
        lambda: Round.objects.filter(stage__in=published).order_by("-created_at", "-id").first(),
    )
    rounds = permissions.visible(Round.objects.all(), user, "view", kind_name=permissions.RESULTS)
    if newest is not None and rounds.filter(pk=newest.pk).exists():
        return newest
    # An agency without job-locations in the newest round sees its own newest.
    round_ = rounds.filter(stage__in=published).order_by("-created_at", "-id").first()
    if round_ is None:
        _refuse_404()
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


def quota_get_for_user(*, user: User, pk: int, action: str = "view") -> JobQuota:
    quotas = JobQuota.objects.select_related("round", "agency")
    return get_or_refuse(quotas, user, action, kind_name=permissions.QUOTA, pk=pk)


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


def candidate_get_for_user(*, user: User, pk: int, action: str = "view") -> Candidate:
    candidates = Candidate.objects.select_related("round", "job__agency")
    return get_or_refuse(candidates, user, action, kind_name=permissions.CANDIDATE, pk=pk)


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
    hires = permissions.visible(Hire.objects.filter(round=round_), user, "view", kind_name=permissions.HIRE)
    hires = hires.select_related("case", "job", "agency")
    filters = filters or {}
    if filters.get("state"):
        hires = hires.filter(case__state=filters["state"])
    query = normalize_text(filters.get("q") or "")
    if query:
        hires = hires.filter(
            Q(national_id=query) | Q(case__tracking_code=query) | Q(last_name__icontains=query)
        )
    return hires.order_by("-id")


def hire_get_for_user(*, user: User, pk: int, action: str = "view", kind: str = permissions.HIRE) -> Hire:
    hires = Hire.objects.select_related("case", "job", "round")
    return get_or_refuse(hires, user, action, kind_name=kind, pk=pk)


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


def venues_for_user(*, user: User, round_: Round) -> QuerySet[Venue]:
    venues = permissions.visible(round_.venues.all(), user, "view", kind_name=permissions.VENUE)
    return (
        venues.select_related("report")
        .annotate(supervisors=Count("nominations", distinct=True))
        .order_by("id")
    )


def venue_get_for_user(*, user: User, pk: int, action: str = "view") -> Venue:
    return get_or_refuse(
        Venue.objects.select_related("round"), user, action, kind_name=permissions.VENUE, pk=pk
    )


def is_own_venue(*, user: User, venue: Venue) -> bool:
    """Whether the signed-in person is one of the venue's supervisors."""
    return venue.nominations.filter(permissions.own_supervisor(user)).exists()


def supervisor_of_user(*, user: User) -> Supervisor | None:
    return Supervisor.objects.filter(permissions.own_supervisor(user, path="")).first()


def my_nominations(*, user: User) -> QuerySet[Nomination]:
    """The venues the signed-in supervisor was nominated for: their own roster entry's, no one else's."""
    return Nomination.objects.filter(permissions.own_supervisor(user)).select_related("venue__round", "card")


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


def nomination_get_for_user(*, user: User, pk: int, action: str = "view") -> Nomination:
    nominations = Nomination.objects.select_related("supervisor", "card", "venue")
    return get_or_refuse(nominations, user, action, kind_name=permissions.NOMINATION, pk=pk)


def report_visible(*, user: User, venue: Venue):
    """The venue's report, when this person may read it."""
    report = getattr(venue, "report", None)
    return (
        report if report is not None and permissions.may(user, permissions.REPORT, "view", report) else None
    )


def supervisor_list_for_user(*, user: User, filters: dict | None = None) -> QuerySet[Supervisor]:
    supervisors = permissions.visible(
        Supervisor.objects.all(), user, "view", kind_name=permissions.SUPERVISOR
    )
    supervisors = supervisors.annotate(venues=Count("nominations"))
    query = normalize_text((filters or {}).get("q") or "")
    if query:
        supervisors = supervisors.filter(Q(national_id=query) | Q(full_name__icontains=query))
    return supervisors.order_by("full_name", "id")


def supervisor_get_for_user(*, user: User, pk: int) -> Supervisor:
    return get_or_refuse(Supervisor.objects.all(), user, "view", kind_name=permissions.SUPERVISOR, pk=pk)


def panels_for_user(*, user: User, round_: Round) -> QuerySet[InterviewPanel]:
    # The panels are the round's interviews side: whoever may see that side of this round sees them all.
    if not permissions.may(user, permissions.INTERVIEWS, "view", round_):
        return InterviewPanel.objects.none()
    return (
        round_.panels.select_related("supervisor")
        .annotate(candidates_count=Count("candidates"))
        .order_by("date", "id")
    )


def panel_get_for_user(*, user: User, pk: int) -> InterviewPanel:
    panel = get_object_or_404(InterviewPanel.objects.select_related("round"), pk=pk)
    if not permissions.may(user, permissions.INTERVIEWS, "view", panel.round):
        raise Http404
    return panel
