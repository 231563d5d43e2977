"""Substitutes' rows of the permission table, and the delegation a substitute acts through.

Issue 24: a person, their superior (the head of their group, of their organization, of their agency) or
an administrator names a substitute. The substitute then borrows the absent person's rows of the table,
and only for the cases waiting on that person (`work`), only on those dates (`active_absentees`).
"""

from django.db.models import Q

from apps.accounts.permissions import (
    AGENCY,
    NATION,
    OWN,
    UNIT,
    Delegation,
    Kind,
    Principal,
    no_rows,
    register_delegation,
    register_kinds,
    register_table,
)
from apps.accounts.permissions import Principal as P
from apps.workflow.kinds import waiting_on_person

from .selectors import NAMING, SUBSTITUTION, active_absentees, stand_ins


def _group(user) -> Q:
    if not user.unit_id or not user.organization_id:
        return no_rows()
    return Q(absent__unit_id=user.unit_id, absent__organization_id=user.organization_id)


register_kinds(
    Kind(
        name=SUBSTITUTION,
        label="جانشین‌ها",
        model="substitutes.Substitution",
        agency="absent__organization",
        # One's own absence, the absences one stands in for, and those one named.
        own=lambda user: Q(absent_id=user.pk) | Q(substitute_id=user.pk) | Q(named_by_id=user.pk),
        unit=_group,
    ),
    Kind(
        name=NAMING,
        label="تعیین و لغو جانشین",
        model="substitutes.Substitution",
        agency="absent__organization",
        # The substitute does not end what others decided for them; the absent person and the namer do.
        own=lambda user: Q(absent_id=user.pk) | Q(named_by_id=user.pk),
        unit=_group,
    ),
)

# Everyone may name their own substitute; a group head for their group's people; the deputy and the head
# of the Organization, and an agency's head, for their organization's people; the administrators for all.
_SUPERIORS = {
    P.TRAINING_HEAD: (OWN, UNIT),
    P.MANAGEMENT_HEAD: (OWN, UNIT),
    P.DEPUTY: AGENCY,
    P.ORG_HEAD: AGENCY,
    P.AGENCY_HEAD: AGENCY,
    P.ADMIN: NATION,
}
_WHO = {**{p: OWN for p in Principal}, **_SUPERIORS}

register_table(
    "substitutes",
    {
        SUBSTITUTION: {"view": _WHO},
        # `create` reaches people rather than rows: the scope says whom one may name a substitute for
        # (`selectors.absent_choices`). `act` is cancelling one early.
        NAMING: {"view": _WHO, "create": _WHO, "act": _WHO},
    },
)


def _work(kind: Kind):
    """How to find the absent person's work among a kind's rows: the cases waiting on them (and those cases'
    attachments). Nothing else of theirs is lent."""
    model = kind.model.lower()
    if model == "workflow.case":
        return waiting_on_person
    if model == "workflow.caseattachment":
        return lambda absentee: waiting_on_person(absentee, "case__")
    return None


register_delegation(Delegation(absentees=active_absentees, stand_ins=stand_ins, work=_work))
