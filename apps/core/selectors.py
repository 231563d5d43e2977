"""Core reads: an import job, only for the user who uploaded it (the table's OWN)."""

from django.core.cache import cache

from apps.accounts.permissions import get_or_refuse

from .models import ImportJob


def import_job_get_for_user(*, user, pk: int, action: str = "view") -> ImportJob:
    """Another user's job answers 404, the same as a job that does not exist. A running job carries the
    rows checked so far, which its worker keeps in the cache rather than in the job's row."""
    job = get_or_refuse(ImportJob.objects.all(), user, action, kind_name="core.import_job", pk=pk)
    if not job.is_finished:
        job.processed, job.total = cache.get(job.progress_key, (job.processed, job.total))
    return job
