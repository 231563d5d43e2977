"""Least privilege in a real browser: an employee, an exam supervisor and a council member see in the menu
and the cartable only what the permission table grants them, and a case of their own agency that the table
keeps from them answers «صفحه پیدا نشد» without a word of it."""

import pytest
from django.urls import reverse

from apps.accounts import permissions as perms
from apps.accounts.demo import world_build
from apps.accounts.models import Organization
from apps.accounts.roles import Role
from apps.accounts.tests.factories import PASSWORD
from apps.core import demo, navigation
from apps.core.digits import to_persian_digits
from apps.workflow.models import Case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world():
    built = world_build(
        agencies=[
            {"code": "931", "name": "دستگاه نخست مرورگر", "kind": "directorate"},
            {"code": "932", "name": "دستگاه دوم مرورگر", "kind": "directorate"},
        ],
        password=PASSWORD,
        suffix="-lp",
    )
    for agency in Organization.objects.filter(pk__in=list(built.agency_users)):
        for _name, build in demo.builders():
            build(built, agency)
    return built


def _menu_hrefs(page) -> set[str]:
    return set(
        # The menu's entries: in the bar, and in each service's dropdown.
        page.eval_on_selector_all(
            "#mainnav a.nav-link, #mainnav a.dropdown-item", "links => links.map(a => a.getAttribute('href'))"
        )
    )


@pytest.mark.parametrize("role", [Role.LEARNER, Role.SUPERVISOR, Role.COUNCIL_MEMBER])
def test_a_person_sees_only_what_the_table_grants_their_role(page, sign_in, world, role):
    agency_id = next(iter(world.agency_users))
    person = world.agency_users[agency_id][role]
    sign_in(person)

    # The menu: every registered entry shown exactly when the table opens its page to this person.
    shown = _menu_hrefs(page)
    registered = {reverse(e.url_name) for e in navigation._ENTRIES}
    expected = {reverse(e.url_name) for e in navigation.entries_for(person)}
    assert shown & registered == expected
    assert reverse("recruitment:round_list") not in shown
    assert reverse("accounts:permission_table") not in shown

    # The cartable: each case listed is one the table lets this person see.
    page.goto("/cartable/")
    listed = {
        code.strip() for code in page.locator("[data-testid=case-table] tbody tr td a.ltr").all_inner_texts()
    }
    reachable = {
        to_persian_digits(code)
        for code in perms.visible(Case.objects.all(), person).values_list("tracking_code", flat=True)
    }
    assert listed <= reachable

    # A case of their own agency that the table keeps from them: «صفحه پیدا نشد», and nothing of it on the page.
    hidden = (
        Case.objects.filter(owner_id=agency_id)
        .exclude(pk__in=perms.visible(Case.objects.all(), person).values("pk"))
        .order_by("pk")
        .first()
    )
    assert hidden is not None, "the demo gives the agency cases this role may not see"
    response = page.goto(f"/cartable/cases/{hidden.tracking_code}/")
    assert response.status == 404
    body = page.inner_text("body")
    assert "پیدا نشد" in body
    assert hidden.title not in body
    assert to_persian_digits(hidden.tracking_code) not in body
