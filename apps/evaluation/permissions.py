"""Service D (seed 004): who may see and do what of the yearly performance evaluation of the agencies.

The seed's parties: the agencies register their self-assessment and object to their initial results (the
officer and the council secretary do it, the head may do everything of the agency); the Organization's
management development group runs the cycle, the evaluator team scores the agencies assigned to it
(`Evaluation.evaluators`), the council (chaired by the Organization's head) approves the final results,
and the national organization approves the province's cut of the specific indices and sends back the
province's rank. HR, employees, supervisors, council members and the training group have nothing of the
evaluation: the approved results are public (`evaluation:public_results`), which is what they read.
"""

from dataclasses import replace

from django.db.models import Q

from apps.accounts.permissions import AGENCY, ASSIGNED, NATION, PROVINCE, Kind, register_kinds, register_table
from apps.accounts.permissions import Principal as P
from apps.workflow.kinds import case_kinds

from .workflow import ANNOUNCED_STATES

try:
    from apps.documents.kinds import document_kind
except ImportError:  # the documents app's helper, until it lands

    def document_kind(code: str, label: str) -> Kind:
        return Kind(
            name=f"document.{code}",
            label=label,
            model="documents.IssuedDocument",
            agency="owner",
            own=lambda u: Q(holder_national_id=u.national_id) if u.national_id else Q(pk__in=[]),
            rows=Q(kind=code),
        )


def _team_evaluations(user):
    """The evaluations whose evaluator team the person is on, as a subquery (no join that repeats rows)."""
    from .models import Evaluation

    return Evaluation.evaluators.through.objects.filter(user_id=user.pk).values("evaluation_id")


def _assigned(prefix: str):
    return lambda user: Q(**{f"{prefix}__in": _team_evaluations(user)})


# The service's cases: an evaluator reaches the cases of the agencies they are assigned to (not every
# case waiting at the scoring step); which step waits on whom is still the process's to say (workflow.py).
_CASE, _ATTACHMENT = case_kinds("evaluation", "ارزیابی عملکرد دستگاه‌ها")
CASE = replace(_CASE, assigned=_assigned("evaluation__pk"))
ATTACHMENT = replace(_ATTACHMENT, assigned=_assigned("case__evaluation__pk"))

register_kinds(
    CASE,
    ATTACHMENT,
    # Province-wide announcements: no owning agency, every row is its cycle's province's.
    Kind(name="evaluation.cycle", label="دوره‌های ارزیابی", model="evaluation.Cycle", province="province"),
    Kind(
        name="evaluation.circular",
        label="پیوست‌های بخشنامه دوره",
        model="evaluation.CircularAttachment",
        province="cycle__province",
    ),
    Kind(
        name="evaluation.index", label="شاخص‌های ارزیابی", model="evaluation.Index", province="cycle__province"
    ),
    Kind(
        name="evaluation.body",
        label="ستاد جشنواره و کمیته راهبری",
        model="evaluation.BodyMember",
        province="body__cycle__province",
    ),
    Kind(
        name="evaluation.session",
        label="جلسه‌های آموزش توجیهی",
        model="evaluation.OrientationSession",
        province="cycle__province",
    ),
    Kind(
        name="evaluation.attendance",
        label="حضور دستگاه‌ها در آموزش توجیهی",
        model="evaluation.Attendance",
        agency="organization",
    ),
    Kind(
        name="evaluation.evaluation",
        label="ارزیابی دستگاه‌ها",
        model="evaluation.Evaluation",
        agency="organization",
        assigned=_assigned("pk"),
    ),
    Kind(
        name="evaluation.claim",
        label="خودارزیابی شاخص‌ها",
        model="evaluation.IndexScore",
        agency="evaluation__organization",
        assigned=_assigned("evaluation_id"),
    ),
    # The evaluator team's scores and comments: its working draft until the initial results are announced.
    Kind(
        name="evaluation.evaluator_score",
        label="امتیاز و نظر تیم ارزیاب",
        model="evaluation.IndexScore",
        agency="evaluation__organization",
        assigned=_assigned("evaluation_id"),
    ),
    # The same scores once announced (seed row 14): what the agency itself reads of them.
    Kind(
        name="evaluation.announced_score",
        label="امتیاز اعلام‌شده تیم ارزیاب",
        model="evaluation.IndexScore",
        agency="evaluation__organization",
        rows=Q(evaluation__case__state__in=ANNOUNCED_STATES),
    ),
    Kind(
        name="evaluation.evidence",
        label="بایگانی مستندات دستگاه‌ها",
        model="evaluation.EvidenceFile",
        agency="organization",
        assigned=_assigned("scores__evaluation_id"),
        distinct=True,
    ),
    Kind(
        name="evaluation.objection",
        label="اعتراض‌ها و بازبینی امتیاز",
        model="evaluation.Objection",
        agency="score__evaluation__organization",
        assigned=_assigned("score__evaluation_id"),
    ),
    # Levelling and ranking: the standings, the bands and the council's what-if, and announcing the initial
    # results of every scored agency.
    Kind(
        name="evaluation.standing",
        label="سطح‌بندی، رتبه‌بندی و شبیه‌سازی نتایج",
        model="evaluation.Cycle",
        province="province",
    ),
    # The approved final results of a cycle: the council's approval, and the rank the nation sends back.
    Kind(
        name="evaluation.final_result",
        label="نتایج نهایی و رتبه استان",
        model="evaluation.Cycle",
        province="province",
    ),
    Kind(
        name="evaluation.nomination",
        label="تیم‌های برتر جشنواره شهید رجایی",
        model="evaluation.Nomination",
        agency="organization",
    ),
    document_kind("evaluation_appointment", "حکم عضویت در ستاد جشنواره یا کمیته راهبری"),
    document_kind("evaluation_book", "کتاب نتایج ارزیابی عملکرد دستگاه‌ها"),
    document_kind("evaluation_festival", "گزارش جشنواره شهید رجایی"),
)

# Who does the agency's part (self-assessment, evidence, objections): its officer and council secretary,
# and its head, who may do everything of the agency.
_AGENCY_ACTORS = (P.AGENCY_OFFICER, P.COUNCIL_SECRETARY, P.AGENCY_HEAD)
# The management development group runs the cycle; the deputy and the head read all of it.
_GROUP = (P.MANAGEMENT_EXPERT, P.MANAGEMENT_HEAD)
_ABOVE = (P.DEPUTY, P.ORG_HEAD)


def _grant(principals, scope) -> dict:
    return dict.fromkeys(principals, scope)


# Reading an agency's evaluation and what hangs on it: the agency its own, the evaluator the agencies
# assigned to them, the group, the deputy and the head the province.
_EVALUATION_READ = {
    **_grant(_AGENCY_ACTORS, AGENCY),
    P.EVALUATOR: ASSIGNED,
    **_grant(_GROUP, PROVINCE),
    **_grant(_ABOVE, PROVINCE),
}
# The cycle as announced: every evaluation party reads it (an evaluator needs it to reach their agencies);
# it names no agency's figures.
_CYCLE_READ = {
    **_grant(_AGENCY_ACTORS, PROVINCE),
    P.EVALUATOR: PROVINCE,
    **_grant(_GROUP, PROVINCE),
    **_grant(_ABOVE, PROVINCE),
    P.NATIONAL_OFFICER: NATION,
}
_GROUP_ONLY = _grant(_GROUP, PROVINCE)
_PROVINCE_READ = {**_grant(_GROUP, PROVINCE), **_grant(_ABOVE, PROVINCE)}
_AGENCY_ACT = _grant(_AGENCY_ACTORS, AGENCY)

# fmt: off
register_table(
    "evaluation",
    {
        "evaluation.case": {
            "view":   _EVALUATION_READ,
            # Whose turn it is at each step is the process's (the agency submits, the group confirms and
            # announces, the evaluator finishes scoring, the head approves for the council).
            "act":    {**_AGENCY_ACT, P.EVALUATOR: ASSIGNED, **_GROUP_ONLY, P.ORG_HEAD: PROVINCE},
            "attach": {**_AGENCY_ACT, **_GROUP_ONLY},
            "bulk":   _GROUP_ONLY,
        },
        "evaluation.attachment": {
            "view":     _EVALUATION_READ,
            "download": _EVALUATION_READ,
        },
        "evaluation.cycle": {
            "view":   _CYCLE_READ,
            "export": _CYCLE_READ,
            # Defining the cycle: its circular and attachments, calendar, bodies and sessions.
            "manage": _GROUP_ONLY,
            # The cycle page's step buttons; each step's own kind below says who takes it.
            "act":    {**_GROUP_ONLY, P.ORG_HEAD: PROVINCE, P.NATIONAL_OFFICER: NATION},
        },
        "evaluation.circular": {
            "view":     _CYCLE_READ,
            "download": _CYCLE_READ,
        },
        "evaluation.index": {
            "view":   _CYCLE_READ,
            "export": _CYCLE_READ,
            # Adding indices and publishing them to the agencies (seed rows 3, 6, 7).
            "manage": _GROUP_ONLY,
            # Seed row 2: the national organization approves the province's cut of the specific indices.
            "act":    {P.NATIONAL_OFFICER: NATION},
            # The indices' spreadsheet import.
            "bulk":   _GROUP_ONLY,
        },
        # The bodies' members are named on the cycle's page; their letters are the group's to issue.
        "evaluation.body": {
            "view":   _CYCLE_READ,
            "manage": _GROUP_ONLY,
        },
        "evaluation.session": {
            "view":   {**_grant(_AGENCY_ACTORS, PROVINCE), **_PROVINCE_READ},
            "manage": _GROUP_ONLY,
        },
        # Who of an agency attended a briefing: the agency its own rows, the Organization all.
        "evaluation.attendance": {
            "view":   {**_AGENCY_ACT, **_PROVINCE_READ},
            "export": {**_AGENCY_ACT, **_PROVINCE_READ},
            "manage": _GROUP_ONLY,
        },
        "evaluation.evaluation": {
            "view":   _EVALUATION_READ,
            "export": _EVALUATION_READ,
            # Reopening a late agency's self-assessment, and naming the evaluator team of an agency.
            "manage": _GROUP_ONLY,
        },
        "evaluation.claim": {
            "view":   _EVALUATION_READ,
            "act":    _AGENCY_ACT,
            "attach": _AGENCY_ACT,
            # Scores of agencies whose headquarters run their own system arrive as a spreadsheet (rows 10–11).
            "bulk":   _GROUP_ONLY,
        },
        # Before the announcement the evaluator team's scores are its working draft: the agency does not
        # read them (announced_score below is the agency's view of them once announced).
        "evaluation.evaluator_score": {
            "view": {P.EVALUATOR: ASSIGNED, **_PROVINCE_READ},
            "act":  {P.EVALUATOR: ASSIGNED},
        },
        "evaluation.announced_score": {
            "view": _AGENCY_ACT,
        },
        # The vault: the agency's files, an evaluator's for the agencies assigned to them; the agency's HR
        # and employees are not the ones who evidence its performance.
        "evaluation.evidence": {
            "view":     _EVALUATION_READ,
            "download": _EVALUATION_READ,
            "create":   _AGENCY_ACT,
            "export":   {**_AGENCY_ACT, **_PROVINCE_READ},
        },
        "evaluation.objection": {
            "view":   _EVALUATION_READ,
            "export": _EVALUATION_READ,
            "create": _AGENCY_ACT,
            # The re-score: the evaluator team of the agency, or the group itself (seed row 15).
            "act":    {P.EVALUATOR: ASSIGNED, **_GROUP_ONLY},
        },
        # Every agency's standing side by side, and the council's what-if: the Organization's reading.
        "evaluation.standing": {
            "view":   _PROVINCE_READ,
            "export": _PROVINCE_READ,
            "manage": _GROUP_ONLY,  # the levelling bands
            "act":    _GROUP_ONLY,  # announcing the initial results (seed row 14)
        },
        # The approved results are announced to the agencies and sent to the nation (rows 16–18).
        "evaluation.final_result": {
            "view": {**_grant(_AGENCY_ACTORS, PROVINCE), **_PROVINCE_READ, P.NATIONAL_OFFICER: NATION},
            # The council's approval, which the Organization's head signs for it.
            "act":  {P.ORG_HEAD: PROVINCE},
            # Recording the province's rank among provinces: the nation sends it, or the group enters it.
            "edit": {P.NATIONAL_OFFICER: NATION, **_GROUP_ONLY},
        },
        # The festival's top teams (rows 19–20): the officer or the head puts the agency's forward.
        "evaluation.nomination": {
            "view":   {**_AGENCY_ACT, **_PROVINCE_READ},
            "export": {**_AGENCY_ACT, **_PROVINCE_READ},
            "create": {P.AGENCY_OFFICER: AGENCY, P.AGENCY_HEAD: AGENCY},
            "act":    _GROUP_ONLY,  # the festival HQ's decision
        },
        # Letters to members of the bodies, held by the Organization (the documents' owner).
        "document.evaluation_appointment": {
            "view":     _PROVINCE_READ,
            "download": _PROVINCE_READ,
            "create":   _GROUP_ONLY,
        },
        # The results book is published (row 22): every evaluation party reads it.
        "document.evaluation_book": {
            "view":     _CYCLE_READ,
            "download": _CYCLE_READ,
            "create":   _GROUP_ONLY,
        },
        # The festival report goes to the national organization (row 21).
        "document.evaluation_festival": {
            "view":     {**_PROVINCE_READ, P.NATIONAL_OFFICER: NATION},
            "download": {**_PROVINCE_READ, P.NATIONAL_OFFICER: NATION},
            "create":   _GROUP_ONLY,
        },
    },
)
# fmt: on
