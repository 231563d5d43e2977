"""The permission table's rows for the tests' own "test" service, whose processes the tests register.

A service declares its case kinds and rows in its `permissions` module; the tests' processes belong to no
app, so the conftests that register them import the autouse fixture `test_service_table`, which
registers the rows for one test and takes them out again, so the declared table (docs/permissions.md, the
route walk) never sees them.
"""

import pytest

from apps.accounts import permissions as perms
from apps.accounts.permissions import AGENCY, ASSIGNED, NATION, PROVINCE, register_kinds, register_table
from apps.accounts.permissions import Principal as P
from apps.workflow.kinds import case_kinds


def register_test_service() -> None:
    # The test service's rows of the permission table, as the services declare theirs: the owner agency's
    # people, the province's staff, and whoever a case waits on.
    register_kinds(*case_kinds("test", "خدمت آزمایشی"))
    _AGENCY = (
        P.EMPLOYEE,
        P.AGENCY_OFFICER,
        P.AGENCY_HEAD,
        P.AGENCY_HR,
        P.COUNCIL_SECRETARY,
        P.COUNCIL_MEMBER,
    )
    _PROVINCE = (
        P.TRAINING_EXPERT,
        P.TRAINING_HEAD,
        P.MANAGEMENT_EXPERT,
        P.MANAGEMENT_HEAD,
        P.DEPUTY,
        P.ORG_HEAD,
    )
    _SEE = {
        **dict.fromkeys(_AGENCY, AGENCY),
        **dict.fromkeys(_PROVINCE, PROVINCE),
        P.NATIONAL_OFFICER: ASSIGNED,
        P.ADMIN: NATION,
    }
    register_table(
        "test",
        {
            "test.case": {
                "view": _SEE,
                # Whether the case waits on the person now is the process's to say (a stale second click is
                # told who acted first), as in the services' tables.
                "act": _SEE,
                "attach": _SEE,
                "bulk": dict.fromkeys(_PROVINCE, PROVINCE),
            },
            "test.attachment": {"view": _SEE, "download": _SEE},
        },
    )


@pytest.fixture(autouse=True)
def test_service_table():
    kinds, table, owners = dict(perms._KINDS), dict(perms._TABLE), dict(perms._TABLE_OWNER)
    register_test_service()
    yield
    for current, saved in ((perms._KINDS, kinds), (perms._TABLE, table), (perms._TABLE_OWNER, owners)):
        current.clear()
        current.update(saved)
    perms._kinds_by_model.cache_clear()
