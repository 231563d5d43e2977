"""First-type training certificates: one verifiable PDF per learner who passed, issued in the background
one learner at a time, the sweep that finishes a batch a lost worker left, and the agency's bundle."""

import datetime as dt
import io
import zipfile

from django.db import transaction
from django.utils import timezone

from apps.accounts.models import User
from apps.core import freshness
from apps.core.background import task_start
from apps.documents.kinds import register_kind
from apps.documents.models import IssuedDocument
from apps.documents.services import document_issue

from .models import CourseSession, Learner

CERTIFICATE = register_kind("training.certificate", "گواهی‌نامه آموزشی")


def certificate_issue(*, learner: Learner, session: CourseSession, actor: User):
    """Issues the PDF; the Organization keeps it, so only this app's gated routes hand it to the agency."""
    course = session.course
    return document_issue(
        kind=CERTIFICATE,
        template_name="training/certificate_pdf.html",
        context={"learner": learner, "session": session, "course": course},
        title=f"گواهی‌نامه دوره «{course.title}»",
        owner=actor.organization,
        holder_name=learner.full_name,
        holder_national_id=learner.national_id,
        actor=actor,
        case=learner.request.case,
        summary={
            "دوره": course.title,
            "ساعت آموزشی": course.hours,
            "دستگاه": learner.organization.name,
        },
    )


def learner_certificate_issue(*, learner_id: int) -> IssuedDocument | None:
    """One learner's certificate, at most once however often it is asked for.

    The learner's row stays locked from the check to the commit, so a redelivered or repeated task waits
    for the first and then finds the certificate there; None when there is nothing (more) to issue.
    """
    with transaction.atomic():
        # The lock alone first, on the one row: a repeated task's work ends here.
        locked = (
            Learner.objects.select_for_update(no_key=True).only("certificate_id", "passed").get(pk=learner_id)
        )
        if locked.certificate_id or not locked.passed:
            return None
        # Two small joins rather than one of nine tables, which PostgreSQL takes ~7 ms just to plan.
        learner = Learner.objects.select_related("request__case", "organization").get(pk=learner_id)
        session = CourseSession.objects.select_related(
            "course", "certified_by__organization", "certified_by__unit"
        ).get(pk=learner.request.session_id)
        if session.state != CourseSession.State.CERTIFIED:
            return None
        # The certificate's row is seen within an agency only by the learner's (its kind's agency scope).
        with freshness.rows_of(IssuedDocument, agencies={learner.organization_id}):
            learner.certificate = certificate_issue(
                learner=learner, session=session, actor=session.certified_by
            )
        learner.save(update_fields=["certificate"])
        return learner.certificate


def certificates_missing(*, certified_before: dt.datetime | None = None):
    """Passed learners of certified sessions who still have no certificate (ids, in a stable order)."""
    learners = Learner.objects.filter(
        passed=True, certificate__isnull=True, request__session__state=CourseSession.State.CERTIFIED
    )
    if certified_before is not None:
        learners = learners.filter(request__session__certified_at__lte=certified_before)
    return learners.order_by("pk").values_list("pk", flat=True)


def certificates_enqueue(*, learner_ids) -> int:
    """One task per learner, so two workers share a batch and a lost one costs a single certificate."""

    count = 0
    for learner_id in learner_ids:
        task_start("apps.training.tasks.certificate_issue_task", learner_id)
        count += 1
    return count


# A batch younger than this may still be in the queue: the sweep would only add duplicates (harmless,
# as each task checks under a lock, but each costs a round trip).
RESUME_AFTER = dt.timedelta(minutes=10)


def certificates_resume(*, older_than: dt.timedelta = RESUME_AFTER) -> int:
    """Queues again every certificate still missing from a batch certified more than `older_than` ago.

    This is what finishes a batch whose worker was killed: with acks_late the broker hands the lost
    message out again only after its visibility timeout (an hour on Redis), and not at all if it was lost.
    """
    return certificates_enqueue(
        learner_ids=list(certificates_missing(certified_before=timezone.now() - older_than))
    )


def certificates_zip(learners) -> bytes:
    """Every certificate of a request in one .zip, named by national ID so the files never collide."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for learner in learners:
            with learner.certificate.file.open("rb") as handle:
                archive.writestr(f"certificate-{learner.national_id}.pdf", handle.read())
    return buffer.getvalue()
