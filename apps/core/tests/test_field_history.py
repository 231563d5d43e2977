"""Field history as a person reads it: labels, values in Persian and Jalali, who and when, on both databases."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.accounts.tests.factories import UserFactory
from apps.core.field_history import SYSTEM_NAME, field_history, recorded_as, update_record
from apps.core.jalali import format_date
from apps.core.models import Holiday, ImportJob, MaintenanceNotice


@pytest.fixture
def tracked():
    """Core's own models, tracked for the test only (the desk tracks service records; core imports none)."""
    models = (Holiday, ImportJob, MaintenanceNotice)
    for model in models:
        auditlog.register(model)
    yield
    for model in models:
        auditlog.unregister(model)


@pytest.fixture
def person(db):
    return UserFactory(first_name="مریم", last_name="کاظمی")


def test_it_records_the_person_and_shows_the_label_old_and_new_in_persian(tracked, person):
    holiday = Holiday.objects.create(date=dt.date(2026, 3, 21), title="نوروز 1405")
    with recorded_as(person):
        holiday.date = dt.date(2026, 3, 22)
        holiday.estimated = True
        holiday.title = "نوروز 1405، روز دوم"
        holiday.save()
    rows = {row.field: row for row in field_history(holiday)}
    assert rows["تاریخ"].old == "۱۴۰۵/۰۱/۰۱" and rows["تاریخ"].new == "۱۴۰۵/۰۱/۰۲"
    assert rows["برآوردی"].old == "خیر" and rows["برآوردی"].new == "بله"
    assert rows["مناسبت"].new == "نوروز ۱۴۰۵، روز دوم"
    assert {row.actor for row in rows.values()} == {"مریم کاظمی"}
    # When: today's Jalali date and the time, in Persian digits.
    assert rows["تاریخ"].when.startswith(format_date(timezone.localdate()) + " ")


def test_it_shows_choice_labels_numbers_and_empty_values_as_people_read_them(tracked, person):
    job = ImportJob.objects.create(spec_name="x", user_id=person.pk)
    with recorded_as(person):
        job.status = ImportJob.Status.DONE
        job.total = 12000
        job.message = "ردیف 3 تکراری است"
        job.save()
        job.message = ""
        job.save()
    rows = field_history(job)
    status = next(r for r in rows if r.field == "وضعیت")
    assert (status.old, status.new) == (
        ImportJob.Status.QUEUED.label,
        ImportJob.Status.DONE.label,
    )
    total = next(r for r in rows if r.field == "تعداد ردیف‌ها")
    assert (total.old, total.new) == ("۰", "۱۲٬۰۰۰")
    # Newest first: the message emptied, after it was written.
    messages = [r for r in rows if r.field == "پیام"]
    assert [(m.old, m.new) for m in messages] == [("ردیف ۳ تکراری است", "—"), ("—", "ردیف ۳ تکراری است")]


def test_a_moment_shows_as_its_jalali_date_and_time_in_tehran(tracked, person):
    notice = MaintenanceNotice.objects.create(message="نگهداری")
    with recorded_as(person):
        # 20:30 UTC on 21 March 2026 is 00:00 of 2 Farvardin 1405 in Tehran.
        notice.starts_at = dt.datetime(2026, 3, 21, 20, 30, tzinfo=dt.UTC)
        notice.save()
    (row,) = [r for r in field_history(notice) if r.field == "شروع"]
    assert (row.old, row.new) == ("—", "۱۴۰۵/۰۱/۰۲ ۰۰:۰۰")


def test_a_change_nobody_made_by_hand_reads_as_the_desk(tracked, db):
    holiday = Holiday.objects.create(date=dt.date(2026, 3, 21), title="نوروز")
    holiday.title = "عید نوروز"
    holiday.save()
    (row,) = field_history(holiday)
    assert row.actor == SYSTEM_NAME


def test_it_shows_only_the_records_asked_for_and_hides_what_it_is_told(tracked, person):
    mine = Holiday.objects.create(date=dt.date(2026, 3, 21), title="نوروز")
    theirs = Holiday.objects.create(date=dt.date(2026, 4, 1), title="روز جمهوری")
    with recorded_as(person):
        theirs.title = "روز جمهوری اسلامی"
        theirs.save()
        mine.title = "عید نوروز"
        mine.estimated = True
        mine.save()
    rows = field_history(mine, hide=["estimated"])
    assert [(r.field, r.new) for r in rows] == [("مناسبت", "عید نوروز")]


def test_several_records_are_named_and_the_pages_own_is_not(tracked, person):
    notice = MaintenanceNotice.objects.create(message="الف")
    holiday = Holiday.objects.create(date=dt.date(2026, 3, 21), title="نوروز")
    with recorded_as(person):
        notice.message = "ب"
        notice.save()
        holiday.title = "عید نوروز"
        holiday.save()
    rows = field_history(notice, Holiday.objects.all(), label=lambda h: h.title)
    assert {(r.record, r.field) for r in rows} == {("", "متن اعلان"), ("عید نوروز", "مناسبت")}


def test_a_change_made_with_update_is_recorded_through_the_api(tracked, person):
    jobs = [ImportJob.objects.create(spec_name="x", user_id=person.pk) for _ in range(2)]
    ImportJob.objects.filter(pk__in=[j.pk for j in jobs]).update(status=ImportJob.Status.FAILED)
    update_record(instances=jobs, field="status", new=ImportJob.Status.FAILED, actor=person)
    assert LogEntry.objects.count() == 2 + 2  # two creations, two recorded updates in one insert
    for job in jobs:
        (row,) = field_history(job)
        assert (row.field, row.old, row.new, row.actor) == (
            "وضعیت",
            ImportJob.Status.QUEUED.label,
            ImportJob.Status.FAILED.label,
            "مریم کاظمی",
        )


def test_the_number_of_queries_does_not_grow_with_the_changes(tracked, person):
    holiday = Holiday.objects.create(date=dt.date(2026, 3, 21), title="نوروز")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            field_history(holiday)
        return len(captured)

    with recorded_as(person):
        holiday.title = "۱"
        holiday.save()
    few = queries()
    with recorded_as(person):
        for n in range(20):
            holiday.title = f"عنوان {n}"
            holiday.estimated = not holiday.estimated
            holiday.save()
    assert queries() == few == 1


def test_the_partial_folds_the_rows_under_its_title(tracked, person):
    holiday = Holiday.objects.create(date=dt.date(2026, 3, 21), title="نوروز")
    with recorded_as(person):
        holiday.title = "عید نوروز"
        holiday.save()
    html = render_to_string("core/_field_history.html", {"rows": field_history(holiday)})
    assert "<details" in html and "تاریخچهٔ تغییرات" in html
    assert "مناسبت" in html and "نوروز" in html and "عید نوروز" in html and "مریم کاظمی" in html
    assert "تغییری در این پرونده ثبت نشده است" in render_to_string("core/_field_history.html", {"rows": []})


def test_recorded_as_gives_the_outer_person_back(tracked, person):
    other = UserFactory(first_name="رضا", last_name="نادری")
    holiday = Holiday.objects.create(date=dt.date(2026, 3, 21), title="نوروز")
    with recorded_as(person):
        with recorded_as(other):
            holiday.title = "یک"
            holiday.save()
        holiday.title = "دو"
        holiday.save()
    assert [r.actor for r in field_history(holiday)] == ["مریم کاظمی", "رضا نادری"]


def test_hidden_fields_show_only_when_reveal_says_so_and_it_is_asked_only_when_needed(tracked, person):
    holiday = Holiday.objects.create(date=dt.date(2026, 3, 21), title="نوروز")
    asked = []

    def reveal(answer):
        return lambda: asked.append(answer) or answer

    with recorded_as(person):
        holiday.title = "عید نوروز"
        holiday.save()
    assert [r.field for r in field_history(holiday, hide=["estimated"], reveal=reveal(False))] == ["مناسبت"]
    assert asked == []  # no change to a hidden field: nobody is asked
    with recorded_as(person):
        holiday.estimated = True
        holiday.save()
    assert [r.field for r in field_history(holiday, hide=["estimated"], reveal=reveal(False))] == ["مناسبت"]
    assert [r.field for r in field_history(holiday, hide=["estimated"], reveal=reveal(True))] == [
        "برآوردی",
        "مناسبت",
    ]
    assert asked == [False, True]
