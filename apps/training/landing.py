"""Service B's landing panel: the person's own courses, their requests' steps and their certificates."""

from django.db.models import Count, Q
from django.urls import reverse

from apps.accounts.permissions import OWN, may_at_all, scopes_for, visible
from apps.core import landing
from apps.core.jalali import format_date as _j

from .models import Learner
from .permissions import LEARNER, LEARNER_CERTIFICATE

LIST_LENGTH = 6


def my_training(user) -> landing.Panel | None:
    """The courses that list the person (by their national ID), newest first, with each request's step and
    the certificate once it may be downloaded: for whoever the table lets read their own learner rows."""
    code = getattr(user, "national_id", None)
    if not code or not may_at_all(user, LEARNER, "view"):
        return None
    mine = visible(Learner.objects.filter(national_id=code), user, kind_name=LEARNER)
    counts = mine.order_by().aggregate(courses=Count("id"), passed=Count("id", filter=Q(passed=True)))
    if not counts["courses"] and OWN not in scopes_for(user, LEARNER, "view"):
        # Staff who read others' training rows and attended no course themselves: nothing of theirs to show.
        return None
    rows = list(
        mine.select_related("request__course", "request__session", "request__case").order_by("-pk")[
            :LIST_LENGTH
        ]
    )
    released = set(
        visible(
            Learner.objects.filter(pk__in=[r.pk for r in rows]),
            user,
            "download",
            kind_name=LEARNER_CERTIFICATE,
        )
        .filter(certificate__isnull=False)
        .values_list("pk", flat=True)
    )
    items = []
    for learner in rows:
        session = learner.request.session
        when = (
            f"از {_j(session.starts_on)} تا {_j(session.ends_on)}"
            if session
            else "زمان برگزاری هنوز اعلام نشده"
        )
        items.append(
            landing.Item(
                label=learner.request.course.title,
                url=reverse("training:learner_certificate", args=[learner.pk])
                if learner.pk in released
                else "",
                detail=f"{when} — {learner.request.case.state_label}",
                badge="گواهی‌نامه" if learner.pk in released else ("قبول" if learner.passed else ""),
            )
        )
    panel = landing.Panel(
        title="آموزش من",
        figures=[
            ("دوره", counts["courses"]),
            ("قبول‌شده", counts["passed"]),
            ("گواهی‌نامه آماده", len(released)),
        ],
        items=items,
        empty="هنوز در دوره‌ای ثبت‌نام نشده‌اید.",
        more_url=reverse("training:history") + f"?national_id={code}",
        more_label="شناسنامه آموزشی من",
    )
    first = next((r for r in rows if r.pk in released), None)
    if first is not None:
        panel.next_label = f"دریافت گواهی‌نامه «{first.request.course.title}»"
        panel.next_url = reverse("training:learner_certificate", args=[first.pk])
    else:
        panel.next_label = "دیدن دوره‌های پیش رو در تقویم آموزشی"
        panel.next_url = reverse("training:calendar")
    return panel
