"""Service C's rows of the permission table (`apps.accounts.permissions`): who reaches the managers' database,
the national pool, posts, nominations and their Forms 1–4, the council's sessions, decrees and what follows
them, and the semi-annual report.

The seed (003) names the people: the competent superior (the agency's head) nominates and signs the decree,
the personnel unit (HR) keeps the database and fills Form 3, the council (its secretary records and scores)
weighs the nominees on Form 4, the Organization's management development group follows the province, and
the national body receives the half-yearly report and keeps the national pool. Exports are the `export`
action of each list's kind, the spreadsheet import of the database its `bulk` action.
"""

import dataclasses

from django.db.models import Q

from apps.accounts.permissions import (
    AGENCY,
    ASSIGNED,
    NATION,
    OWN,
    PROVINCE,
    Kind,
    no_rows,
    register_kinds,
    register_table,
)
from apps.accounts.permissions import Principal as P
from apps.documents.kinds import document_kind, kind_label
from apps.workflow.kinds import case_kinds, waiting_on

from .kinds import DECREE, REPLACEMENT_NOTICE

# The states of an appointment once HR has sent Forms 1–3 to the council: the nomination is on the
# council's agenda from then on (its session, its Form 4, the decree that cites the minutes).
AGENDA_STATES = ("council", "decree", "appointed", "rejected")
APPOINTMENT, CHANGE = "managers.appointment", "managers.change"


def _agenda(prefix: str):
    """The rows of the council member's own agency that reached its agenda; `prefix` leads to the nomination."""

    def build(user) -> Q:
        if not user.organization_id:
            return no_rows()
        return Q(
            **{f"{prefix}organization_id": user.organization_id, f"{prefix}case__state__in": AGENDA_STATES}
        )

    return build


def _agenda_cases(prefix: str = ""):
    """Cases waiting on the person, and for the council the appointments on its agenda and every change
    proposal of its agency (a change starts at the council)."""

    def build(user) -> Q:
        waiting = waiting_on(user, prefix)
        if not user.organization_id:
            return waiting
        on_agenda = Q(**{f"{prefix}owner_id": user.organization_id}) & (
            Q(**{f"{prefix}process": APPOINTMENT, f"{prefix}state__in": AGENDA_STATES})
            | Q(**{f"{prefix}process": CHANGE})
        )
        return waiting | on_agenda

    return build


def _same_agency(field: str):
    def build(user) -> Q:
        return Q(**{field: user.organization_id}) if user.organization_id else no_rows()

    return build


def _own_decree(user) -> Q:
    # A manager is the person of the profile by national ID; a person without one holds no decree.
    national_id = getattr(user, "national_id", None)
    return Q(profile__national_id=national_id) if national_id else no_rows()


_case, _attachment = case_kinds("managers", "انتصاب مدیران")
CASE, ATTACHMENT = _case.name, _attachment.name
DECREE_DOCUMENT, NOTICE_DOCUMENT = f"document.{DECREE}", f"document.{REPLACEMENT_NOTICE}"

register_kinds(
    dataclasses.replace(_case, assigned=_agenda_cases()),
    dataclasses.replace(_attachment, assigned=_agenda_cases("case__")),
    Kind(
        name="managers.profile",
        label="بانک اطلاعات مدیران دستگاه",
        model="managers.ManagerProfile",
        agency="organization",
    ),
    Kind(
        name="managers.pool",
        label="بانک ملی مدیران (بی‌اطلاعات فردی)",
        model="managers.ManagerProfile",
        agency="organization",
        rows=Q(published_to_pool=True),
    ),
    Kind(
        name="managers.post",
        label="پست‌های مدیریتی",
        model="managers.Post",
        agency="organization",
    ),
    Kind(
        name="managers.rules",
        label="ضوابط انتصاب دستگاه (ضرایب فرم ۴، شرایط اختصاصی)",
        model="managers.AgencyRules",
        agency="organization",
    ),
    Kind(
        name="managers.nomination",
        label="معرفی نامزدها (پرونده انتصاب)",
        model="managers.Nomination",
        agency="organization",
        assigned=_agenda(""),
    ),
    Kind(
        name="managers.candidate",
        label="نامزدها و امتیازهای فرم ۴",
        model="managers.Candidate",
        agency="nomination__organization",
        assigned=_agenda("nomination__"),
    ),
    Kind(
        name="managers.form1",
        label="فرم شماره ۱ (معرفی نامزدها)",
        model="managers.Nomination",
        agency="organization",
        assigned=_agenda(""),
    ),
    Kind(
        name="managers.form2",
        label="فرم شماره ۲ (اطلاعات فردی نامزد)",
        model="managers.ManagerProfile",
        agency="organization",
        assigned=_agenda("candidacies__nomination__"),
        distinct=True,
    ),
    Kind(
        name="managers.form3",
        label="فرم شماره ۳ (بررسی شرایط در کارگزینی)",
        model="managers.Candidate",
        agency="nomination__organization",
        assigned=_agenda("nomination__"),
    ),
    Kind(
        name="managers.form4",
        label="فرم شماره ۴ (سنجش صلاحیت در شورا)",
        model="managers.Nomination",
        agency="organization",
        assigned=_agenda(""),
    ),
    Kind(
        name="managers.session",
        label="جلسه‌های شورا / کمیسیون",
        model="managers.CouncilSession",
        agency="organization",
        # A member sits on the sessions of their own agency's council.
        assigned=_same_agency("organization_id"),
    ),
    Kind(
        name="managers.hearing",
        label="رسیدگی به شکایت در جلسه شورا",
        model="managers.Hearing",
        agency="organization",
        # A complaint is before the member once it is put on a session of their council.
        assigned=lambda u: _same_agency("organization_id")(u) & Q(session__isnull=False),
    ),
    Kind(
        name="managers.decree",
        label="احکام انتصاب چهارساله",
        model="managers.Decree",
        agency="organization",
        own=_own_decree,
    ),
    Kind(
        name="managers.change",
        label="تغییر پس از انتصاب (ارزیابی سالانه، تغییر در شش ماه نخست، پیشنهاد تغییر)",
        model="managers.Decree",
        agency="organization",
    ),
    Kind(
        name="managers.report",
        label="گزارش شش‌ماهه انتصاب مدیران",
        model="accounts.Organization",
        agency="pk",
    ),
    document_kind(DECREE, kind_label(DECREE)),
    document_kind(REPLACEMENT_NOTICE, kind_label(REPLACEMENT_NOTICE)),
)

# The Organization's people who follow service C over the province: the management development group and
# those above the groups. The training group is given nothing of managers.
_PROVINCE = {
    P.MANAGEMENT_EXPERT: PROVINCE,
    P.MANAGEMENT_HEAD: PROVINCE,
    P.DEPUTY: PROVINCE,
    P.ORG_HEAD: PROVINCE,
}
# The agency's people of the appointment: the superior (head), the personnel unit (HR), the council's
# secretary; a council member reaches only what is on the council's agenda.
_AGENCY = {P.AGENCY_HEAD: AGENCY, P.AGENCY_HR: AGENCY, P.COUNCIL_SECRETARY: AGENCY}
_AGENDA = {**_AGENCY, P.COUNCIL_MEMBER: ASSIGNED, **_PROVINCE}
# The managers' database holds personal data (national ID, address, mobile): kept by the head and HR.
_DATABASE = {P.AGENCY_HEAD: AGENCY, P.AGENCY_HR: AGENCY, **_PROVINCE}

# fmt: off
register_table(
    "managers",
    {
        # The cases: the agency's people of the appointment; a member the cases on the council's agenda;
        # whether the case waits on the person now is the process's to say (the step's actors).
        CASE: {
            "view":     _AGENDA,
            "act":      _AGENCY,
            "attach":   _AGENCY,
        },
        ATTACHMENT: {
            "view":     _AGENDA,
            "download": _AGENDA,
        },
        # The agency officer handles the services' requests, not the managers' database: not granted.
        "managers.profile": {
            "view":     _DATABASE,
            "export":   _DATABASE,
            "create":   {P.AGENCY_HEAD: AGENCY, P.AGENCY_HR: AGENCY},
            "edit":     {P.AGENCY_HEAD: AGENCY, P.AGENCY_HR: AGENCY},
            # Putting a profile in the national pool for every agency to read.
            "act":      {P.AGENCY_HEAD: AGENCY, P.AGENCY_HR: AGENCY},
            # The spreadsheet import of the database.
            "bulk":     {P.AGENCY_HEAD: AGENCY, P.AGENCY_HR: AGENCY},
        },
        # Clause 6: the superior (and HR who prepares the file) choose from the national databank too; the
        # pool shows no personal data, so every agency's published rows are open to them. The national
        # body keeps the national databank (clause 5, note).
        "managers.pool": {
            "view":     {P.AGENCY_HEAD: PROVINCE, P.AGENCY_HR: PROVINCE, **_PROVINCE, P.NATIONAL_OFFICER: NATION},
            # Copying a pooled profile's public part into one's own database.
            "act":      {P.AGENCY_HEAD: PROVINCE, P.AGENCY_HR: PROVINCE},
        },
        "managers.post": {
            "view":     _DATABASE,
            "export":   _DATABASE,
            "create":   {P.AGENCY_HEAD: AGENCY, P.AGENCY_HR: AGENCY},
            "edit":     {P.AGENCY_HEAD: AGENCY, P.AGENCY_HR: AGENCY},
        },
        # The council sets its extra conditions (clause 3, note 3) and Form 4's weights; HR reads them to
        # fill Form 3. Only for the person's own agency (the page has no province view).
        "managers.rules": {
            "view":     {P.AGENCY_HEAD: AGENCY, P.AGENCY_HR: AGENCY, P.COUNCIL_SECRETARY: AGENCY},
            "edit":     {P.AGENCY_HEAD: AGENCY, P.COUNCIL_SECRETARY: AGENCY},
        },
        "managers.nomination": {
            "view":     _AGENDA,
            # Form 1 is the competent superior's: opening it, adding nominees, signing the decree.
            "create":   {P.AGENCY_HEAD: AGENCY},
            "edit":     {P.AGENCY_HEAD: AGENCY},
            "act":      {P.AGENCY_HEAD: AGENCY},
        },
        "managers.candidate": {
            "view":     _AGENDA,
            "edit":     {P.AGENCY_HEAD: AGENCY},
            # Form 4's scores, recorded by the council's secretary for the council.
            "act":      {P.COUNCIL_SECRETARY: AGENCY},
        },
        "managers.form1": {"view": _AGENDA, "download": _AGENDA},
        # Form 2 is the nominee's personal file: the council (members and secretary alike) reads it only of
        # nominees on its agenda.
        "managers.form2": {
            "view":     {**_DATABASE, P.COUNCIL_SECRETARY: ASSIGNED, P.COUNCIL_MEMBER: ASSIGNED},
            "download": {**_DATABASE, P.COUNCIL_SECRETARY: ASSIGNED, P.COUNCIL_MEMBER: ASSIGNED},
        },
        "managers.form3": {
            "view":     _AGENDA,
            "download": _AGENDA,
            # Clause 7: the personnel unit checks the conditions on Form 3.
            "act":      {P.AGENCY_HR: AGENCY},
        },
        "managers.form4": {
            "view":     _AGENDA,
            "download": _AGENDA,
            # Recording the session whose minutes head this nomination's Form 4 (with `managers.session`
            # create): the council's secretary.
            "edit":     {P.COUNCIL_SECRETARY: AGENCY},
        },
        # Clause 8: Form 4 goes back to HR and the superior, so they read the sessions too.
        "managers.session": {
            "view":     _AGENDA,
            "create":   {P.COUNCIL_SECRETARY: AGENCY},
        },
        # Clause 10, note 2: a complaint heard at the council's session; the personnel unit and the
        # secretary file it, the secretary puts it on a session.
        "managers.hearing": {
            "view":     _AGENDA,
            "create":   {P.AGENCY_HR: AGENCY, P.COUNCIL_SECRETARY: AGENCY},
            "act":      {P.COUNCIL_SECRETARY: AGENCY},
        },
        # A manager reads their own decree (by national ID); the council, whose minutes it cites, the
        # agency's.
        "managers.decree": {
            "view":     {**_AGENCY, P.EMPLOYEE: OWN, **_PROVINCE},
            "export":   {**_AGENCY, **_PROVINCE},
        },
        # Clause 10: the yearly evaluation is recorded by the superior or HR; replacing within six months
        # and proposing a change are the superior's.
        "managers.change": {
            "view":     {**_AGENCY, **_PROVINCE},
            "edit":     {P.AGENCY_HEAD: AGENCY, P.AGENCY_HR: AGENCY},
            "act":      {P.AGENCY_HEAD: AGENCY},
        },
        # Clause 12: the agency reports to the national body every six months; the national officer reads
        # every agency's report (what is sent to the nation), the province's group follows it.
        "managers.report": {
            "view":     {P.AGENCY_HEAD: AGENCY, P.AGENCY_HR: AGENCY, **_PROVINCE, P.NATIONAL_OFFICER: NATION},
            "export":   {P.AGENCY_HEAD: AGENCY, P.AGENCY_HR: AGENCY, **_PROVINCE, P.NATIONAL_OFFICER: NATION},
        },
        DECREE_DOCUMENT: {
            "view":     {**_AGENCY, P.EMPLOYEE: OWN, **_PROVINCE},
            "download": {**_AGENCY, P.EMPLOYEE: OWN, **_PROVINCE},
        },
        # The written notice of clause 10, note 3 is addressed to the council: its members read their
        # agency's notices.
        NOTICE_DOCUMENT: {
            "view":     {**_AGENCY, P.COUNCIL_MEMBER: AGENCY, **_PROVINCE},
            "download": {**_AGENCY, P.COUNCIL_MEMBER: AGENCY, **_PROVINCE},
        },
    },
)
# fmt: on
