"""Core reads: an import job, only for the user who uploaded it."""

from django.shortcuts import get_object_or_404

from .models import ImportJob


def import_job_get_for_user(*, user, pk: int) -> ImportJob:
    """Another user's job answers 404, the same as a job that does not exist."""
    return get_object_or_404(ImportJob, pk=pk, user_id=user.pk)
