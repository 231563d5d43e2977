"""Service B's rows of the permission table (`apps.accounts.permissions`): who may see and do what of the
training service (seed 002).

What the seed says, and what follows from it:

* The training group (its head and experts) runs the whole service, rows 1 and 4–9: the calendar, the
  review, planning, attendance, the exam and the certificates, for every agency of the province — and
  nothing of the other services (their tables grant it nothing).
* The requesting agency, rows 2, 3 and 10: its officer files and fixes the requests and fills the
  evaluation and survey; its head may do everything the agency does. HR and the council are not part of
  the service and get nothing here.
* An employee (learner) reads their own training record, the requests and sessions that list them, and
  their own certificates once released (row 10: after the agency filled both forms).
* The deputy and the head of the Organization read the whole province and act on nothing here.
* The management group reads nothing of training; the managers service asks the courses of a manager
  through `apps.core.providers` ("training.management_courses"), not through these routes.
* The calendar and the monthly program are public (`@public` pages, rows 1–2).
* Administrators keep the desk, not its files: nothing of training beyond the public calendar.
"""

from dataclasses import replace

from django.db.models import Exists, OuterRef, Q

from apps.accounts.permissions import (
    AGENCY,
    ASSIGNED,
    NATION,
    OWN,
    PROVINCE,
    Kind,
    Principal,
    no_rows,
    register_kinds,
    register_table,
)
from apps.accounts.permissions import Principal as P
from apps.documents.kinds import document_kind
from apps.workflow.kinds import case_kinds

CASE, ATTACHMENT = "training.case", "training.attachment"
COURSE = "training.course"
REQUEST = "training.request"
EVALUATION = "training.evaluation"
SURVEY = "training.survey"
LEARNER = "training.learner"
HISTORY = "training.history"
SESSION = "training.session"
ATTENDANCE = "training.attendance"
SCORE = "training.score"
LEARNER_CERTIFICATE = "training.learner_certificate"
CERTIFICATES = "training.certificates"
# The documents app's kind of the same certificates (its list and download pages ask it).
CERTIFICATE_CODE = "training.certificate"
CERTIFICATE_DOCUMENT = f"document.{CERTIFICATE_CODE}"


def _national_id(user) -> str | None:
    return getattr(user, "national_id", None) or None


def _released(prefix: str) -> Q:
    """Row 10: the certificates are handed over once the agency filled the evaluation and the survey."""
    return Q(**{f"{prefix}evaluation__isnull": False, f"{prefix}survey__isnull": False})


def _listing_me(prefix: str):
    """Rows about the person: a learner whose national ID is theirs (a person without one is on none)."""

    def own(user) -> Q:
        code = _national_id(user)
        return Q(**{f"{prefix}national_id": code}) if code else no_rows()

    return own


def _requests_listing_me(user) -> Q:
    """The requests whose learner form lists the person, as EXISTS rather than a join through the learners:
    a join repeats a request once per matching learner, and the DISTINCT that undid it made every reader's
    list (the training group's too) sort the whole province's requests before its newest 50."""
    from .models import Learner

    code = _national_id(user)
    if not code:
        return no_rows()
    return Q(Exists(Learner.objects.filter(request=OuterRef("pk"), national_id=code)))


def _mine_released(national_id_path: str, request_prefix: str):
    def own(user) -> Q:
        code = _national_id(user)
        return Q(**{national_id_path: code}) & _released(request_prefix) if code else no_rows()

    return own


def _agency_released(org_path: str, request_prefix: str):
    """The agency's certificates once released: ASSIGNED, as they are handed over to the agency then."""

    def assigned(user) -> Q:
        if not user.organization_id:
            return no_rows()
        return Q(**{org_path: user.organization_id}) & _released(request_prefix)

    return assigned


register_kinds(
    *case_kinds("training", "آموزش کارکنان"),
    Kind(name=COURSE, label="تقویم آموزشی و دوره‌ها", model="training.Course", province="province"),
    Kind(
        name=REQUEST,
        label="درخواست‌های آموزش",
        model="training.TrainingRequest",
        agency="organization",
        # The request's own copy of its organization's province: a province's list reads the request
        # table alone, newest first from `training_request_province_idx`.
        province="province",
        own=_requests_listing_me,
    ),
    # The two after-course forms of a request (one each), named by the request they belong to.
    Kind(
        name=EVALUATION,
        label="فرم ارزشیابی دوره",
        model="training.TrainingRequest",
        agency="organization",
        province="province",
    ),
    Kind(
        name=SURVEY,
        label="فرم نظرسنجی",
        model="training.TrainingRequest",
        agency="organization",
        province="province",
    ),
    Kind(
        name=LEARNER,
        label="فراگیران (فرم اطلاعات فراگیران)",
        model="training.Learner",
        agency="organization",
        own=_listing_me(""),
    ),
    Kind(
        name=HISTORY,
        label="سوابق آموزشی کارکنان",
        model="training.Learner",
        agency="organization",
        own=_listing_me(""),
    ),
    Kind(
        name=SESSION,
        label="اجراهای دوره",
        model="training.CourseSession",
        # A merged session belongs to every agency whose request it took.
        agency="requests__organization",
        province="course__province",
        own=_listing_me("requests__learners__"),
        distinct=True,
    ),
    Kind(
        name=ATTENDANCE,
        label="حضور و غیاب اجرای دوره",
        model="training.CourseSession",
        agency="requests__organization",
        province="course__province",
        distinct=True,
    ),
    Kind(
        name=SCORE,
        label="نمره‌های آزمون اجرای دوره",
        model="training.CourseSession",
        agency="requests__organization",
        province="course__province",
        distinct=True,
    ),
    Kind(
        name=LEARNER_CERTIFICATE,
        label="گواهی‌نامه هر فراگیر",
        model="training.Learner",
        agency="organization",
        own=_mine_released("national_id", "request__"),
        assigned=_agency_released("organization", "request__"),
        rows=Q(certificate__isnull=False),
    ),
    Kind(
        name=CERTIFICATES,
        label="گواهی‌نامه‌های یک درخواست (فایل فشرده)",
        model="training.TrainingRequest",
        agency="organization",
        province="province",
        assigned=_agency_released("organization", ""),
    ),
    # The issued PDFs themselves, for the documents pages: the agency is the learner's (the Organization
    # issues them, so the document's own owner is the province).
    replace(
        document_kind(CERTIFICATE_CODE, "گواهی‌نامه آموزشی"),
        agency="training_learner__organization",
        own=_mine_released("holder_national_id", "training_learner__request__"),
        assigned=_agency_released("training_learner__organization", "training_learner__request__"),
    ),
)

# The groups of the table, each at its scope.
_GROUP = {P.TRAINING_EXPERT: PROVINCE, P.TRAINING_HEAD: PROVINCE}  # the training group
_ABOVE = {P.DEPUTY: PROVINCE, P.ORG_HEAD: PROVINCE}  # the deputy and the head: they read the province
_AGENCY = {P.AGENCY_OFFICER: AGENCY, P.AGENCY_HEAD: AGENCY}  # the requesting agency
_SEEN = {**_AGENCY, **_GROUP, **_ABOVE}

# fmt: off
register_table(
    "training",
    {
        # The request's case: the agency's officer and head act at the agency's steps (fix, forms), the
        # group at its own; which step waits on whom is the process's to say. Employees follow their
        # requests on this service's pages, not on the case (its receipts and letters are the agency's).
        CASE: {
            "view":     _SEEN,
            "act":      {**_AGENCY, **_GROUP},
            "attach":   {**_AGENCY, **_GROUP},
            "bulk":     _GROUP,
        },
        ATTACHMENT: {
            "view":     _SEEN,
            "download": _SEEN,
        },
        # The calendar is public (its pages are @public); only the group defines it (row 1). Signed in,
        # each reads their province's calendar; the national body reads every province's.
        COURSE: {
            "view":     {**{p: PROVINCE for p in Principal}, P.NATIONAL_OFFICER: NATION, P.ADMIN: NATION},
            "manage":   _GROUP,
        },
        REQUEST: {
            "view":     {P.EMPLOYEE: OWN, **_SEEN},
            "create":   _AGENCY,
            "edit":     _AGENCY,       # a returned request, fixed and sent again
            "export":   _SEEN,
        },
        # Row 10: the agency fills both; the group and those above read the answers (the dashboard).
        EVALUATION: {
            "view":     _SEEN,
            "create":   _AGENCY,
        },
        SURVEY: {
            "view":     _SEEN,
            "create":   _AGENCY,
        },
        # The learner form comes with the request; the numbers of learners (the dashboard) are an export.
        LEARNER: {
            "view":     {P.EMPLOYEE: OWN, **_SEEN},
            "create":   _AGENCY,
            "export":   _SEEN,
        },
        # A person's training record across requests: the employee reads and downloads their own.
        HISTORY: {
            "view":     {P.EMPLOYEE: OWN, **_SEEN},
            "export":   {P.EMPLOYEE: OWN, **_SEEN},
        },
        # Rows 5–9 are the group's alone; the agency and its learners see the sessions they are in.
        SESSION: {
            "view":     {P.EMPLOYEE: OWN, **_SEEN},
            "create":   _GROUP,
            "act":      _GROUP,
            "export":   _SEEN,
        },
        ATTENDANCE: {
            "view":     _SEEN,
            "edit":     _GROUP,
        },
        SCORE: {
            "view":     _SEEN,
            "edit":     _GROUP,
        },
        # A certificate is seen by its agency as soon as it is issued, but downloaded only once released
        # (ASSIGNED = the agency's released ones), so the agency is told to fill the forms (403), not
        # that it does not exist. The employee's own (OWN) are their released ones only. The group issues
        # them and may always read them.
        LEARNER_CERTIFICATE: {
            "view":     {P.EMPLOYEE: OWN, **_SEEN},
            "download": {P.EMPLOYEE: OWN, P.AGENCY_OFFICER: ASSIGNED, P.AGENCY_HEAD: ASSIGNED, **_GROUP, **_ABOVE},
        },
        CERTIFICATE_DOCUMENT: {
            "view":     {P.EMPLOYEE: OWN, **_SEEN},
            "download": {P.EMPLOYEE: OWN, P.AGENCY_OFFICER: ASSIGNED, P.AGENCY_HEAD: ASSIGNED, **_GROUP, **_ABOVE},
        },
        # All of a request's certificates in one file: the agency's, not an employee's (it holds colleagues').
        CERTIFICATES: {
            "view":     _SEEN,
            "download": {P.AGENCY_OFFICER: ASSIGNED, P.AGENCY_HEAD: ASSIGNED, **_GROUP, **_ABOVE},
        },
    },
)
# fmt: on
