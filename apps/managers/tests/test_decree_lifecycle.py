"""The decree's lifecycle (`managers.decree`): its page's buttons are its declared actions, and the desk ends
a decree whose four years have passed, through the workflow core, in the trail as the desk's."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse

from apps.audit.models import AuditEntry
from apps.audit.trail import SYSTEM_LABEL
from apps.core.errors import ServiceError
from apps.core.jalali import format_date, parse_jalali_date, today
from apps.managers.models import Decree
from apps.managers.rules import SIX_MONTHS, add_months, decree_valid_until
from apps.managers.services import decrees as decree_services
from apps.managers.tasks import decrees_expire_task
from apps.workflow.history import describe
from apps.workflow.services import record_perform

pytestmark = pytest.mark.django_db

BUTTON = re.compile(
    r'<button class="btn btn-sm btn-([\w-]+)" name="action" value="(\w+)"[^>]*>([^<]+)</button>'
)
REPLACE = ("warning", "replace", "تغییر در شش ماه نخست و اعلام کتبی به شورا")


def _decree(drive) -> Decree:
    return Decree.objects.get(nomination__case=drive("appointed"))


def _buttons(client, decree) -> list[tuple[str, str, str]]:
    page = client.get(reverse("managers:decree_detail", args=[decree.pk])).content.decode()
    return BUTTON.findall(page)


def test_the_superior_sees_the_replacement_only_within_six_months(login, drive, head):
    decree = _decree(drive)
    client = login(head)
    assert _buttons(client, decree) == [REPLACE]
    page = client.get(reverse("managers:decree_detail", args=[decree.pk])).content.decode()
    assert 'data-confirm="مدیر تغییر کند و به شورا اعلام شود؟ این اقدام بازگشت‌پذیر نیست."' in page
    Decree.objects.filter(pk=decree.pk).update(
        issued_on=add_months(today(), -SIX_MONTHS) - dt.timedelta(days=1)
    )
    assert _buttons(client, decree) == []


def test_the_councils_change_and_the_desks_end_are_never_buttons(login, drive, head, hr, secretary):
    decree = _decree(drive)
    decree_services.evaluation_record(actor=hr, decree=decree, year=1405, score=Decimal("48"))
    decree_services.change_propose(
        actor=head, decree=decree, proposal="با توجه به امتیاز پایین، تغییر پیشنهاد می‌شود."
    )
    # The proposal is before the council: ending the decree is its approval there, not the superior's.
    assert _buttons(login(head), decree) == [REPLACE]
    assert _buttons(login(secretary), decree) == []
    Decree.objects.filter(pk=decree.pk).update(valid_until=today() - dt.timedelta(days=1))
    assert _buttons(login(head), decree) == [REPLACE]
    with pytest.raises(ServiceError, match="سامانه"):
        record_perform(Decree.objects.get(pk=decree.pk), "expire", actor=head)
    assert Decree.objects.get(pk=decree.pk).status == Decree.Status.ACTIVE


# Clause 9's four years are Jalali ones, their last day included: a decree of 1401/01/01 holds until
# 1405/01/01; one of 30 Esfand 1403 (a leap year) until 29 Esfand 1407, the last day of that common year.
@pytest.mark.parametrize(
    ("issued", "last_day", "on", "expired"),
    [
        ("1401/01/01", "1405/01/01", "1404/12/29", False),
        ("1401/01/01", "1405/01/01", "1405/01/01", False),
        ("1401/01/01", "1405/01/01", "1405/01/02", True),
        ("1403/12/30", "1407/12/29", "1407/12/29", False),
        ("1403/12/30", "1407/12/29", "1408/01/01", True),
    ],
)
def test_the_desk_ends_a_decree_the_day_after_its_four_years(
    drive, monkeypatch, issued, last_day, on, expired
):
    decree = _decree(drive)
    issued_on = parse_jalali_date(issued)
    valid_until = decree_valid_until(issued_on)
    assert format_date(valid_until, persian_digits=False) == last_day
    Decree.objects.filter(pk=decree.pk).update(issued_on=issued_on, valid_until=valid_until)
    monkeypatch.setattr(decree_services, "today", lambda: parse_jalali_date(on))

    assert decrees_expire_task() == ([decree.pk] if expired else [])

    decree = Decree.objects.select_related("case").get(pk=decree.pk)
    if not expired:
        assert (decree.status, decree.case.state, decree.ended_on) == ("active", "active", None)
        assert not AuditEntry.objects.filter(action="managers.decree.expired").exists()
        return
    assert (decree.status, decree.case.state, decree.case.is_closed) == ("expired", "expired", True)
    assert decree.ended_on == valid_until and not decree.allowance_eligible
    entry = AuditEntry.objects.get(case=decree.case, action="managers.decree.expired")
    assert (entry.actor_id, entry.from_state, entry.to_state) == (None, "active", "expired")
    line = describe(entry)
    assert line.who == SYSTEM_LABEL
    assert line.did == (
        "اقدام «پایان اعتبار چهارساله حکم» را انجام داد و پرونده از مرحلهٔ «معتبر» به مرحلهٔ «پایان اعتبار» رفت"
    )
    assert line.reason == f"اعتبار چهارساله حکم در {format_date(valid_until)} پایان یافت."
    # Ended once: the next day's run finds nothing to end.
    assert decrees_expire_task() == []


def test_a_decree_ended_by_hand_is_left_to_its_end(drive, head, monkeypatch):
    decree = _decree(drive)
    decree_services.decree_replace_in_probation(
        actor=head, decree=decree, notice="فرد منتخب از عهده وظایف برنمی‌آید."
    )
    monkeypatch.setattr(decree_services, "today", lambda: decree.valid_until + dt.timedelta(days=1))
    assert decrees_expire_task() == []
    assert Decree.objects.get(pk=decree.pk).status == Decree.Status.REPLACED


def test_the_end_of_expired_decrees_runs_daily_from_beat():
    tasks = {entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert tasks["apps.managers.tasks.decrees_expire_task"] == 86400.0
