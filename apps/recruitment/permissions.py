"""Service A's rows of the permission table (`apps.accounts.permissions`): who reaches a round, its quota
ledger and job-locations, its exam venues, supervisors and their cards, the exam reports, the results, the
interviews, the hire files with their required documents and employee numbers.

The seeds (000, 001) name the people: the national organization notifies the quotas, announces the exam,
publishes the results and gives the employee number; the Deputy's management development group (and
those above the groups) announces, names the supervisors, sends the reports, interviews, allocates and
reviews the files; the agencies register their final accepted people and attach their documents; a
supervisor works their own venue. Everyone else (an employee, a council member, the training group, an
evaluator) is given nothing of recruitment. Exports are the `export` action of each list's kind.

A round's pages are each about one side of the round, so each side is its own kind of the same Round
rows (the ledger, the exam, the results, the interviews, the registration): one round, different people.
"""

import dataclasses

from django.db.models import Q

from apps.accounts.permissions import (  # noqa: F401  (the app asks through here)
    AGENCY,
    ASSIGNED,
    EVERY_PROVINCE,
    NATION,
    OWN,
    PROVINCE,
    Kind,
    may,
    may_at_all,
    no_rows,
    principals_of,
    register_kinds,
    register_table,
    visible,
)
from apps.accounts.permissions import Principal as P
from apps.documents.kinds import document_kind
from apps.workflow.kinds import case_kinds, waiting_on

from .documents import SUPERVISOR_CARD
from .rules import HIRE_PROCESS_NAME

ROUND = "recruitment.round"
LEDGER = "recruitment.ledger"
QUOTA = "recruitment.quota"
EXAM = "recruitment.exam"
VENUE = "recruitment.venue"
SUPERVISOR = "recruitment.supervisor"
NOMINATION = "recruitment.nomination"
REPORT = "recruitment.report"
RESULTS = "recruitment.results"
CANDIDATE = "recruitment.candidate"
INTERVIEWS = "recruitment.interviews"
REGISTRATION = "recruitment.registration"
HIRE = "recruitment.hire"
HIRE_DOCUMENT = "recruitment.hire_document"
EMPLOYEE_NUMBER = "recruitment.employee_number"
CARD_DOCUMENT = f"document.{SUPERVISOR_CARD}"

# The states of a hire file once the Deputy sent it to the national organization: at its approval step,
# or approved by it (the national org gave its employee number; the file is its record too).
SENT_TO_NATION = ("national", "approved")


def own_supervisor(user, path: str = "supervisor") -> Q:
    """The roster entry that is the signed-in person: their own national ID, and never linked to another
    account. A roster entry linked to an account but holding someone else's national ID (the demo's
    supervisor101 got زهرا کریمی's card that way) is nobody's own card."""
    if not getattr(user, "is_authenticated", False) or not user.national_id:
        return no_rows()
    prefix = f"{path}__" if path else ""
    return Q(**{f"{prefix}national_id": user.national_id}) & (
        Q(**{f"{prefix}user__isnull": True}) | Q(**{f"{prefix}user_id": user.pk})
    )


def _sent_to_nation(prefix: str = ""):
    """Files waiting on the person, and for the national officer every file sent to the nation."""

    def build(user) -> Q:
        waiting = waiting_on(user, prefix)
        if P.NATIONAL_OFFICER not in principals_of(user):
            return waiting
        return waiting | Q(**{f"{prefix}process": HIRE_PROCESS_NAME, f"{prefix}state__in": SENT_TO_NATION})

    return build


def _hire_sent_to_nation(prefix: str = ""):
    # Granted to the national officer alone: the hire files the Deputy sent to the nation.
    return lambda user: Q(**{f"{prefix}case__state__in": SENT_TO_NATION})


_case, _attachment = case_kinds("recruitment", "نظارت بر استخدام")
CASE, ATTACHMENT = _case.name, _attachment.name

# A round belongs to the agencies that have job-locations in it: theirs is the round they register in.
_ROUND_AGENCY = {"agency": "quotas__agency", "province": "province", "distinct": True}

register_kinds(
    dataclasses.replace(_case, assigned=_sent_to_nation()),
    dataclasses.replace(_attachment, assigned=_sent_to_nation("case__")),
    Kind(name=ROUND, label="دوره‌های جذب", model="recruitment.Round", **_ROUND_AGENCY),
    Kind(name=LEDGER, label="دفتر سهمیه دوره جذب", model="recruitment.Round", **_ROUND_AGENCY),
    Kind(name=QUOTA, label="شغل محل‌ها و تخصیص سهمیه", model="recruitment.JobQuota", agency="agency"),
    Kind(name=EXAM, label="آزمون دوره: حوزه‌ها و گزارش‌ها", model="recruitment.Round", province="province"),
    Kind(
        name=VENUE,
        label="حوزه‌های آزمون",
        model="recruitment.Venue",
        province="round__province",
        own=lambda u: own_supervisor(u, "nominations__supervisor"),
        distinct=True,
    ),
    Kind(
        name=SUPERVISOR,
        label="فهرست ناظران",
        model="recruitment.Supervisor",
        # The roster is of people, not of a province: any province may nominate whom another has listed.
        province=EVERY_PROVINCE,
        own=lambda u: own_supervisor(u, ""),
    ),
    Kind(
        name=NOMINATION,
        label="ناظران حوزه‌ها و کارت‌هایشان",
        model="recruitment.Nomination",
        province="venue__round__province",
        own=own_supervisor,
    ),
    Kind(
        name=REPORT,
        label="گزارش‌های آزمون حوزه‌ها",
        model="recruitment.ExamReport",
        province="venue__round__province",
        own=lambda u: own_supervisor(u, "venue__nominations__supervisor"),
        distinct=True,
    ),
    Kind(name=RESULTS, label="نتایج آزمون و فهرست پذیرفته‌شدگان", model="recruitment.Round", **_ROUND_AGENCY),
    Kind(
        name=CANDIDATE,
        label="پذیرفته‌شدگان و نتیجه مصاحبه",
        model="recruitment.Candidate",
        agency="job__agency",
    ),
    Kind(name=INTERVIEWS, label="هیئت‌های مصاحبه", model="recruitment.Round", province="province"),
    Kind(name=REGISTRATION, label="ثبت پذیرفته‌شدگان نهایی", model="recruitment.Round", **_ROUND_AGENCY),
    Kind(
        name=HIRE,
        label="پرونده‌های استخدام",
        model="recruitment.Hire",
        agency="agency",
        assigned=_hire_sent_to_nation(),
    ),
    Kind(
        name=HIRE_DOCUMENT,
        label="مدارک لازم پرونده‌های استخدام",
        model="recruitment.HireDocument",
        agency="hire__agency",
        assigned=_hire_sent_to_nation("hire__"),
    ),
    Kind(
        name=EMPLOYEE_NUMBER,
        label="تأیید نهایی و شماره مستخدم",
        model="recruitment.Hire",
        agency="agency",
        assigned=_hire_sent_to_nation(),
    ),
    document_kind(SUPERVISOR_CARD, "کارت ناظر آزمون استخدامی"),
)


# The Deputy's management development group and the deputy: they run the province's side of every step.
_DEPUTY = {P.MANAGEMENT_EXPERT: PROVINCE, P.MANAGEMENT_HEAD: PROVINCE, P.DEPUTY: PROVINCE}
# The head of the Organization supervises the service (seed 000, row 6): sees everything, runs no step.
_PROVINCE = {**_DEPUTY, P.ORG_HEAD: PROVINCE}
# The agency's people of recruitment: its officer and HR register and fix the files; its head sees them.
_REGISTRARS = {P.AGENCY_OFFICER: AGENCY, P.AGENCY_HR: AGENCY}
_AGENCY = {**_REGISTRARS, P.AGENCY_HEAD: AGENCY}
_NATIONAL = {P.NATIONAL_OFFICER: NATION}
# Who follows a round: its agencies, the province, the national organization.
_ROUND_PEOPLE = {**_AGENCY, **_PROVINCE, **_NATIONAL}
# The exam's side (venues, supervisors, reports) holds people's national IDs: no agency reads it.
_EXAM_PEOPLE = {**_PROVINCE, **_NATIONAL}
# The hire files: the national officer only those sent to the nation.
_HIRE_PEOPLE = {**_AGENCY, **_PROVINCE, P.NATIONAL_OFFICER: ASSIGNED}

# fmt: off
register_table(
    "recruitment",
    {
        # The hire file's case: acting is the process's to say further (whose step it is).
        CASE: {
            "view":     _HIRE_PEOPLE,
            "act":      {**_REGISTRARS, **_DEPUTY, P.NATIONAL_OFFICER: ASSIGNED},
            # Beyond the required documents (attached through the checklist), a note the agency adds.
            "attach":   _REGISTRARS,
        },
        ATTACHMENT: {
            "view":     _HIRE_PEOPLE,
            "download": _HIRE_PEOPLE,
        },
        ROUND: {
            "view":     _ROUND_PEOPLE,
            "export":   _ROUND_PEOPLE,
            # Step 1: the national organization notifies a round; the Deputy records it when it comes on paper.
            "create":   {**_DEPUTY, **_NATIONAL},
            # Step 2: the exam's time and the request for supervisors, by either side of the notice.
            "edit":     {**_DEPUTY, **_NATIONAL},
            # Closing the round once its files are closed is the Deputy's.
            "act":      _DEPUTY,
        },
        LEDGER: {
            "view":     _ROUND_PEOPLE,
            "export":   _ROUND_PEOPLE,
            # The quotas are the national organization's notice; the Deputy enters it when it comes on paper.
            "create":   {**_DEPUTY, **_NATIONAL},
            "bulk":     {**_DEPUTY, **_NATIONAL},
        },
        QUOTA: {
            "view":     _ROUND_PEOPLE,
            "export":   _ROUND_PEOPLE,
            # Step 7: the Deputy allocates seats for registration.
            "edit":     _DEPUTY,
        },
        EXAM: {
            "view":     _EXAM_PEOPLE,
            "export":   _EXAM_PEOPLE,
            "create":   {**_DEPUTY, **_NATIONAL},
            # Step 4: the Deputy sends the venues' reports to the national organization.
            "act":      _DEPUTY,
        },
        VENUE: {
            # A supervisor opens only the venues they are nominated for.
            "view":     {**_EXAM_PEOPLE, P.SUPERVISOR: OWN},
            # Naming the venue's supervisors (step 3).
            "edit":     _DEPUTY,
            # Filing the venue's report: its own supervisor, or the Deputy's staff for them.
            "act":      {**_DEPUTY, P.SUPERVISOR: OWN},
            # The venue's sheet of every card: each supervisor's card is their own only, so not theirs.
            "download": _EXAM_PEOPLE,
        },
        SUPERVISOR: {
            "view":     {**_EXAM_PEOPLE, P.SUPERVISOR: OWN},
            "export":   _EXAM_PEOPLE,
            "create":   _DEPUTY,
        },
        NOMINATION: {
            "view":     {**_EXAM_PEOPLE, P.SUPERVISOR: OWN},
            "export":   {**_EXAM_PEOPLE, P.SUPERVISOR: OWN},
            "download": {**_EXAM_PEOPLE, P.SUPERVISOR: OWN},
            "create":   _DEPUTY,
        },
        CARD_DOCUMENT: {
            "view":     {**_EXAM_PEOPLE, P.SUPERVISOR: OWN},
            "download": {**_EXAM_PEOPLE, P.SUPERVISOR: OWN},
        },
        REPORT: {
            "view":     {**_EXAM_PEOPLE, P.SUPERVISOR: OWN},
        },
        RESULTS: {
            # The initially accepted list: each agency reads its own people on it.
            "view":     _ROUND_PEOPLE,
            # Step 5: the national organization publishes the results.
            "bulk":     _NATIONAL,
        },
        CANDIDATE: {
            "view":     _ROUND_PEOPLE,
            "export":   _ROUND_PEOPLE,
            # Step 6: the interview's score and minutes.
            "act":      _DEPUTY,
        },
        INTERVIEWS: {
            "view":     _EXAM_PEOPLE,
            "export":   _EXAM_PEOPLE,
            "create":   _DEPUTY,
        },
        REGISTRATION: {
            # The round's hire files (the list shows each person the files of their reach).
            "view":     _ROUND_PEOPLE,
            "export":   _ROUND_PEOPLE,
            # Step 8: the agency registers its final accepted people, in a round it has job-locations in.
            "create":   _REGISTRARS,
        },
        HIRE: {
            "view":     _HIRE_PEOPLE,
            "export":   _HIRE_PEOPLE,
            # Completing a draft or fixing a returned file.
            "edit":     _REGISTRARS,
            # Submitting, forwarding, returning: whose step it is, the process says.
            "act":      {**_REGISTRARS, **_DEPUTY, P.NATIONAL_OFFICER: ASSIGNED},
            # The required documents: the agency's personnel unit (HR) attaches them, its officer too when
            # the agency has no separate HR desk (the process's draft step is both of theirs).
            "attach":   _REGISTRARS,
        },
        HIRE_DOCUMENT: {
            "view":     _HIRE_PEOPLE,
        },
        EMPLOYEE_NUMBER: {
            "view":     _HIRE_PEOPLE,
            # Step 10: the final approval and employee number, of a file waiting on the national officer.
            "act":      {P.NATIONAL_OFFICER: ASSIGNED},
            # The spreadsheet of employee numbers names files across every agency by national ID.
            "bulk":     _NATIONAL,
        },
    },
)
# fmt: on
