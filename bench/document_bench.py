"""Item 4's steps, called by bench/document_bench.sh (and bench/fault_worker.sh): certified sessions of N
passed learners, the desk's certificate task against bare WeasyPrint in one process, and the batch queued
for Celery workers and timed until every certificate exists.

    python -m bench.document_bench setup N SESSIONS     # prints the new sessions' ids
    python -m bench.document_bench inprocess SESSION    # desk task vs bare WeasyPrint, interleaved
    python -m bench.document_bench batch SESSION TIMEOUT  # certify (queues on REDIS_URL), seconds until done
    python -m bench.document_bench certify SESSION      # only queue the batch
    python -m bench.document_bench wait SESSION TIMEOUT # seconds until every passed learner has one
    python -m bench.document_bench issued SESSION       # certificates issued so far
"""

import sys
import time

from bench.djangosetup import setup as django_setup


def sessions_create(n: int, count: int) -> list[int]:
    """`count` sessions of one request of `n` learners who all passed, examined and ready to certify."""
    from django.db import transaction
    from django.utils import timezone

    from apps.accounts.demo import agency_rows, world_build
    from apps.accounts.models import Organization
    from apps.accounts.roles import OrgKind
    from apps.core.national_id import national_id_with_checksum
    from apps.training.demo import _training_expert
    from apps.training.models import Course, CourseSession, Learner, Meeting, Mode, TrainingRequest
    from apps.workflow.process import get_process
    from bench.generate import Context, _last_generated_number, state_paths

    world = world_build(agencies=agency_rows(1))
    agency = Organization.objects.filter(kind=OrgKind.AGENCY).order_by("code").first()
    ctx = Context(
        world=world,
        agencies=[agency],
        cases_per_agency=0,
        now=timezone.now(),
        counter=_last_generated_number(),
    )
    expert = _training_expert(world)
    states = len(state_paths(get_process("training.request")))
    ids = []
    with transaction.atomic():
        course, _ = Course.objects.get_or_create(
            year=1405,
            title="مهارت‌های ارتباطی در محیط کار",
            defaults=dict(
                category="job_general",
                syllabus="ارتباط مؤثر؛ مدیریت تعارض",
                hours=20,
                tuition=1_000_000,
                planned_month=3,
                mode=Mode.IN_PERSON,
                venue="سالن آموزش",
                capacity=40,
            ),
        )
        for s in range(count):
            # ctx.cases spreads its cases over every state; the batch needs the one awaiting certificates.
            cases = ctx.cases("training.request", owner=agency, count=states)
            case = next(c for c in cases if c.state == "certifying")
            today = timezone.localdate()
            session = CourseSession.objects.create(
                course=course,
                starts_on=today,
                ends_on=today,
                place="سالن آموزش",
                mode=Mode.IN_PERSON,
                instructor="دکتر نرگس کاظمی",
                state=CourseSession.State.EXAMINED,
                created_by=expert,
            )
            Meeting.objects.create(session=session, number=1, hours=course.hours)
            request = TrainingRequest.objects.create(
                case=case,
                course=course,
                organization=agency,
                session=session,
                receipt_number=f"B{case.pk}",
                receipt_amount=course.tuition * n,
                receipt_date=today,
            )
            Learner.objects.bulk_create(
                [
                    Learner(
                        request=request,
                        organization=agency,
                        full_name=f"فراگیر آزمایشی {i}",
                        national_id=national_id_with_checksum(f"{500_000_000 + s * 100_000 + i:09d}"),
                        employment_type="official",
                        post="کارشناس",
                        education="کارشناسی",
                        mobile=f"0912{i:07d}",
                        score=80,
                        passed=True,
                    )
                    for i in range(n)
                ]
            )
            ids.append(session.pk)
    return ids


def certify(session_id: int) -> None:
    """The desk's own step: records it and, after commit, queues one task per learner."""
    from apps.training.models import CourseSession
    from apps.training.services.sessions import session_certify

    session = CourseSession.objects.get(pk=session_id)
    session_certify(session=session, actor=session.created_by)


def issued(session_id: int) -> int:
    from apps.training.models import Learner

    return Learner.objects.filter(request__session_id=session_id, certificate__isnull=False).count()


def passed(session_id: int) -> int:
    from apps.training.models import Learner

    return Learner.objects.filter(request__session_id=session_id, passed=True).count()


def wait(session_id: int, timeout: float) -> float:
    """Seconds from now until every passed learner of the session has a certificate."""
    started, total = time.perf_counter(), passed(session_id)
    while issued(session_id) < total:
        if time.perf_counter() - started > timeout:
            raise SystemExit(f"only {issued(session_id)} of {total} certificates after {timeout:.0f} s")
        time.sleep(0.2)
    return time.perf_counter() - started


def inprocess(session_id: int) -> None:
    """Each learner through the desk's task, then the same page by bare WeasyPrint, alternately, so
    both meet the same machine load; the first of each warms the caches and is not counted."""
    from django.db import transaction
    from django.template.loader import render_to_string
    from django.utils import timezone
    from weasyprint import HTML

    from apps.documents.render import font_faces, qr_data_uri
    from apps.documents.services import verify_url
    from apps.training.models import CourseSession, Learner
    from apps.training.tasks import certificate_issue_task

    session = CourseSession.objects.select_related("course", "created_by__organization").get(pk=session_id)
    with transaction.atomic():
        CourseSession.objects.filter(pk=session.pk).update(
            state=CourseSession.State.CERTIFIED, certified_by=session.created_by, certified_at=timezone.now()
        )
    ids = list(Learner.objects.filter(request__session=session).order_by("pk").values_list("pk", flat=True))
    desk = bare = 0.0
    for n, learner_id in enumerate(ids):
        started = time.perf_counter()
        certificate_issue_task.apply(args=[learner_id]).get()
        desk_seconds = time.perf_counter() - started
        learner = Learner.objects.select_related("certificate", "organization").get(pk=learner_id)
        document, actor = learner.certificate, session.created_by
        url = verify_url(document.verification_code)
        # The context the desk's template gets, built beforehand: the bare side is template + WeasyPrint.
        context = {
            "learner": learner,
            "session": session,
            "course": session.course,
            "document": document,
            "issuer": actor.organization,
            "issuer_unit": actor.unit.name if actor.unit_id else "",
            "verify_url": url,
            "qr_data_uri": qr_data_uri(url),
            "pdf_fonts": font_faces(),
        }
        started = time.perf_counter()
        html = render_to_string("training/certificate_pdf.html", context)
        pdf = HTML(string=html, base_url="http://127.0.0.1/").write_pdf()
        bare_seconds = time.perf_counter() - started
        assert pdf.startswith(b"%PDF")
        if n:
            desk, bare = desk + desk_seconds, bare + bare_seconds
    counted = len(ids) - 1
    print(f"desk task      {counted} certificates  {desk:7.2f} s  {counted / desk:6.1f}/s")
    print(f"bare weasyprint {counted} certificates {bare:7.2f} s  {counted / bare:6.1f}/s")
    print(f"RATIO desk/bare throughput {bare / desk:.1%} (target >= 90%)")


def warm_up() -> None:
    from django.urls import reverse

    import apps.training.services.sessions  # noqa: F401

    reverse("core:home")


def main() -> None:
    django_setup()
    command, *args = sys.argv[1:]
    if command == "setup":
        print(*sessions_create(int(args[0]), int(args[1])))
    elif command == "inprocess":
        inprocess(int(args[0]))
    elif command == "batch":
        # The certify step runs in a web worker that has served requests before: this process is made as
        # warm (modules imported, URLs resolved), so its first-call costs do not count against the workers.
        warm_up()
        # Timed from the certify step itself: a worker may finish a small batch before a new process is up.
        started = time.perf_counter()
        certify(int(args[0]))
        wait(int(args[0]), float(args[1]))
        print(f"{time.perf_counter() - started:.2f}")
    elif command == "certify":
        certify(int(args[0]))
    elif command == "wait":
        print(f"{wait(int(args[0]), float(args[1])):.2f}")
    elif command == "issued":
        print(issued(int(args[0])))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
