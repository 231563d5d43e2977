"""First-type training certificates: one verifiable PDF per learner who passed, and the agency's bundle."""

import io
import zipfile

from apps.accounts.models import User
from apps.documents.kinds import register_kind
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


def certificates_zip(learners) -> bytes:
    """Every certificate of a request in one .zip, named by national ID so the files never collide."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for learner in learners:
            with learner.certificate.file.open("rb") as handle:
                archive.writestr(f"certificate-{learner.national_id}.pdf", handle.read())
    return buffer.getvalue()
