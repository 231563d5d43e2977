"""The cartable panel of expiring decrees: who sees which decree, the window's edge, a constant query count."""

import datetime as dt

import pytest
from django.urls import reverse

from apps.core.jalali import format_date, today
from apps.managers.models import Decree
from apps.managers.panels import PANEL_KEY, PANEL_SIZE
from apps.managers.rules import EXPIRY_WARNING_DAYS
from apps.managers.services import decrees as decree_services
from apps.managers.services import nominations as nomination_services

pytestmark = pytest.mark.django_db

PANEL = f'data-testid="cartable-panel-{PANEL_KEY}"'


def _cartable(client) -> str:
    response = client.get(reverse("workflow:cartable"))
    assert response.status_code == 200
    return response.content.decode()


def _expiring_copies(decree: Decree, head, count: int) -> None:
    """More active decrees of the same agency ending inside the window, each with a nomination of its own."""
    for n in range(count):
        case = nomination_services.nomination_open(actor=head, post=decree.post, proposer_position="مدیرکل")
        Decree.objects.create(
            organization=decree.organization,
            nomination=case.nomination,
            profile=decree.profile,
            post=decree.post,
            issued_on=decree.issued_on,
            valid_until=today() + dt.timedelta(days=n),
            minutes_number=decree.minutes_number,
            minutes_date=decree.minutes_date,
            final_score=decree.final_score,
        )


def test_the_superior_sees_a_decree_entering_the_window_and_another_agency_does_not(
    login, drive, head, other_head, org_expert
):
    decree = Decree.objects.get(nomination__case=drive("appointed"))
    assert PANEL not in _cartable(login(head))

    Decree.objects.filter(pk=decree.pk).update(
        valid_until=today() + dt.timedelta(days=EXPIRY_WARNING_DAYS + 1)
    )
    assert PANEL not in _cartable(login(head))

    ends = today() + dt.timedelta(days=EXPIRY_WARNING_DAYS)
    Decree.objects.filter(pk=decree.pk).update(valid_until=ends)
    body = _cartable(login(head))
    assert PANEL in body and "احکام رو به پایان" in body
    assert reverse("managers:decree_detail", args=[decree.pk]) in body
    assert decree.profile.full_name in body and format_date(ends) in body

    body = _cartable(login(other_head))
    assert PANEL not in body and decree.profile.full_name not in body

    body = _cartable(login(org_expert))
    assert PANEL in body and decree.organization.name in body


def test_an_ended_decree_leaves_the_panel(login, drive, head):
    decree = Decree.objects.get(nomination__case=drive("appointed"))
    Decree.objects.filter(pk=decree.pk).update(valid_until=today())
    # Ended as the desk ends one: its lifecycle's field is the workflow core's to write.
    decree_services.decree_replace_in_probation(
        actor=head, decree=decree, notice="فرد منتخب از عهده وظایف برنمی‌آید."
    )
    assert PANEL not in _cartable(login(head))


def test_the_cartable_keeps_a_constant_number_of_queries(login, drive, head, django_assert_max_num_queries):
    decree = Decree.objects.get(nomination__case=drive("appointed"))
    Decree.objects.filter(pk=decree.pk).update(valid_until=today())
    _expiring_copies(decree, head, 1)
    client = login(head)
    with django_assert_max_num_queries(20) as two:
        body = _cartable(client)
    assert body.count("پایان اعتبار حکم") == 2

    _expiring_copies(decree, head, 10)
    with django_assert_max_num_queries(len(two.captured_queries)):
        body = _cartable(client)
    assert body.count("پایان اعتبار حکم") == PANEL_SIZE
