"""Reads of service B, each through the permission table for the user who asks (the calendar alone is
public): a list shows exactly the rows its kind grants, and one row is refused 404 or 403 as the table says."""

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from apps.accounts.models import Organization, Province, province_organization
from apps.accounts.permissions import get_or_refuse, visible
from apps.accounts.provinces import province_filter_value
from apps.core.digits import normalize_text

from .models import Course, CourseSession, Learner, SatisfactionSurvey, TrainingRequest
from .permissions import CERTIFICATES, COURSE, HISTORY, LEARNER, LEARNER_CERTIFICATE, REQUEST, SESSION, SURVEY


def calendar_issuer(*, province: Province | None) -> Organization | None:
    """Who issues a calendar's PDF: the chosen province's Organization; none for every province's together
    (no one province speaks for the others)."""
    return province_organization(province.pk) if province is not None else None


def course_list(*, filters: dict | None = None) -> QuerySet[Course]:
    """The annual calendar, or one month's program when a month is given; public."""
    filters = filters or {}
    courses = Course.objects.select_related("province")
    if filters.get("province"):
        courses = courses.filter(province=filters["province"])
    if filters.get("year"):
        courses = courses.filter(year=filters["year"])
    if filters.get("month"):
        courses = courses.filter(planned_month=filters["month"])
    if filters.get("category"):
        courses = courses.filter(category=filters["category"])
    query = normalize_text(filters.get("q") or "")
    if query:
        courses = courses.filter(title__icontains=query)
    return courses.order_by("planned_month", "title", "pk")


def course_get(*, pk: int) -> Course:
    return get_object_or_404(Course, pk=pk)


def calendar_years() -> list[int]:
    return list(Course.objects.order_by("-year").values_list("year", flat=True).distinct())


def sessions_between(*, start, end, province: Province | None = None) -> QuerySet[CourseSession]:
    """Sessions starting in a date window, for the monthly program (time, place, mode are public); of one
    province's courses when one is chosen."""
    sessions = CourseSession.objects.all()
    if province is not None:
        sessions = sessions.filter(course__province=province)
    return (
        sessions.filter(starts_on__gte=start, starts_on__lte=end)
        .exclude(state=CourseSession.State.CANCELLED)
        .select_related("course")
        .order_by("starts_on", "pk")
    )


def request_list_for_user(*, user, filters: dict | None = None) -> QuerySet[TrainingRequest]:
    filters = filters or {}
    requests = visible(TrainingRequest.objects.all(), user, kind_name=REQUEST)
    if filters.get("state"):
        requests = requests.filter(case__state=filters["state"])
    if filters.get("course"):
        requests = requests.filter(course_id=filters["course"])
    # Narrows what the table lets the person see to one province; it never widens it.
    province = province_filter_value(filters.get("province", ""))
    if province is not None:
        requests = requests.filter(province_id=province)
    query = normalize_text(filters.get("q") or "")
    if query:
        requests = requests.filter(Q(case__tracking_code=query) | Q(course__title__icontains=query))
    return (
        requests.select_related("case", "course", "organization", "session")
        # A subquery, not Count("learners"): the paginator's count then drops it, where a joined count made
        # it group every learner of every request (81 ms at 100,000 learners, per page).
        .annotate(people=_learner_count())
        .order_by("-pk")
    )


def _learner_count():
    per_request = (
        Learner.objects.filter(request=OuterRef("pk"))
        .order_by()
        .values("request")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(per_request, output_field=IntegerField()), 0)


def request_get_for_user(*, user, pk: int, action: str = "view", kind: str = REQUEST) -> TrainingRequest:
    """One request this person may `action` as `kind` (the request, or one of its forms)."""
    rows = TrainingRequest.objects.select_related("case", "course", "organization", "session").annotate(
        people=_learner_count()
    )
    return get_or_refuse(rows, user, action, kind_name=kind, pk=pk)


def request_certificates_get(*, user, pk: int) -> TrainingRequest:
    """A request whose certificates this person may download together (released, for the agency)."""
    rows = TrainingRequest.objects.select_related("case")
    return get_or_refuse(rows, user, "download", kind_name=CERTIFICATES, pk=pk)


def request_learners(*, request: TrainingRequest) -> QuerySet[Learner]:
    return request.learners.select_related("certificate").order_by("pk")


def gathering_by_course(*, user) -> QuerySet[Course]:
    """The person's province's courses with approved requests waiting for a session, and how many people
    they add up to."""
    waiting = Q(requests__case__state="gathering", requests__session__isnull=True)
    return (
        visible(Course.objects.all(), user, kind_name=COURSE)
        .annotate(
            waiting_requests=Count("requests", filter=waiting, distinct=True),
            waiting_people=Count("requests__learners", filter=waiting),
        )
        .filter(waiting_requests__gt=0)
        .order_by("planned_month", "title")
    )


def gathering_requests(*, course: Course) -> QuerySet[TrainingRequest]:
    return (
        TrainingRequest.objects.filter(course=course, case__state="gathering", session__isnull=True)
        .select_related("case", "organization")
        .annotate(people=Count("learners"))
        .order_by("pk")
    )


def course_requests(*, course: Course, ids) -> QuerySet[TrainingRequest]:
    """The course's requests among these ids in any state: planning itself refuses those already taken."""
    return TrainingRequest.objects.filter(course=course, pk__in=ids).select_related("case").order_by("pk")


OPEN_STATES = CourseSession.OPEN_STATES


def open_sessions(*, course: Course) -> QuerySet[CourseSession]:
    """The course's sessions not yet held, with their people: where a new request is merged before
    another session is opened (training group only)."""
    return (
        CourseSession.objects.filter(course=course, state__in=OPEN_STATES)
        .select_related("course")
        .annotate(people=Count("requests__learners"))
        .order_by("starts_on", "pk")
    )


def session_people(*, session: CourseSession) -> int:
    """Learners of the requests still in the session: a cancelled request has left it."""
    return Learner.objects.filter(request__session=session).count()


def session_list_for_user(*, user, filters: dict | None = None) -> QuerySet[CourseSession]:
    filters = filters or {}
    # By id: the agency's scope walks the session's requests, which would repeat a merged session.
    seen = visible(CourseSession.objects.all(), user, kind_name=SESSION).values("pk")
    sessions = CourseSession.objects.filter(pk__in=seen)
    if filters.get("state"):
        sessions = sessions.filter(state=filters["state"])
    if filters.get("course"):
        sessions = sessions.filter(course_id=filters["course"])
    if filters.get("open"):
        sessions = sessions.filter(state__in=OPEN_STATES)
    return (
        sessions.select_related("course")
        .annotate(agencies=Count("requests", distinct=True))
        .order_by("-starts_on", "-pk")
    )


def session_get_for_user(*, user, pk: int, action: str = "view", kind: str = SESSION) -> CourseSession:
    """One session this person may `action` as `kind` (the session, its attendance or its scores)."""
    return get_or_refuse(
        CourseSession.objects.select_related("course", "case"), user, action, kind_name=kind, pk=pk
    )


def session_learners(*, session: CourseSession, user) -> QuerySet[Learner]:
    """A session's learners; an agency sees only its own people even in a merged session."""
    return (
        visible(Learner.objects.all(), user, kind_name=LEARNER)
        .filter(request__session=session)
        .select_related("organization", "request__case", "certificate")
        .prefetch_related("absences__meeting")
        .order_by("organization__name", "full_name", "pk")
    )


def learner_certificate_get(*, user, pk: int) -> Learner:
    """A learner whose certificate this person may download: issued, and released unless they are the group."""
    rows = Learner.objects.select_related("request__course", "certificate")
    return get_or_refuse(rows, user, "download", kind_name=LEARNER_CERTIFICATE, pk=pk)


def learner_history(*, user, national_id: str) -> QuerySet[Learner]:
    """A person's training record (شناسنامه آموزشی) by national ID, within what the user may see."""
    code = normalize_text(national_id or "")
    if not code:
        return Learner.objects.none()
    return (
        visible(Learner.objects.all(), user, kind_name=HISTORY)
        .filter(national_id=code)
        .select_related("request__course", "request__session", "request__case", "organization", "certificate")
        .order_by("-request__session__ends_on", "-pk")
    )


def session_certificate_progress(*, session: CourseSession) -> dict:
    """How many of the session's passed learners have their certificate yet (the tasks issue them)."""
    counts = Learner.objects.filter(request__session=session, passed=True).aggregate(
        passed=Count("pk"), issued=Count("certificate")
    )
    return {**counts, "done": counts["issued"] >= counts["passed"]}


def dashboard_learners(*, user) -> QuerySet[Learner]:
    """The learners behind the dashboard's numbers: those this person may export."""
    return visible(Learner.objects.all(), user, "export", kind_name=LEARNER)


def dashboard_surveys(*, user) -> QuerySet[SatisfactionSurvey]:
    """The satisfaction surveys whose answers this person may read."""
    requests = visible(TrainingRequest.objects.all(), user, kind_name=SURVEY).values("pk")
    return SatisfactionSurvey.objects.filter(request__in=requests)
