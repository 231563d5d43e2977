"""Facts service B offers the other services through `apps.core.providers` (shapes documented there)."""

import datetime as dt
from collections import defaultdict

import jdatetime

from apps.documents.services import verify_url

from .models import Category, Learner


def jalali_year_bounds(year: int) -> tuple[dt.date, dt.date]:
    start = jdatetime.date(year, 1, 1).togregorian()
    return start, jdatetime.date(year + 1, 1, 1).togregorian() - dt.timedelta(days=1)


def _certified():
    return Learner.objects.filter(
        passed=True, certificate__isnull=False, certificate__revoked_at__isnull=True
    )


def management_courses(national_id: str) -> list[dict]:
    """Management-improvement courses the person passed, newest first (service C's condition (b))."""
    rows = (
        _certified()
        .filter(national_id=national_id, request__course__category=Category.MANAGEMENT)
        .select_related("request__course", "request__session", "certificate")
        .order_by("-request__session__ends_on", "-pk")
    )
    return [
        {
            "title": learner.request.course.title,
            "hours": learner.request.course.hours,
            "finished_on": learner.request.session.ends_on,
            "certificate_code": learner.certificate.verification_code,
            "url": verify_url(learner.certificate.verification_code),
        }
        for learner in rows
    ]


def hours_per_employee(year: int, organization_ids) -> dict[int, float]:
    """Certified hours in a Jalali year divided by the agency's certified people (service D's index).

    An agency with no certificate that year is absent from the answer rather than reported as zero.
    """
    start, end = jalali_year_bounds(year)
    rows = (
        _certified()
        .filter(organization_id__in=list(organization_ids), request__session__ends_on__range=(start, end))
        .values_list("organization_id", "national_id", "request__course__hours")
    )
    hours, people = defaultdict(float), defaultdict(set)
    for organization_id, national_id, course_hours in rows:
        hours[organization_id] += course_hours
        people[organization_id].add(national_id)
    return {org: round(hours[org] / len(people[org]), 2) for org in hours}
