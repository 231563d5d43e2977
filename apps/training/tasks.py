"""Service B's background work: issuing certificates one learner at a time, and the sweep that resumes a
batch a lost worker left unfinished."""

import datetime as dt

from celery import shared_task


# acks_late: a worker killed mid-render leaves the message unacknowledged, so the broker may hand it out
# again; the service's lock-and-skip makes that second run harmless.
@shared_task(acks_late=True)
def certificate_issue_task(learner_id: int) -> int | None:
    from .documents import learner_certificate_issue

    document = learner_certificate_issue(learner_id=learner_id)
    return document.pk if document else None


@shared_task
def certificates_resume_task(older_than_minutes: float | None = None) -> int:
    from .documents import RESUME_AFTER, certificates_resume

    older_than = RESUME_AFTER if older_than_minutes is None else dt.timedelta(minutes=older_than_minutes)
    return certificates_resume(older_than=older_than)
