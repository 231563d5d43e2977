"""Service B's events for the desk's calendars (apps.calendars): course sessions with their halls and
instructors, read through the permission table (the training group sees all, an agency its own, an
employee the sessions that list them)."""

from apps.accounts.permissions import kind, visible
from apps.calendars.registry import Event, register_source, url_maker
from apps.core.digits import normalize_text

from .models import CourseSession, Mode
from .permissions import SESSION


def _key(text: str) -> str:
    # The same hall or person however typed (spaces, Arabic yeh), as the planning's clash rule compares.
    return " ".join(normalize_text(text or "").split()).casefold()


def session_events(user, start, end) -> list[Event]:
    """The sessions the person may see that run on a day of [start, end]; theirs are those they attend
    (a learner with their national ID), teach (the instructor by their name) or planned themselves."""
    sessions = visible(
        CourseSession.objects.exclude(state=CourseSession.State.CANCELLED).filter(
            starts_on__lte=end, ends_on__gte=start
        ),
        user,
        kind_name=SESSION,
    )
    attending = set(sessions.filter(kind(SESSION).own(user)).values_list("pk", flat=True))
    name = _key(user.get_full_name())
    url = url_maker("training:session_detail")
    modes, states = dict(Mode.choices), dict(CourseSession.State.choices)
    events = []
    # The columns shown, not the rows: a province's training group reads every session of the month, for
    # the clashes.
    rows = sessions.order_by("starts_on", "pk").values(
        "pk", "course__title", "starts_on", "ends_on", "place", "instructor", "mode", "state", "created_by_id"
    )
    for session in rows:
        instructor = _key(session["instructor"])
        holds = [f"instructor:{instructor}"]
        if session["mode"] != Mode.VIRTUAL:  # a virtual class takes no hall
            holds.append(f"hall:{_key(session['place'])}")
        events.append(
            Event(
                uid=f"training.session.{session['pk']}",
                title=f"دوره «{session['course__title']}»",
                starts_on=session["starts_on"],
                ends_on=session["ends_on"],
                url=url(session["pk"]),
                place=session["place"],
                people=session["instructor"],
                detail=f"{modes.get(session['mode'], session['mode'])} — {states.get(session['state'], session['state'])}",
                mine=(
                    session["pk"] in attending
                    or (bool(name) and instructor == name)
                    or session["created_by_id"] == user.pk
                ),
                holds=tuple(holds),
            )
        )
    return events


register_source("training", "دوره‌های آموزشی", session_events, kinds=(SESSION,))
