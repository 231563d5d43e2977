"""The timetable rule: no two sessions share a hall or an instructor on overlapping days."""

import datetime as dt

from django.db import connection

from apps.core.digits import normalize_text, to_persian_digits
from apps.core.errors import ConflictError
from apps.core.jalali import format_date

from ..models import CourseSession, Mode

# Any fixed number: the key of PostgreSQL's advisory lock that puts the training group's timetable
# writes one after the other ("tkhs" in ASCII).
TIMETABLE_LOCK_KEY = 0x746B6873


def timetable_lock() -> None:
    """Two experts planning at once would each find the hall free and both take it: a row lock cannot
    guard a session that does not exist yet, so the check and the insert run one at a time under a
    transaction-scoped advisory lock. SQLite already runs one writing transaction at a time."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [TIMETABLE_LOCK_KEY])


def _same(a: str, b: str) -> bool:
    # "سالن  آموزش" and "سالن آموزش", Arabic and Persian yeh: the same hall or person, however typed.
    return " ".join(normalize_text(a).split()).casefold() == " ".join(normalize_text(b).split()).casefold()


def session_clash_find(
    *,
    starts_on: dt.date,
    ends_on: dt.date,
    place: str,
    mode: str,
    instructor: str,
    exclude_pk: int | None = None,
) -> tuple[str, CourseSession] | None:
    """The first live session taking the same instructor or hall on a day of [starts_on, ends_on], and
    which of the two it takes; days are whole, so a session ending the day before another starts is free.
    A virtual class takes no hall, so the hall is compared only when both sessions meet in one."""
    others = (
        CourseSession.objects.exclude(state=CourseSession.State.CANCELLED)
        .filter(starts_on__lte=ends_on, ends_on__gte=starts_on)
        .select_related("course")
        .order_by("starts_on", "pk")
    )
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    for other in others:
        if _same(other.instructor, instructor):
            return "instructor", other
        if Mode.VIRTUAL not in (mode, other.mode) and _same(other.place, place):
            return "place", other
    return None


def clash_message(kind: str, other: CourseSession) -> str:
    when = f"از {format_date(other.starts_on)} تا {format_date(other.ends_on)}"
    named = f"اجرای شماره {to_persian_digits(other.pk)} دوره «{other.course.title}»"
    if kind == "instructor":
        return f"مدرس «{other.instructor}» {when} در {named} تدریس می‌کند؛ روزهای دیگر یا مدرس دیگری برگزینید."
    return f"«{other.place}» {when} محل برگزاری {named} است؛ روزهای دیگر یا محل دیگری برگزینید."


def session_clash_check(**slot) -> None:
    """Refuses a slot that takes a hall or an instructor another session already has on those days."""
    found = session_clash_find(**slot)
    if found:
        raise ConflictError(clash_message(*found))
