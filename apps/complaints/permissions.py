"""Complaints, satisfaction answers, service-level figures and the reports area: who reaches what.

The seeds (001, 002) make the complainant a *service recipient*: "all service recipients (executive
agencies) register and track their complaints", and "the Organization reviews the complaint". So:

* Filing is for those the Organization serves: the agencies' people and the national officer. Tracking
  by code and mobile is public (`@public` on the page); the Organization's own staff do not file.
* The Organization's management group handles complaints (the process's `unit`): its experts and head,
  then the deputy on escalation; the Organization's head oversees them. The training group reaches no
  complaint: it is given training alone.
* An agency's people see their own complaints. The agency's officer and head see every complaint filed
  from their agency (the seed's complainant is the agency), never complaints filed by another agency,
  even about them: a complaint goes to the Organization, not to whom it is about.
* Satisfaction answers and service-level figures are the province staff's: each group its own services'
  (UNIT), the deputy and the head the province's; an agency's officer and head see their agency's
  service-level figures (counts) but not its people's satisfaction scores.
* The reports area shows each service's dashboard to those who may view that service's cases
  (`selectors.dashboards_for`), and is open to those who answer for figures: the agency's officer and
  head, the Organization's groups, the deputy and the head.
"""

from django.db.models import Q

from apps.accounts.permissions import (
    AGENCY,
    NATION,
    OWN,
    PROVINCE,
    UNIT,
    Kind,
    register_kinds,
    register_table,
    scopes_for,
)
from apps.accounts.permissions import Principal as P
from apps.workflow.kinds import case_kinds
from apps.workflow.process import all_processes

CASE, ATTACHMENT = case_kinds("complaints", "شکایات و پیشنهادها")
COMPLAINT_CASE = CASE.name
COMPLAINT_ATTACHMENT = ATTACHMENT.name
SATISFACTION = "complaints.satisfaction"
SERVICE_LEVEL = "complaints.service_level"
REPORT = "complaints.report"


def _group_processes(user) -> list[str]:
    """The processes whose Organization steps the person's group acts at (`Process.unit`); one without a
    unit (fault reports) is answered by either group, so it is both groups'."""
    code = user.unit.code if user.unit_id else None
    return [p.name for p in all_processes() if code and p.unit in (code, "")]


register_kinds(
    CASE,
    ATTACHMENT,
    Kind(
        name=SATISFACTION,
        label="پاسخ‌های نظرسنجی رضایت",
        model="complaints.SatisfactionResponse",
        agency="case__owner",
        own=lambda user: Q(respondent_id=user.pk),
        unit=lambda user: Q(process__in=_group_processes(user)),
    ),
    # Service-level figures are counted from the step records of the cases.
    Kind(
        name=SERVICE_LEVEL,
        label="سطح خدمات (شاخص‌های به‌موقع بودن مراحل)",
        model="workflow.StepRecord",
        agency="case__owner",
        unit=lambda user: Q(case__process__in=_group_processes(user)),
    ),
    # The reports area: every service's dashboard, each built from its own service's rows.
    Kind(
        name=REPORT,
        label="گزارش‌ها و داشبوردهای خدمات",
        model="workflow.StepRecord",
        agency="case__owner",
        unit=lambda user: Q(case__process__in=_group_processes(user)),
    ),
)

# Everyone the Organization serves in an agency, who files and follows their own complaints.
_PERSONS = (P.EMPLOYEE, P.AGENCY_HR, P.COUNCIL_SECRETARY, P.COUNCIL_MEMBER, P.SUPERVISOR, P.NATIONAL_OFFICER)
_FILERS = (*_PERSONS, P.AGENCY_OFFICER, P.AGENCY_HEAD)
# Who answers a complaint: the management group, the deputy once escalated (the process's steps).
_HANDLERS = (P.MANAGEMENT_EXPERT, P.MANAGEMENT_HEAD, P.DEPUTY)
_GROUPS = (P.TRAINING_EXPERT, P.TRAINING_HEAD, P.MANAGEMENT_EXPERT, P.MANAGEMENT_HEAD)

_READ = {
    **{p: OWN for p in _PERSONS},
    # The seed's complainant is the agency: its officer and head follow every complaint filed from it.
    P.AGENCY_OFFICER: AGENCY,
    P.AGENCY_HEAD: AGENCY,
    **{p: PROVINCE for p in _HANDLERS},
    P.ORG_HEAD: PROVINCE,
}

# fmt: off
register_table(
    "complaints",
    {
        COMPLAINT_CASE: {
            "view":   _READ,
            # Filed in the filer's own organization's name (the case's owner).
            "create": {p: AGENCY for p in _FILERS},
            # Handlers move any complaint of the province (assign, answer); a complainant accepts,
            # contests and rates the answer to their own complaint only — not a colleague's, even where
            # the officer or head reads it.
            "act":    {**{p: OWN for p in _FILERS}, **{p: PROVINCE for p in _HANDLERS}},
            "attach": {**{p: OWN for p in _FILERS}, **{p: PROVINCE for p in _HANDLERS}},
            # The list as .xlsx: for those who answer for many complaints, not for one's own few.
            "export": {P.AGENCY_OFFICER: AGENCY, P.AGENCY_HEAD: AGENCY,
                       **{p: PROVINCE for p in _HANDLERS}, P.ORG_HEAD: PROVINCE},
        },
        COMPLAINT_ATTACHMENT: {
            "view":     _READ,
            "download": _READ,
        },
        # One's scores of a finished case. Only those served answer (the Organization does not rate
        # itself); the scores are read by the province staff, each group for its own services; an agency
        # sees none of its people's answers, so an employee may score freely.
        SATISFACTION: {
            "create": {p: AGENCY for p in _FILERS},
            "view":   {**{p: UNIT for p in _GROUPS}, P.DEPUTY: PROVINCE, P.ORG_HEAD: PROVINCE},
            "export": {**{p: UNIT for p in _GROUPS}, P.DEPUTY: PROVINCE, P.ORG_HEAD: PROVINCE},
        },
        # Counts per step, nothing personal (the public page shows the province's): an agency's officer
        # and head see their agency's, each group its services', the deputy and head the province's.
        SERVICE_LEVEL: {
            "view":   {P.AGENCY_OFFICER: AGENCY, P.AGENCY_HEAD: AGENCY, **{p: UNIT for p in _GROUPS},
                       P.DEPUTY: PROVINCE, P.ORG_HEAD: PROVINCE},
            "export": {P.AGENCY_OFFICER: AGENCY, P.AGENCY_HEAD: AGENCY, **{p: UNIT for p in _GROUPS},
                       P.DEPUTY: PROVINCE, P.ORG_HEAD: PROVINCE},
        },
        # The reports area is for those who answer for a service's figures; employees, HR, councils,
        # supervisors, evaluators and the national officer have their own pages instead. Which
        # dashboards it shows is each service's case table (`selectors.dashboards_for`).
        REPORT: {
            "view":   {P.AGENCY_OFFICER: AGENCY, P.AGENCY_HEAD: AGENCY, **{p: UNIT for p in _GROUPS},
                       P.DEPUTY: PROVINCE, P.ORG_HEAD: PROVINCE},
            "export": {P.AGENCY_OFFICER: AGENCY, P.AGENCY_HEAD: AGENCY, **{p: UNIT for p in _GROUPS},
                       P.DEPUTY: PROVINCE, P.ORG_HEAD: PROVINCE},
        },
    },
)
# fmt: on


def may_answer_survey(user, case) -> bool:
    """Whether the table lets this person score this finished case: AGENCY means a case their
    organization owns (the answer's row does not exist yet, so its scope is read off the case)."""
    scopes = scopes_for(user, SATISFACTION, "create")
    if PROVINCE in scopes or NATION in scopes:
        return True
    return AGENCY in scopes and user.organization_id == case.owner_id


def sees_every_agency(user, kind_name: str = REPORT) -> bool:
    """Whether the person's figures span agencies (the Organization), so a report may pick one."""
    return bool(scopes_for(user, kind_name, "view") & {UNIT, PROVINCE, NATION})
