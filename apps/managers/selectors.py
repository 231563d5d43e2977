"""Every read of service C, scoped to the user: the database, the national pool, posts, decrees, the report."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import jdatetime
from django.db.models import Count, Q

from apps.accounts import permissions
from apps.accounts.models import Organization
from apps.accounts.provinces import province_filter_value
from apps.accounts.roles import OrgKind
from apps.core.digits import to_persian_digits
from apps.core.jalali import today

from .appointment import candidate_results, extra_conditions
from .models import (
    Candidate,
    ChangeProposal,
    CouncilSession,
    Decree,
    Hearing,
    ManagerProfile,
    Nomination,
    Post,
)
from .rules import (
    EXPIRY_WARNING_DAYS,
    GENERAL_CRITERIA,
    REPORT_PERIOD_MONTHS,
    SCORE_GROUPS,
    below_desired,
    desired_shortfall,
)
from .services.agency import rules_for

# The national pool shows these and nothing personal (no national ID, birth place, address, phone, mobile).
POOL_COLUMNS = (
    "id",
    "organization__name",
    "full_name",
    "highest_degree",
    "bachelor_field",
    "master_in_management",
    "related_experience_months",
    "management_experience_months",
    "is_current_manager",
)


def _visible(queryset, user, kind: str, action: str = "view"):
    # One model carries several kinds (the database, the pool, Form 2): each read names its own.
    return permissions.visible(queryset, user, action, kind_name=kind)


def _in_province(queryset, filters: dict):
    """Narrows what the table lets the person see to the chosen province's agencies; it never widens it."""
    province = province_filter_value(filters.get("province", ""))
    return queryset if province is None else queryset.filter(organization__province_id=province)


def _get(queryset, user, kind: str, pk, action: str = "view"):
    """One row of `kind` this person may `action`: 404 when out of their sight, 403 when only seen."""
    return permissions.get_or_refuse(queryset, user, action, kind_name=kind, pk=pk)


def profile_list_for_user(*, user, filters: dict, action: str = "view"):
    profiles = _visible(
        ManagerProfile.objects.select_related("organization"), user, "managers.profile", action
    )
    if filters.get("q"):
        q = filters["q"]
        profiles = profiles.filter(
            Q(full_name__icontains=q)
            | Q(bachelor_field__icontains=q)
            | Q(national_id=q)
            | Q(current_unit__icontains=q)
        )
    if filters.get("kind") == "manager":
        profiles = profiles.filter(is_current_manager=True)
    elif filters.get("kind") == "candidate":
        profiles = profiles.filter(is_current_manager=False)
    if filters.get("degree"):
        profiles = profiles.filter(highest_degree=filters["degree"])
    if filters.get("pooled"):
        profiles = profiles.filter(published_to_pool=True)
    return _in_province(profiles, filters)


def profile_get_for_user(
    *, user, pk: int, action: str = "view", kind: str = "managers.profile"
) -> ManagerProfile:
    queryset = ManagerProfile.objects.select_related("organization").prefetch_related("jobs")
    return _get(queryset, user, kind, pk, action)


def pool_list(*, user, filters: dict):
    """The national managers' pool, readable by every agency: published profiles, public columns only."""
    profiles = _visible(ManagerProfile.objects.order_by("full_name", "id"), user, "managers.pool")
    if filters.get("q"):
        q = filters["q"]
        profiles = profiles.filter(Q(full_name__icontains=q) | Q(bachelor_field__icontains=q))
    if filters.get("degree"):
        profiles = profiles.filter(highest_degree=filters["degree"])
    return _in_province(profiles, filters).values(*POOL_COLUMNS)


def pool_get(*, user, pk: int) -> dict:
    _get(ManagerProfile.objects.all(), user, "managers.pool", pk)
    return pool_list(user=user, filters={}).filter(pk=pk).values(*POOL_COLUMNS, "courses", "education").get()


def pool_profile_for_adoption(*, user, pk: int) -> ManagerProfile:
    return _get(ManagerProfile.objects.all(), user, "managers.pool", pk, "act")


def post_list_for_user(*, user, filters: dict, action: str = "view"):
    posts = _visible(Post.objects.select_related("organization", "superior"), user, "managers.post", action)
    if filters.get("q"):
        posts = posts.filter(Q(title__icontains=filters["q"]) | Q(number=filters["q"]))
    if filters.get("level"):
        posts = posts.filter(level=filters["level"])
    return posts


def post_get_for_user(*, user, pk: int, action: str = "view") -> Post:
    return _get(Post.objects.all(), user, "managers.post", pk, action)


def posts_of_superior(*, user):
    return _visible(Post.objects.all(), user, "managers.post").filter(superior=user)


def nomination_get_for_user(
    *, user, pk: int, action: str = "view", kind: str = "managers.nomination"
) -> Nomination:
    queryset = Nomination.objects.select_related("case", "post", "organization", "session")
    return _get(queryset, user, kind, pk, action)


def candidate_get_for_user(
    *, user, pk: int, action: str = "view", kind: str = "managers.candidate"
) -> Candidate:
    queryset = Candidate.objects.select_related("nomination__case", "nomination__post", "profile")
    return _get(queryset, user, kind, pk, action)


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


@dataclass(frozen=True)
class Clause:
    """One clause of Form 4's second table as the page, the PDF and the API show it."""

    key: str
    label: str
    points: Decimal
    maximum: Decimal | None  # None: scored before clauses carried their maximum
    share: Decimal | None  # percent of the maximum; None when the clause is not counted
    weight: Decimal | None
    weighted: Decimal


@dataclass
class CandidateView:
    candidate: Candidate
    results: list
    eligible: bool
    desired: Decimal  # the desired score of the post's level
    level_label: str

    @property
    def general_values(self) -> list[str]:
        return [self.candidate.general_scores.get(key, "") for key, _ in GENERAL_CRITERIA]

    @property
    def parts(self) -> list[Clause]:
        """Form 4's second table: each clause's points of its maximum, its share and weighted score."""
        weighted = self.candidate.weighted
        return [
            Clause(
                key=key,
                label=label,
                **{
                    name: _decimal(weighted[key].get(name))
                    for name in ("points", "maximum", "share", "weight")
                },
                weighted=Decimal(weighted[key]["weighted"]),
            )
            for key, label in SCORE_GROUPS
            if key in weighted
        ]

    @property
    def below_desired(self) -> bool:
        return below_desired(self.candidate.final_score, self.desired)

    @property
    def shortfall(self) -> str:
        """The sentence saying this nominee is below the desired score, or nothing."""
        if not self.below_desired:
            return ""
        return desired_shortfall(
            name=self.candidate.profile.full_name,
            final=self.candidate.final_score,
            desired=self.desired,
            level_label=self.level_label,
        )


def nomination_candidates(*, nomination: Nomination) -> list[CandidateView]:
    """Each nominee with clause 3 checked condition by condition, beside the desired score of the level."""
    extras = extra_conditions(nomination.organization_id)
    desired = rules_for(nomination.organization_id).desired_for(nomination.post.level)
    level_label = nomination.post.get_level_display()
    rows = []
    for candidate in nomination.candidates.select_related("profile"):
        results = candidate_results(candidate, extras)
        rows.append(
            CandidateView(candidate, results, all(r.met is True for r in results), desired, level_label)
        )
    return rows


def candidate_sheet(*, candidate: Candidate) -> CandidateView:
    """One nominee's Form 4 as the scoring page shows it, with the same rules as the nomination's table."""
    nomination = candidate.nomination
    return next(
        row for row in nomination_candidates(nomination=nomination) if row.candidate.pk == candidate.pk
    )


def nomination_selected_shortfall(*, rows: list[CandidateView], nomination: Nomination) -> str:
    """At the decree step, before the superior signs: says when the council's pick is below the desired
    score of the post's level (the table's rows say it of every nominee, at every step)."""
    if nomination.case.state != "decree":
        return ""
    return next((row.shortfall for row in rows if row.candidate.pk == nomination.selected_id), "")


def session_list_for_user(*, user):
    return _visible(CouncilSession.objects.all(), user, "managers.session")


def decree_list_for_user(*, user, filters: dict, action: str = "view"):
    decrees = _visible(
        Decree.objects.select_related("organization", "profile", "post", "document"),
        user,
        "managers.decree",
        action,
    )
    if filters.get("status"):
        decrees = decrees.filter(status=filters["status"])
    if filters.get("expiring"):
        decrees = decrees.filter(
            status=Decree.Status.ACTIVE, valid_until__lte=today() + dt.timedelta(days=EXPIRY_WARNING_DAYS)
        )
    if filters.get("q"):
        q = filters["q"]
        decrees = decrees.filter(Q(profile__full_name__icontains=q) | Q(post__title__icontains=q))
    return _in_province(decrees, filters)


def decree_get_for_user(*, user, pk: int, action: str = "view", kind: str = "managers.decree") -> Decree:
    queryset = Decree.objects.select_related(
        "profile", "post", "nomination__case", "document", "notice_document"
    )
    return _get(queryset, user, kind, pk, action)


def decrees_expiring(*, user):
    """The reminder lists (the cartable's panel, the managers' home): active decrees whose four years end
    within the warning window. They name the manager, the post and the agency; the decree's document is
    not joined, which halves the time PostgreSQL takes to plan a query the cartable runs on every visit."""
    return (
        decree_list_for_user(user=user, filters={"expiring": "1"})
        .select_related(None)
        .select_related("organization", "profile", "post")
    )


def decrees_without_evaluation(*, user):
    """Active decrees whose manager has no performance evaluation for the current Jalali year yet."""
    year = jdatetime.date.fromgregorian(date=today()).year
    return (
        decree_list_for_user(user=user, filters={"status": Decree.Status.ACTIVE})
        .exclude(evaluations__year=year)
        .filter(issued_on__lt=jdatetime.date(year, 1, 1).togregorian())
    )


def change_get_for_case(*, case) -> ChangeProposal:
    return ChangeProposal.objects.select_related("decree__profile", "decree__post").get(case=case)


def hearing_list_for_user(*, user):
    return _visible(Hearing.objects.select_related("session"), user, "managers.hearing")


def hearing_get_for_user(*, user, pk: int, action: str = "view") -> Hearing:
    return _get(Hearing.objects.all(), user, "managers.hearing", pk, action)


# The semi-annual report (clause 12).


@dataclass(frozen=True)
class Period:
    year: int
    half: int  # 1: Farvardin–Shahrivar, 2: Mehr–Esfand

    @property
    def start(self) -> dt.date:
        return jdatetime.date(self.year, 1 if self.half == 1 else 7, 1).togregorian()

    @property
    def end(self) -> dt.date:
        following = Period(self.year, 2) if self.half == 1 else Period(self.year + 1, 1)
        return following.start - dt.timedelta(days=1)

    @property
    def label(self) -> str:
        return to_persian_digits(f"نیمه {'نخست' if self.half == 1 else 'دوم'} سال {self.year}")


def period_of(day: dt.date) -> Period:
    """The half-year of clause 12 that holds `day`."""
    j = jdatetime.date.fromgregorian(date=day)
    return Period(j.year, 1 if j.month <= REPORT_PERIOD_MONTHS else 2)


def period_current() -> Period:
    return period_of(today())


def period_parse(year: str, half: str) -> Period:
    try:
        period = Period(int(year), int(half))
    except (TypeError, ValueError):
        return period_current()
    return period if period.half in (1, 2) and 1300 < period.year < 1500 else period_current()


REPORT_HEADERS = [
    "دستگاه",
    "انتصاب‌های آغازشده",
    "احکام صادرشده",
    "نامزدهای تأییدنشده",
    "تغییر در شش ماه نخست",
    "تغییر با تأیید شورا",
    "احکام معتبر",
    "مدیران در بانک اطلاعات",
]


def report_agencies(*, user, organization_id: int | None = None, action: str = "view"):
    """The agencies whose report this user reads: its own, or all for the Organization and the national body."""
    agencies = _visible(Organization.objects.filter(kind=OrgKind.AGENCY), user, "managers.report", action)
    if organization_id:
        agencies = agencies.filter(pk=organization_id)
    return agencies


def report_rows(
    *, user, period: Period, organization_id: int | None = None, action: str = "view"
) -> list[list]:
    """One row per agency with appointments in the half-year: counts from a handful of grouped queries."""
    agencies = report_agencies(user=user, organization_id=organization_id, action=action)
    start, end = period.start, period.end
    opened = _counts(Nomination.objects.filter(case__created_at__date__range=(start, end)), "organization_id")
    issued = _counts(Decree.objects.filter(issued_on__range=(start, end)), "organization_id")
    rejected = _counts(
        Nomination.objects.filter(case__state="rejected", case__closed_at__date__range=(start, end)),
        "organization_id",
    )
    replaced = _counts(
        Decree.objects.filter(status=Decree.Status.REPLACED, ended_on__range=(start, end)), "organization_id"
    )
    changed = _counts(
        Decree.objects.filter(status=Decree.Status.CHANGED, ended_on__range=(start, end)), "organization_id"
    )
    active = _counts(Decree.objects.filter(status=Decree.Status.ACTIVE), "organization_id")
    managers = _counts(ManagerProfile.objects.filter(is_current_manager=True), "organization_id")
    rows = []
    for agency in agencies.filter(pk__in=set(opened) | set(issued) | set(active) | set(managers)):
        counts = [opened, issued, rejected, replaced, changed, active, managers]
        rows.append([agency.name, *[c.get(agency.pk, 0) for c in counts]])
    return rows


def _counts(queryset, field: str) -> dict[int, int]:
    return dict(queryset.values(field).annotate(n=Count("id")).values_list(field, "n"))
