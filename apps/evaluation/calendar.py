"""Service D's events and timeline for the desk's calendars (apps.calendars): each cycle's phases, its
deadlines and its briefing sessions, read through the permission table (the cycle as announced is read by
every evaluation party; nobody else sees it)."""

from django.urls import reverse

from apps.accounts.permissions import visible
from apps.calendars.registry import Event, Phase, Timeline, register_source, register_timeline
from apps.core.jalali import today

from .models import Cycle, CyclePhaseDate, OrientationSession

CYCLE, SESSION = "evaluation.cycle", "evaluation.session"
# The cycles a timeline page shows: the current one and the one before are what people follow.
TIMELINE_CYCLES = 3


def cycle_events(user, start, end) -> list[Event]:
    cycles = visible(Cycle.objects.all(), user, kind_name=CYCLE)
    phases = (
        CyclePhaseDate.objects.filter(cycle__in=cycles, starts_on__lte=end, ends_on__gte=start)
        .select_related("cycle")
        .order_by("starts_on", "pk")
    )
    events = [
        Event(
            uid=f"evaluation.phase.{phase.pk}",
            title=f"{phase.title} — {phase.cycle.title}",
            starts_on=phase.starts_on,
            ends_on=phase.ends_on,
            url=reverse("evaluation:cycle_detail", args=[phase.cycle_id]),
        )
        for phase in phases
    ]
    for cycle in cycles.filter(self_assessment_deadline__range=(start, end)).order_by("pk"):
        events.append(
            Event(
                uid=f"evaluation.self_assessment.{cycle.pk}",
                title=f"مهلت خودارزیابی — {cycle.title}",
                starts_on=cycle.self_assessment_deadline,
                ends_on=cycle.self_assessment_deadline,
                url=reverse("evaluation:cycle_detail", args=[cycle.pk]),
            )
        )
    for cycle in cycles.filter(objection_deadline__range=(start, end)).order_by("pk"):
        events.append(
            Event(
                uid=f"evaluation.objection.{cycle.pk}",
                title=f"پایان مهلت اعتراض — {cycle.title}",
                starts_on=cycle.objection_deadline,
                ends_on=cycle.objection_deadline,
                url=reverse("evaluation:cycle_detail", args=[cycle.pk]),
            )
        )
    sessions = visible(
        OrientationSession.objects.filter(held_on__range=(start, end)), user, kind_name=SESSION
    ).order_by("held_on", "pk")
    for session in sessions:
        events.append(
            Event(
                uid=f"evaluation.session.{session.pk}",
                title=f"آموزش توجیهی «{session.title}»",
                starts_on=session.held_on,
                ends_on=session.held_on,
                url=reverse("evaluation:session_detail", args=[session.pk]),
                place=session.place,
            )
        )
    return events


def cycle_timelines(user) -> list[Timeline]:
    """The latest cycles the person may see, each with its calendar's phases in order."""
    cycles = list(visible(Cycle.objects.all(), user, kind_name=CYCLE).order_by("-year")[:TIMELINE_CYCLES])
    by_cycle: dict[int, list[Phase]] = {c.pk: [] for c in cycles}
    day = today()
    for phase in CyclePhaseDate.objects.filter(cycle__in=[c.pk for c in cycles]).order_by("starts_on", "pk"):
        by_cycle[phase.cycle_id].append(
            Phase(
                phase.title, phase.starts_on, phase.ends_on, current=phase.starts_on <= day <= phase.ends_on
            )
        )
    return [
        Timeline(
            title=cycle.title,
            url=reverse("evaluation:cycle_detail", args=[cycle.pk]),
            phases=tuple(by_cycle[cycle.pk]),
        )
        for cycle in cycles
    ]


register_source("evaluation", "ارزیابی عملکرد", cycle_events, kinds=(CYCLE, SESSION))
register_timeline("evaluation", "گاه‌شمار دوره‌های ارزیابی", cycle_timelines, kinds=(CYCLE,))
