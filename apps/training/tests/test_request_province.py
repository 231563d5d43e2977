"""A training request keeps its requesting organization's province in its own column, which the request kind's
province scope and the list's province filter read (a province's newest requests then come from
`training_request_province_idx`, not from a walk down every province's newer ones)."""

import importlib
from types import SimpleNamespace

from django.apps import apps as django_apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.permissions import visible
from apps.accounts.roles import OrgKind, Role
from apps.accounts.tests.factories import OrganizationFactory, ProvinceFactory, UserFactory
from apps.training.models import Course, TrainingRequest
from apps.training.permissions import REQUEST
from apps.training.selectors import request_list_for_user

COLUMN = '"training_trainingrequest"."province_id"'


def _ilam(course):
    """A second province with an agency's officer and a course of its own calendar to request."""
    ilam = ProvinceFactory(code="ilam", name="ایلام", tracking_prefix="12")
    OrganizationFactory(kind=OrgKind.PROVINCE, code="P-ilam", province=ilam)
    agency = OrganizationFactory(code="ILM101", name="استانداری ایلام", province=ilam)
    officer = UserFactory(organization=agency, roles=[Role.AGENCY_OFFICER], username="officer-ilam")
    theirs = Course.objects.create(
        province=ilam,
        year=course.year,
        title=course.title,
        category=course.category,
        syllabus=course.syllabus,
        hours=course.hours,
        tuition=course.tuition,
        planned_month=course.planned_month,
        mode=course.mode,
        venue=course.venue,
        capacity=course.capacity,
    )
    return ilam, officer, theirs


def _request(case) -> TrainingRequest:
    return TrainingRequest.objects.get(case=case)


def test_a_filed_request_carries_its_organizations_province(file_request, agency_officer, course):
    ilam, ilam_officer, ilam_course = _ilam(course)
    here = _request(file_request(agency_officer))
    there = _request(file_request(ilam_officer, start=20, on=ilam_course))

    assert here.province_id == agency_officer.organization.province_id is not None
    assert there.province == ilam


def test_the_province_scope_reads_the_requests_own_province_and_not_its_organizations(
    file_request, agency_officer, course, training_expert
):
    request = _request(file_request(agency_officer))
    province_id = training_expert.organization.province_id
    rows = visible(TrainingRequest.objects.all(), training_expert, kind_name=REQUEST)
    listed = request_list_for_user(user=training_expert)
    assert list(rows) == [request]
    assert list(listed.values_list("pk", flat=True)) == [request.pk]
    # The filter is on the request table itself, which the province's index answers newest first; the
    # organization is not joined to find the province.
    assert f"{COLUMN} = {province_id}" in str(rows.query)
    assert "accounts_organization" not in str(rows.query)
    assert f"{COLUMN} = {province_id}" in str(listed.query)

    ilam, _officer, _course = _ilam(course)
    TrainingRequest.objects.filter(pk=request.pk).update(province=ilam)
    assert not rows.all().exists()  # a fresh query: `rows` keeps the rows it read above
    assert not listed.exists()
    # The agency's own scope still reads the organization: its officer keeps seeing it.
    assert request_list_for_user(user=agency_officer).filter(pk=request.pk).exists()


def test_the_lists_province_filter_reads_the_requests_own_province(
    file_request, agency_officer, course, training_expert
):
    request = _request(file_request(agency_officer))
    province_id = training_expert.organization.province_id
    ilam, _officer, _course = _ilam(course)

    only = request_list_for_user(user=training_expert, filters={"province": str(province_id)})
    assert list(only.values_list("pk", flat=True)) == [request.pk]
    assert str(only.query).count(f"{COLUMN} = {province_id}") == 2  # the scope's and the filter's
    assert not request_list_for_user(user=training_expert, filters={"province": str(ilam.pk)}).exists()


def test_the_data_migration_fills_every_requests_province_from_its_organization_in_batches(
    file_request, agency_officer, course, monkeypatch
):
    ilam, ilam_officer, ilam_course = _ilam(course)
    filed = [
        _request(file_request(officer, start=n * 10, count=2, on=on))
        for n, (officer, on) in enumerate(
            [
                (agency_officer, course),
                (ilam_officer, ilam_course),
                (agency_officer, course),
                (ilam_officer, ilam_course),
                (ilam_officer, ilam_course),
            ]
        )
    ]
    TrainingRequest.objects.update(province=None)
    fill = importlib.import_module("apps.training.migrations.0007_request_province_fill")
    monkeypatch.setattr(fill, "BATCH", 2)

    with CaptureQueriesContext(connection) as captured:
        fill.fill(django_apps, SimpleNamespace(connection=connection))

    provinces = []
    for request in filed:
        request.refresh_from_db()
        assert request.province_id == request.organization.province_id is not None
        provinces.append(request.province_id)
    assert provinces.count(ilam.pk) == 3
    updates = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("UPDATE")]
    assert len(updates) == 3  # five requests, two ids a batch
