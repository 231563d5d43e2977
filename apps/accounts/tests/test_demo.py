"""The demo loader: organizations, named people for every role, cases, logins printed; safe to rerun."""

from io import StringIO

from django.core.management import call_command

from apps.accounts.models import Organization, Province, User
from apps.accounts.roles import OrgKind, Role
from apps.evaluation.models import Cycle
from apps.recruitment.models import Round
from apps.training.models import Course
from apps.workflow.models import Case


def test_the_demo_loads_two_provinces_with_agencies_people_and_cases_and_prints_logins(db):
    out = StringIO()
    call_command("seed_demo", agencies=3, cases_for=2, stdout=out)
    printed = out.getvalue()
    assert "Khedmat@1405" in printed
    for username in ("expert", "trainer", "deputy", "head", "evaluator", "national", "officer101", "hr101"):
        assert username in printed
    # Two provinces: the first with the agencies asked for, the second (smaller) with its three.
    assert Organization.objects.filter(kind=OrgKind.AGENCY, province__code="khuzestan").count() == 3
    assert Organization.objects.filter(kind=OrgKind.AGENCY, province__code="ilam").count() == 3
    assert Organization.objects.get(code="101").name == "استانداری خوزستان"
    for username in ("ilam-expert", "ilam-deputy", "officerilm101"):
        assert username in printed
    held = {role for roles in User.objects.values_list("roles", flat=True) for role in roles}
    assert held == set(Role.values)
    states = set(Case.objects.values_list("state", flat=True))
    assert {"submitted", "escalated", "returned", "resolved", "rejected"} <= states
    # Each province its own Organization, calendar, round, cycle and numbering of cases.
    for code in ("khuzestan", "ilam"):
        province = Province.objects.get(code=code)
        assert Organization.objects.get(kind=OrgKind.PROVINCE, province=province).name.endswith(province.name)
        assert Course.objects.filter(province=province).exists()
        assert Round.objects.filter(province=province).exists()
        assert Cycle.objects.filter(province=province).exists()
        codes = Case.objects.filter(owner__province=province).values_list("tracking_code", flat=True)
        assert codes and all(c.startswith(province.tracking_prefix) for c in codes)
    # The national body belongs to no province.
    assert Organization.objects.get(kind=OrgKind.NATIONAL).province is None
    count = Case.objects.count()
    call_command("seed_demo", agencies=3, cases_for=2, stdout=StringIO())
    assert Case.objects.count() == count
    assert User.objects.get(username="officer101").check_password("Khedmat@1405")
