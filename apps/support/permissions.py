"""Fault reports (a service with its own process): who files them, who answers, who reads them.

An agency's people report what breaks on their desk; the Organization's groups answer (any expert or
group head: a fault is not a group's service); the deputy, the head and the administrators read them all.
"""

from apps.accounts.permissions import AGENCY, ASSIGNED, NATION, OWN, PROVINCE, register_kinds, register_table
from apps.accounts.permissions import Principal as P
from apps.workflow.kinds import case_kinds

CASE, ATTACHMENT = case_kinds("support", "گزارش خطا")
register_kinds(CASE, ATTACHMENT)

# An agency's people who are not its officer or head: their own reports, and those sent back to the
# agency for completion (the "returned" step waits on every agency role).
_FILERS = (P.EMPLOYEE, P.AGENCY_HR, P.COUNCIL_SECRETARY, P.COUNCIL_MEMBER, P.SUPERVISOR)
_AGENCY_PEOPLE = (*_FILERS, P.AGENCY_OFFICER, P.AGENCY_HEAD)
# Those who answer: the Organization's experts and group heads of either group.
_ANSWERERS = (P.TRAINING_EXPERT, P.TRAINING_HEAD, P.MANAGEMENT_EXPERT, P.MANAGEMENT_HEAD)

_READ = {
    **{p: (OWN, ASSIGNED) for p in _FILERS},
    # The agency's officer and head answer for their desk: every report of the agency.
    P.AGENCY_OFFICER: AGENCY,
    P.AGENCY_HEAD: AGENCY,
    **{p: PROVINCE for p in _ANSWERERS},
    P.DEPUTY: PROVINCE,
    P.ORG_HEAD: PROVINCE,
    # The administrators mend what the reports name.
    P.ADMIN: NATION,
}

# fmt: off
register_table(
    "support",
    {
        "support.case": {
            "view":   _READ,
            # Every agency person may report a fault of their own agency's desk.
            "create": {p: AGENCY for p in _AGENCY_PEOPLE},
            # The scope says which reports a person works on; whether one waits on them now is the process's
            # to say (`act_refusal`), so a second click on a report already answered is told who acted.
            "act":    {**{p: (OWN, ASSIGNED) for p in _FILERS}, P.AGENCY_OFFICER: AGENCY, P.AGENCY_HEAD: AGENCY,
                       **{p: PROVINCE for p in _ANSWERERS}},
            "attach": {**{p: (OWN, ASSIGNED) for p in _FILERS}, P.AGENCY_OFFICER: AGENCY, P.AGENCY_HEAD: AGENCY,
                       **{p: PROVINCE for p in _ANSWERERS}},
            # Answering many alike reports at once (a fault already mended) from the cartable; each case
            # is still checked at its step and a refused one is reported in the job.
            "bulk":   {p: PROVINCE for p in _ANSWERERS},
        },
        "support.attachment": {
            "view":     _READ,
            "download": _READ,
        },
    },
)
# fmt: on
