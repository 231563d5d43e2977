"""No two sessions share a hall or an instructor on overlapping days (issue 21)."""

import datetime as dt

import pytest

from apps.core.errors import ConflictError, ServiceError
from apps.core.jalali import format_date, today
from apps.core.workdays import WorkCalendar
from apps.training.models import CourseSession, Mode
from apps.training.services import sessions as session_services

from .conftest import plan

pytestmark = pytest.mark.django_db

ONE_DAY = dt.timedelta(days=1)


def three_working_days() -> dt.date:
    """A day that starts three working days in a row, so every slot below is a valid run."""
    calendar, day = WorkCalendar(), today() + dt.timedelta(days=7)
    while not all(calendar.is_working_day(day + n * ONE_DAY) for n in range(3)):
        day += ONE_DAY
    return day


@pytest.fixture
def first(gathered, course, training_expert, agency_officer):
    """A session on days d and d+1 in «سالن آموزش» with «دکتر کاظمی»."""
    day = three_working_days()
    return plan(
        training_expert, course, [gathered(agency_officer, count=20)], starts_on=day, ends_on=day + ONE_DAY
    )


def _second(gathered, course, expert, officer, start=100, **slot):
    return plan(expert, course, [gathered(officer, start=start, count=20)], **slot)


def test_a_session_starting_the_day_after_another_ends_may_take_its_hall_and_instructor(
    first, gathered, course, training_expert, other_officer
):
    day = first.ends_on + ONE_DAY
    second = _second(gathered, course, training_expert, other_officer, starts_on=day, ends_on=day)
    assert second.place == first.place and second.instructor == first.instructor


@pytest.mark.parametrize(
    ("slot", "named"),
    [
        ({"place": "کلاس دیگر"}, "مدرس «دکتر کاظمی»"),
        ({"instructor": "مهندس رحیمی"}, "«سالن آموزش»"),
        # The hall typed with an Arabic yeh and a double space is still the same hall.
        ({"instructor": "مهندس رحیمی", "place": "سالن  آموزش".replace("ی", "ي")}, "«سالن آموزش»"),
    ],
)
def test_a_one_day_overlap_in_the_same_hall_or_with_the_same_instructor_is_refused(
    first, gathered, course, training_expert, other_officer, slot, named
):
    day = first.ends_on  # the first session's last day
    with pytest.raises(ServiceError) as refused:
        _second(
            gathered, course, training_expert, other_officer, starts_on=day, ends_on=day + ONE_DAY, **slot
        )

    message = refused.value.message
    assert isinstance(refused.value, ConflictError)
    assert named in message
    number = str(first.pk).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert f"اجرای شماره {number} دوره «{course.title}»" in message
    assert f"از {format_date(first.starts_on)} تا {format_date(first.ends_on)}" in message
    assert format_date(first.starts_on)[0] in "۰۱۲۳۴۵۶۷۸۹"  # Jalali, in Persian digits
    assert CourseSession.objects.count() == 1


def test_a_virtual_class_takes_no_hall_but_still_takes_its_instructor(
    first, gathered, course, training_expert, other_officer
):
    slot = {"starts_on": first.starts_on, "ends_on": first.ends_on, "mode": Mode.VIRTUAL}
    with pytest.raises(ServiceError, match="مدرس «دکتر کاظمی»"):
        _second(gathered, course, training_expert, other_officer, **slot)
    other = _second(
        gathered, course, training_expert, other_officer, start=200, instructor="مهندس رحیمی", **slot
    )
    assert other.place == first.place


def test_a_cancelled_session_frees_its_hall_and_instructor(
    first, gathered, course, training_expert, other_officer
):
    session_services.session_cancel(session=first, actor=training_expert, reason="مدرس بیمار است.")
    second = _second(
        gathered, course, training_expert, other_officer, starts_on=first.starts_on, ends_on=first.ends_on
    )
    assert second.state == CourseSession.State.SCHEDULED
