"""What the search box finds of the workflow core: every service's cases, by tracking code and title."""

from django.db.models.functions import Coalesce
from django.urls import reverse

from apps.core.digits import to_persian_digits
from apps.search.registry import Found, Source, register

from .process import record_processes


def _read(case) -> Found:
    return Found(
        title=case.title,
        url=reverse("workflow:case_detail", kwargs={"tracking_code": case.tracking_code}),
        detail=f"{to_persian_digits(case.tracking_code)} — {case.process_def.label} — {case.owner.name}",
        words=(case.tracking_code, case.process_def.label),
    )


def _cases_of_requests(cases):
    # A record's own case (a session's, a decree's) is found through its record's page, as on the case list.
    return cases.exclude(process__in=[p.name for p in record_processes()])


# Every service's case kinds decide together, as on the list of all cases (`kind` left empty).
register(
    Source(
        name="case",
        label="پرونده‌ها",
        model="workflow.Case",
        read=_read,
        # Its last step: the filing and every move set it, nothing else does. A case written around the core
        # (an import) may have only its filing.
        changed=Coalesce("step_started_at", "created_at"),
        related=("owner",),
        order=10,
        rows=_cases_of_requests,
        agency="owner",
        province="province",
    )
)
