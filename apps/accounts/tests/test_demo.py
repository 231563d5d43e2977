"""The demo loader: organizations, named people for every role, cases, logins printed; safe to rerun."""

from io import StringIO

from django.core.management import call_command

from apps.accounts.models import Organization, User
from apps.accounts.roles import OrgKind, Role
from apps.workflow.models import Case


def test_the_demo_loads_agencies_people_and_cases_and_prints_logins(db):
    out = StringIO()
    call_command("seed_demo", agencies=3, cases_for=2, stdout=out)
    printed = out.getvalue()
    assert "Khedmat@1405" in printed
    for username in ("expert", "trainer", "deputy", "head", "evaluator", "national", "officer101", "hr101"):
        assert username in printed
    assert Organization.objects.filter(kind=OrgKind.AGENCY).count() == 3
    assert Organization.objects.get(code="101").name == "استانداری خوزستان"
    held = {role for roles in User.objects.values_list("roles", flat=True) for role in roles}
    assert held == set(Role.values)
    states = set(Case.objects.values_list("state", flat=True))
    assert {"submitted", "escalated", "returned", "resolved", "rejected"} <= states
    count = Case.objects.count()
    call_command("seed_demo", agencies=3, cases_for=2, stdout=StringIO())
    assert Case.objects.count() == count
    assert User.objects.get(username="officer101").check_password("Khedmat@1405")
