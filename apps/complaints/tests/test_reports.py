"""The reports area, the service-level dashboard, satisfaction and availability pages."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.accounts.roles import Role
from apps.accounts.tests.factories import UserFactory
from apps.audit.models import AuditEntry
from apps.complaints.models import HealthSample, SatisfactionResponse
from apps.complaints.rules import UPTIME_WINDOWS_DAYS
from apps.complaints.services import health_sample_record, satisfaction_record
from apps.core.errors import ServiceError
from apps.core.jalali import format_date, today
from apps.core.models import MaintenanceNotice

pytestmark = pytest.mark.django_db


@pytest.fixture
def head(province):
    return UserFactory(organization=province, roles=[Role.ORG_HEAD], username="head")


def test_the_head_sees_every_dashboard_of_the_province(login, head, file_complaint, other_officer):
    file_complaint()
    file_complaint(actor=other_officer)
    response = login(head).get(reverse("complaints:reports"))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="dashboard-complaints"' in body and "canvas data-chart" in body
    assert "chart.umd.min.js" in body
    assert '<div class="fs-5">۲</div>' in body


def test_an_agency_user_sees_only_its_own_agency(login, file_complaint, agency_officer, other_officer):
    file_complaint(actor=other_officer)
    client = login(agency_officer)
    body = client.get(
        reverse("complaints:reports"), {"organization": other_officer.organization_id}
    ).content.decode()
    assert other_officer.organization.name not in body
    assert '<div class="fs-5">۰</div>' in body


def test_reports_export_to_xlsx_and_pdf(login, head, file_complaint):
    file_complaint()
    client = login(head)
    xlsx = client.get(reverse("complaints:reports"), {"format": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    pdf = client.get(reverse("complaints:reports"), {"format": "pdf", "start": "۱۴۰۵/۰۱/۰۱"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_a_wrong_date_range_gets_a_persian_error(login, head):
    body = (
        login(head)
        .get(reverse("complaints:reports"), {"start": "1405/09/10", "end": "1405/09/01"})
        .content.decode()
    )
    assert "تاریخ شروع باید پیش از تاریخ پایان باشد." in body
    assert (
        "چنین روزی"
        in login(head).get(reverse("complaints:reports"), {"start": "1405/13/40"}).content.decode()
    )


def test_the_service_level_dashboard_and_its_export(login, head):
    client = login(head)
    assert (
        'data-testid="service-level-table"' not in client.get(reverse("complaints:reports")).content.decode()
    )
    assert client.get(reverse("complaints:service_level_dashboard")).status_code == 200
    xlsx = client.get(reverse("complaints:service_level_dashboard"), {"format": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_survey_once_per_case_and_person_summarized_per_step(login, closed_fault, agency_officer, head):
    client = login(agency_officer)
    page = client.get(reverse("workflow:case_detail", args=[closed_fault.tracking_code])).content.decode()
    assert 'data-testid="satisfaction-survey"' in page and 'name="step_submitted"' in page
    client.post(
        reverse("complaints:survey_submit", args=[closed_fault.tracking_code]),
        {"score": "4", "step_submitted": "2"},
    )
    answer = SatisfactionResponse.objects.get()
    assert (answer.score, answer.step_scores) == (4, {"submitted": 2})
    assert AuditEntry.objects.filter(action="complaints.satisfaction.recorded").exists()
    again = client.get(reverse("workflow:case_detail", args=[closed_fault.tracking_code])).content.decode()
    assert 'data-testid="satisfaction-survey"' not in again
    with pytest.raises(ServiceError, match="پیش‌تر"):
        satisfaction_record(case=closed_fault, actor=agency_officer, score=5)
    summary = login(head).get(reverse("complaints:satisfaction")).content.decode()
    assert "گزارش خطای سامانه" in summary and "در انتظار بررسی کارشناس" in summary and "۴٫۰" not in summary
    assert "۴" in summary and "۲" in summary


def test_the_survey_is_refused_on_an_open_case_and_to_the_organization(
    file_complaint, closed_fault, org_expert, agency_officer
):
    with pytest.raises(ServiceError):
        satisfaction_record(case=file_complaint(), actor=agency_officer, score=5)
    with pytest.raises(ServiceError):
        satisfaction_record(case=closed_fault, actor=org_expert, score=5)
    with pytest.raises(ServiceError, match="مرحله‌ای"):
        satisfaction_record(case=closed_fault, actor=agency_officer, score=5, step_scores={"escalated": 3})
    with pytest.raises(ServiceError, match="هر امتیاز باید بین ۱ و ۵ باشد"):
        satisfaction_record(case=closed_fault, actor=agency_officer, score=7)


def test_a_survey_comment_longer_than_the_page_allows_is_refused_not_cut(closed_fault, agency_officer):
    with pytest.raises(ServiceError) as refused:
        satisfaction_record(case=closed_fault, actor=agency_officer, score=4, comment="خوب بود. " * 200)
    assert refused.value.message == "نظر حداکثر ۱۰۰۰ نویسه است؛ چیزی ثبت نشد."
    assert not SatisfactionResponse.objects.exists()
    assert not AuditEntry.objects.filter(action="complaints.satisfaction.recorded").exists()
    # As long as the page allows is kept whole.
    kept = satisfaction_record(
        case=closed_fault, actor=agency_officer, score=4, comment=" " + "خ" * 1000 + " "
    )
    assert kept.comment == "خ" * 1000


def test_availability_shows_uptime_from_health_samples_and_planned_maintenance(client):
    now = timezone.now()
    HealthSample.objects.bulk_create(
        HealthSample(checked_at=now - dt.timedelta(hours=h), ok=h != 1, database=h != 1) for h in range(4)
    )
    MaintenanceNotice.objects.create(
        message="به‌روزرسانی پایگاه داده",
        starts_at=now + dt.timedelta(days=1),
        ends_at=now + dt.timedelta(days=1, hours=2),
    )
    body = client.get(reverse("complaints:availability")).content.decode()
    assert UPTIME_WINDOWS_DAYS[0] == 1
    assert "۷۵٪" in body and "از ۴ بررسی" in body
    assert "به‌روزرسانی پایگاه داده" in body


def test_a_health_sample_runs_the_healthz_checks():
    sample = health_sample_record()
    assert sample.ok and sample.database


def test_the_date_range_filters_the_figures(login, head, file_complaint):
    file_complaint()
    client = login(head)
    yesterday = format_date(today() - dt.timedelta(days=1))
    before = client.get(reverse("complaints:reports"), {"end": yesterday}).content.decode()
    assert '<div class="fs-5">۰</div>' in before and '<div class="fs-5">۱</div>' not in before
    since = client.get(reverse("complaints:reports"), {"start": yesterday}).content.decode()
    assert '<div class="fs-5">۱</div>' in since


def test_reports_and_satisfaction_take_the_same_queries_with_more_rows(
    login, head, file_complaint, closed_fault, agency_officer, django_assert_max_num_queries
):
    client = login(head)
    satisfaction_record(case=closed_fault, actor=agency_officer, score=5)
    pages = (reverse("complaints:reports"), reverse("complaints:satisfaction"))
    counts = {}
    for url in pages:
        with django_assert_max_num_queries(40) as first:
            client.get(url)
        counts[url] = len(first.captured_queries)
    for _ in range(5):
        file_complaint()
    for url in pages:
        with django_assert_max_num_queries(counts[url]):
            client.get(url)
