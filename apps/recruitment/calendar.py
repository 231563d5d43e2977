"""Service A's events for the desk's calendars (apps.calendars): each round's exam day and the due date of
its current stage, and the exam venues, read through the permission table (the agencies see their rounds,
the exam's side sees the venues, a supervisor only the venues they are nominated for)."""

from django.db.models import Q
from django.urls import reverse

from apps.accounts.permissions import visible
from apps.calendars.registry import Event, register_source

from .models import Round, Venue
from .permissions import ROUND, VENUE, own_supervisor


def round_events(user, start, end) -> list[Event]:
    rounds = (
        visible(
            Round.objects.filter(Q(exam_date__range=(start, end)) | Q(case__due_date__range=(start, end))),
            user,
            kind_name=ROUND,
        )
        .select_related("case")
        .order_by("pk")
    )
    venues = visible(
        Venue.objects.filter(round__exam_date__range=(start, end)), user, kind_name=VENUE
    ).select_related("round")
    supervising = set(
        venues.filter(own_supervisor(user, "nominations__supervisor")).values_list("pk", flat=True)
    )
    events = []
    for round_ in rounds:
        url = reverse("recruitment:round_detail", args=[round_.pk])
        if round_.exam_date and start <= round_.exam_date <= end:
            events.append(
                Event(
                    uid=f"recruitment.exam.{round_.pk}",
                    title=f"آزمون «{round_.title}»",
                    starts_on=round_.exam_date,
                    ends_on=round_.exam_date,
                    url=url,
                    detail=f"دوره جذب {round_.code}",
                )
            )
        if round_.stage_due and start <= round_.stage_due <= end and round_.stage != Round.Stage.CLOSED:
            events.append(
                Event(
                    uid=f"recruitment.stage.{round_.pk}.{round_.stage}",
                    title=f"مهلت «{round_.get_stage_display()}» — {round_.title}",
                    starts_on=round_.stage_due,
                    ends_on=round_.stage_due,
                    url=url,
                )
            )
    for venue in venues.order_by("round__exam_date", "pk"):
        events.append(
            Event(
                uid=f"recruitment.venue.{venue.pk}",
                title=f"حوزه آزمون «{venue.name}» — {venue.round.title}",
                starts_on=venue.round.exam_date,
                ends_on=venue.round.exam_date,
                url=reverse("recruitment:venue_detail", args=[venue.pk]),
                place=venue.address,
                mine=venue.pk in supervising,
            )
        )
    return events


register_source("recruitment", "آزمون‌ها و دوره‌های جذب", round_events, kinds=(ROUND, VENUE))
