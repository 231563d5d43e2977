"""The import pages: who may upload, what a refused file shows, the job page and its downloads."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.core.models import Holiday, ImportJob
from apps.core.services import IMPORT_INLINE_ROWS

from .test_spreadsheets import holiday_lines
from .xlsx import read_rows, xlsx_upload

UPLOAD_URL = reverse("core:import_upload", args=["holidays"])


def test_province_staff_see_the_upload_form_with_the_template_link(login, org_expert):
    response = login(org_expert).get(UPLOAD_URL)
    assert response.status_code == 200
    assert "تعطیلات رسمی" in response.content.decode()
    assert reverse("core:import_template", args=["holidays"]) in response.content.decode()


def test_an_agency_user_may_not_import_holidays(login, agency_officer):
    client = login(agency_officer)
    assert client.get(UPLOAD_URL).status_code == 403
    response = client.post(UPLOAD_URL, {"file": xlsx_upload(holiday_lines(1))})
    assert response.status_code == 403
    assert Holiday.objects.count() == 0
    assert ImportJob.objects.count() == 0


def test_a_superuser_outside_the_province_may_import_holidays(login, agency):
    from apps.accounts.tests.factories import UserFactory

    admin = UserFactory(organization=agency, is_superuser=True, is_staff=True)
    assert login(admin).get(UPLOAD_URL).status_code == 200


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get(UPLOAD_URL)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_an_unknown_import_answers_404(login, org_expert):
    assert login(org_expert).get(reverse("core:import_upload", args=["nothing"])).status_code == 404


def test_the_template_downloads(login, org_expert):
    response = login(org_expert).get(reverse("core:import_template", args=["holidays"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert read_rows(response.content)[0] == ("تاریخ", "مناسبت")


def test_a_file_that_is_not_xlsx_is_refused_in_persian_and_no_job_is_made(login, org_expert):
    fake = SimpleUploadedFile("holidays.xlsx", b"%PDF-1.4 this is a pdf", content_type="application/pdf")
    response = login(org_expert).post(UPLOAD_URL, {"file": fake})
    assert response.status_code == 400
    assert "نوع فایل پذیرفته نیست" in response.content.decode()
    assert ImportJob.objects.count() == 0
    assert Holiday.objects.count() == 0


def test_a_clean_upload_lands_on_the_finished_job(login, org_expert):
    client = login(org_expert)
    response = client.post(UPLOAD_URL, {"file": xlsx_upload(holiday_lines(3))})
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("core:import_job", args=[job.pk])
    page = client.get(response["Location"])
    assert "۳ ردیف ثبت شد." in page.content.decode()
    assert "hx-get" not in page.content.decode()
    assert Holiday.objects.count() == 3


def test_a_refused_upload_shows_each_row_error_and_downloads_them(login, org_expert):
    client = login(org_expert)
    lines = holiday_lines(4)
    lines[2][0] = "۱۴۰۵/۰۷/۳۱"
    client.post(UPLOAD_URL, {"file": xlsx_upload(lines)})
    job = ImportJob.objects.get()
    page = client.get(reverse("core:import_job", args=[job.pk])).content.decode()
    assert "هیچ ردیفی ثبت نشد" in page
    assert "<td>۳</td><td>تاریخ</td><td>چنین روزی در تقویم وجود ندارد.</td>" in page
    assert Holiday.objects.count() == 0

    response = client.get(reverse("core:import_job_errors", args=[job.pk]))
    assert response.status_code == 200
    assert read_rows(response.content) == [
        ("ردیف", "ستون", "خطا"),
        (3, "تاریخ", "چنین روزی در تقویم وجود ندارد."),
    ]


def test_a_running_job_polls_its_progress_with_htmx(login, org_expert):
    job = ImportJob.objects.create(
        spec_name="holidays",
        file="imports/x.xlsx",
        user_id=org_expert.pk,
        status="running",
        total=4000,
        processed=1000,
    )
    client = login(org_expert)
    url = reverse("core:import_job", args=[job.pk])
    page = client.get(url).content.decode()
    assert f'hx-get="{url}"' in page
    assert 'hx-trigger="every 1s"' in page
    partial = client.get(url, HTTP_HX_REQUEST="true")
    assert partial.status_code == 200
    assert "<html" not in partial.content.decode()
    assert "۲۵٪" in partial.content.decode()


def test_a_running_job_shows_the_rows_its_worker_has_checked_so_far(login, org_expert):
    # The worker keeps its progress in the cache, not in the job's row (a streaming import's transaction
    # would hide it); the page reads it from there.
    job = ImportJob.objects.create(
        spec_name="holidays", file="imports/x.xlsx", user_id=org_expert.pk, status="running", total=4000
    )
    cache.set(job.progress_key, (3000, 4000))
    partial = login(org_expert).get(reverse("core:import_job", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert "۷۵٪" in partial.content.decode()
    assert "۳٬۰۰۰ از ۴٬۰۰۰ ردیف" in partial.content.decode()


def test_another_users_job_answers_404(login, org_expert, group_head):
    job = ImportJob.objects.create(
        spec_name="holidays", file="imports/x.xlsx", user_id=org_expert.pk, status="failed"
    )
    client = login(group_head)
    assert client.get(reverse("core:import_job", args=[job.pk])).status_code == 404
    assert client.get(reverse("core:import_job_errors", args=[job.pk])).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_a_large_upload_runs_as_a_background_job(login, org_expert):
    # A real commit, so the task is queued after it as in production; Celery is eager in tests.
    count = IMPORT_INLINE_ROWS + 1000
    response = login(org_expert).post(
        UPLOAD_URL, {"file": xlsx_upload(holiday_lines(count, dt.date(2020, 1, 1)))}
    )
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert job.status == ImportJob.Status.DONE
    assert job.imported == count
    assert Holiday.objects.count() == count
