"""Naming and cancelling a substitute: who may, for whom, which dates; the pages and the API."""

import datetime as dt

import pytest
from django.urls import reverse

from apps.accounts.roles import Role
from apps.accounts.tests.factories import UserFactory
from apps.audit.models import AuditEntry
from apps.core.errors import ForbiddenError, ServiceError
from apps.core.jalali import format_date, today
from apps.substitutes.models import Substitution
from apps.substitutes.services import substitution_cancel, substitution_name

pytestmark = pytest.mark.django_db


def _form(absent, substitute, start=0, days=3):
    first = today() + dt.timedelta(days=start)
    return {
        "absent": absent.pk,
        "substitute": substitute.pk,
        "starts_on": format_date(first),  # Persian digits, as the date field shows them
        "ends_on": format_date(first + dt.timedelta(days=days - 1), persian_digits=False),
        "reason": "مرخصی",
    }


def test_a_person_names_their_own_substitute_on_the_page(login, head, expert):
    response = login(head).post(reverse("substitutes:new"), _form(head, expert))
    assert response.status_code == 302
    substitution = Substitution.objects.get()
    assert (substitution.absent, substitution.substitute, substitution.named_by) == (head, expert, head)
    assert substitution.starts_on == today() and substitution.ends_on == today() + dt.timedelta(days=2)
    assert AuditEntry.objects.filter(action="substitutes.named", object_id=str(substitution.pk)).exists()


def test_a_group_head_names_one_for_a_person_of_their_group(head, expert, province, management_unit):
    colleague = UserFactory(organization=province, unit=management_unit, roles=[Role.ORG_EXPERT])
    substitution = substitution_name(
        actor=head, absent=expert, substitute=colleague, starts_on=today(), ends_on=today()
    )
    assert substitution.named_by == head


def test_the_agency_head_and_an_admin_name_for_the_agencys_people(agency, agency_officer):
    agency_head = UserFactory(organization=agency, roles=[Role.AGENCY_HEAD])
    hr = UserFactory(organization=agency, roles=[Role.AGENCY_HR])
    admin = UserFactory(organization=None, roles=[], is_superuser=True, is_staff=True)
    substitution_name(
        actor=agency_head, absent=agency_officer, substitute=hr, starts_on=today(), ends_on=today()
    )
    tomorrow = today() + dt.timedelta(days=1)
    substitution_name(actor=admin, absent=agency_officer, substitute=hr, starts_on=tomorrow, ends_on=tomorrow)
    assert Substitution.objects.count() == 2


def test_it_refuses_naming_for_a_colleague_with_403_everywhere(
    login, head, expert, province, management_unit
):
    colleague = UserFactory(organization=province, unit=management_unit, roles=[Role.ORG_EXPERT])
    with pytest.raises(ServiceError) as refused:
        substitution_name(actor=expert, absent=head, substitute=colleague, starts_on=today(), ends_on=today())
    assert isinstance(refused.value, ForbiddenError)
    assert login(expert).post(reverse("substitutes:new"), _form(head, colleague)).status_code == 403
    response = login(expert).post(
        "/api/substitutes/",
        {
            "absent": head.username,
            "substitute": colleague.username,
            "starts_on": str(today()),
            "ends_on": str(today()),
        },
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not Substitution.objects.exists()


def test_the_substitute_must_be_an_active_person_of_the_same_organization(head, agency_officer, expert):
    with pytest.raises(ServiceError, match="همان سازمان"):
        substitution_name(
            actor=head, absent=head, substitute=agency_officer, starts_on=today(), ends_on=today()
        )
    expert.is_active = False
    expert.save()
    with pytest.raises(ServiceError, match="همان سازمان"):
        substitution_name(actor=head, absent=head, substitute=expert, starts_on=today(), ends_on=today())
    assert not Substitution.objects.exists()


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [(0, -1, "پیش از"), (-1, 1, "گذشته"), (0, 400, "حداکثر")],
)
def test_it_refuses_a_bad_range(head, expert, start, end, message):
    with pytest.raises(ServiceError, match=message):
        substitution_name(
            actor=head,
            absent=head,
            substitute=expert,
            starts_on=today() + dt.timedelta(days=start),
            ends_on=today() + dt.timedelta(days=end),
        )


def test_it_refuses_overlapping_substitutions_and_chains(
    head, expert, name_substitute, province, management_unit
):
    name_substitute(expert, days=5)
    colleague = UserFactory(organization=province, unit=management_unit, roles=[Role.ORG_EXPERT])
    with pytest.raises(ServiceError, match="جانشین دیگری"):
        name_substitute(colleague, start=2)
    # Someone away cannot stand in for another, nor can a substitute be away while standing in.
    with pytest.raises(ServiceError, match="غایب"):
        substitution_name(
            actor=colleague, absent=colleague, substitute=head, starts_on=today(), ends_on=today()
        )
    with pytest.raises(ServiceError, match="جانشین شخص دیگری"):
        substitution_name(
            actor=expert, absent=expert, substitute=colleague, starts_on=today(), ends_on=today()
        )
    assert Substitution.objects.count() == 1


def test_bad_form_input_changes_nothing_and_says_why_in_persian(login, head, expert):
    data = {**_form(head, expert), "starts_on": "۱۴۰۵/۱۳/۴۰"}
    response = login(head).post(reverse("substitutes:new"), data)
    assert response.status_code == 200
    assert "۱۴۰۵/۰۹/۰۲" in response.content.decode()
    assert not Substitution.objects.exists()


def test_cancelling_asks_first_then_ends_it(login, head, expert, name_substitute):
    substitution = name_substitute(expert)
    client = login(head)
    page = client.get(reverse("substitutes:cancel", args=[substitution.pk]))
    assert page.status_code == 200 and "لغو شود" in page.content.decode()
    substitution.refresh_from_db()
    assert substitution.cancelled_at is None
    assert client.post(reverse("substitutes:cancel", args=[substitution.pk])).status_code == 302
    substitution.refresh_from_db()
    assert substitution.cancelled_at is not None and substitution.cancelled_by == head
    with pytest.raises(ServiceError, match="پیش‌تر"):
        substitution_cancel(actor=head, substitution=substitution)


def test_the_substitute_may_not_cancel_and_a_stranger_finds_nothing(
    login, expert, name_substitute, agency_officer
):
    substitution = name_substitute(expert)
    assert login(expert).post(reverse("substitutes:cancel", args=[substitution.pk])).status_code == 403
    assert login(agency_officer).get(reverse("substitutes:cancel", args=[substitution.pk])).status_code == 404
    substitution.refresh_from_db()
    assert substitution.cancelled_at is None


def test_the_list_shows_mine_and_those_i_stand_in_for(login, head, expert, agency_officer, name_substitute):
    name_substitute(expert)
    for person in (head, expert):
        body = login(person).get(reverse("substitutes:list")).content.decode()
        assert "مریم احمدی" in body and "علی رضایی" in body and "فعال" in body
    assert "مریم احمدی" not in login(agency_officer).get(reverse("substitutes:list")).content.decode()


def test_the_list_reads_a_constant_number_of_queries(
    login, head, province, management_unit, django_assert_max_num_queries
):
    client = login(head)

    def _name(n):
        for _ in range(n):
            other = UserFactory(organization=province, unit=management_unit, roles=[Role.ORG_EXPERT])
            start = today() + dt.timedelta(days=10 * Substitution.objects.count())
            substitution_name(actor=head, absent=head, substitute=other, starts_on=start, ends_on=start)

    _name(2)
    with django_assert_max_num_queries(12) as few:
        assert client.get(reverse("substitutes:list")).status_code == 200
    _name(12)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("substitutes:list")).status_code == 200


def test_the_api_names_lists_and_cancels(login, head, expert):
    client = login(head)
    response = client.post(
        "/api/substitutes/",
        {"substitute": expert.username, "starts_on": str(today()), "ends_on": str(today())},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    listed = client.get("/api/substitutes/").json()
    assert [row["id"] for row in listed["items"]] == [pk] and listed["items"][0]["status"] == "فعال"
    assert client.post(f"/api/substitutes/{pk}/cancel").json()["cancelled_at"] is not None
