"""Core's rows of the permission table (import jobs are their uploader's; the holidays' import is the
Organization's groups' and the deputy's), and the failed imports' files deleted after their retention."""

import datetime as dt

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from apps.accounts.roles import Role
from apps.accounts.security import REFUSED_HEADER
from apps.accounts.tests.factories import UserFactory
from apps.core.models import ImportJob
from apps.core.services import import_failed_files_purge

pytestmark = pytest.mark.django_db

Status = ImportJob.Status


def _job(user, status=Status.FAILED, days_ago=0):
    job = ImportJob.objects.create(
        spec_name="holidays",
        file=ContentFile(b"PK fake workbook", name="holidays.xlsx"),
        user_id=user.pk,
        organization_id=user.organization_id,
        status=status,
    )
    ImportJob.objects.filter(pk=job.pk).update(finished_at=timezone.now() - dt.timedelta(days=days_ago))
    job.refresh_from_db()
    return job


def test_an_import_job_and_its_errors_are_the_uploader_s_alone(login, org_expert, group_head):
    job = _job(org_expert)
    for name in ("core:import_job", "core:import_job_errors"):
        assert login(org_expert).get(reverse(name, args=[job.pk])).status_code == 200
        response = login(group_head).get(reverse(name, args=[job.pk]))
        assert response.status_code == 404 and response[REFUSED_HEADER] == "404"


@pytest.mark.parametrize("name", ["core:import_upload", "core:import_template"])
def test_the_holidays_import_and_its_template_follow_the_table(
    login, agency_officer, province, org_expert, name
):
    url = reverse(name, args=["holidays"])
    assert login(org_expert).get(url).status_code == 200
    evaluator = UserFactory(organization=province, roles=[Role.EVALUATOR])
    for refused in (agency_officer, evaluator):
        response = login(refused).get(url)
        assert response.status_code == 403 and response[REFUSED_HEADER] == "403"


def test_failed_imports_lose_their_file_after_the_retention_period(org_expert):
    days = settings.KHEDMAT_IMPORT_FAILED_FILE_DAYS
    old = _job(org_expert, days_ago=days + 1)
    recent = _job(org_expert, days_ago=days - 1)
    done = _job(org_expert, status=Status.DONE, days_ago=days + 10)
    old_path = old.file.path

    assert import_failed_files_purge() == 1

    old.refresh_from_db()
    assert not old.file and old.status == Status.FAILED
    assert not (old.file.storage.exists(old_path))
    for kept in (recent, done):
        kept.refresh_from_db()
        assert kept.file and kept.file.storage.exists(kept.file.name)
    assert import_failed_files_purge() == 0


def test_the_purge_runs_daily_from_beat():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "apps.core.tasks.import_failed_files_purge_task" in tasks
