"""What service B tells the other services through core's providers, and its dashboard's figures."""

import pytest

from apps.core import providers
from apps.core.dashboards import entry
from apps.core.jalali import to_jalali
from apps.training.dashboard import build

pytestmark = pytest.mark.django_db


def test_management_courses_lists_the_passed_management_course(certified_request):
    learner = certified_request.learners.exclude(certificate=None).order_by("pk").first()

    courses = providers.ask("training.management_courses", learner.national_id, default=[])

    assert courses == [
        {
            "title": certified_request.course.title,
            "hours": 20,
            "finished_on": certified_request.session.ends_on,
            "certificate_code": learner.certificate.verification_code,
            "url": courses[0]["url"],
        }
    ]
    assert courses[0]["url"].endswith(f"/verify/{learner.certificate.verification_code}/")


def test_a_failed_learner_has_no_management_course(certified_request):
    failed = certified_request.learners.filter(passed=False).first()
    assert providers.ask("training.management_courses", failed.national_id, default=None) == []


def test_hours_per_employee_divides_certified_hours_by_certified_people(certified_request, other_agency):
    year = to_jalali(certified_request.session.ends_on).year
    organization = certified_request.organization_id

    hours = providers.ask("training.hours_per_employee", year, [organization, other_agency.pk], default={})

    assert hours == {organization: 20.0}
    assert providers.ask("training.hours_per_employee", year - 1, [organization], default={}) == {}


def test_the_dashboard_is_registered_and_scoped(certified_request, training_expert, other_officer):
    assert entry("training").build is build
    figures = dict(build(user=training_expert).figures)
    assert figures["شرکت‌کنندگان"] == 20 and figures["نرخ قبولی (درصد)"] == 10.0
    assert dict(build(user=other_officer).figures)["شرکت‌کنندگان"] == 0
