"""Certificates in the background: the step is recorded at once, tasks issue each certificate after commit,
at most once per learner however often they run, and the sweep finishes a batch whose messages were lost."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from apps.documents.models import IssuedDocument
from apps.training.documents import certificates_resume
from apps.training.models import CourseSession, Learner
from apps.training.services import sessions as session_services
from apps.training.tasks import certificate_issue_task, certificates_resume_task

pytestmark = pytest.mark.django_db

PASSING = 3


@pytest.fixture
def examined_session(held_session, training_expert):
    """Three of the session's twenty learners passed the exam."""
    learners = list(Learner.objects.filter(request__session=held_session).order_by("pk"))
    scores = {x.pk: Decimal(0) for x in learners} | {x.pk: Decimal(80) for x in learners[:PASSING]}
    session_services.scores_record(session=held_session, actor=training_expert, scores=scores)
    session_services.session_examine(session=held_session, actor=training_expert)
    return held_session


def _certificates(session) -> int:
    return IssuedDocument.objects.filter(
        kind="training.certificate", case__training_request__session=session
    ).count()


def test_it_records_the_step_at_once_and_issues_only_after_commit(
    examined_session, training_expert, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        session_services.session_certify(session=examined_session, actor=training_expert)

    examined_session.refresh_from_db()
    assert examined_session.state == CourseSession.State.CERTIFIED
    assert examined_session.certified_by == training_expert and examined_session.certified_at is not None
    assert _certificates(examined_session) == 0

    for callback in callbacks:  # the commit
        callback()
    assert _certificates(examined_session) == PASSING


def test_after_commit_each_passed_learner_gets_one_certificate_in_the_certifiers_name(
    examined_session, training_expert, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        session_services.session_certify(session=examined_session, actor=training_expert)

    learners = Learner.objects.filter(request__session=examined_session)
    assert learners.filter(passed=True, certificate__isnull=False).count() == PASSING
    assert learners.filter(passed=False, certificate__isnull=False).count() == 0
    assert _certificates(examined_session) == PASSING
    document = learners.exclude(certificate=None).first().certificate
    assert document.issued_by == training_expert
    assert document.file.read().startswith(b"%PDF")


def test_a_repeated_task_never_issues_a_second_certificate(
    examined_session, training_expert, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        session_services.session_certify(session=examined_session, actor=training_expert)
    learner = Learner.objects.filter(request__session=examined_session, passed=True).first()
    first = learner.certificate_id

    # What a broker redelivering the message (acks_late) or the sweep queueing it again amounts to.
    assert certificate_issue_task.delay(learner.pk).get() is None

    learner.refresh_from_db()
    assert learner.certificate_id == first
    assert _certificates(examined_session) == PASSING


def test_the_task_is_acknowledged_only_after_it_finishes():
    assert certificate_issue_task.acks_late is True


def test_a_learner_who_failed_or_a_session_not_yet_certified_gets_none(examined_session):
    passed = Learner.objects.filter(request__session=examined_session, passed=True).first()
    failed = Learner.objects.filter(request__session=examined_session, passed=False).first()

    assert certificate_issue_task.delay(passed.pk).get() is None  # the session is only examined
    assert certificate_issue_task.delay(failed.pk).get() is None
    assert _certificates(examined_session) == 0


def test_the_sweep_issues_what_lost_messages_left_and_spares_a_young_batch(
    examined_session, training_expert, django_capture_on_commit_callbacks
):
    # The commit happens but its tasks never run: a worker killed with the batch in hand.
    with django_capture_on_commit_callbacks(execute=False):
        session_services.session_certify(session=examined_session, actor=training_expert)

    assert certificates_resume() == 0  # certified a moment ago: its tasks may still be in the queue
    CourseSession.objects.filter(pk=examined_session.pk).update(
        certified_at=timezone.now() - dt.timedelta(hours=1)
    )
    assert certificates_resume_task.delay().get() == PASSING
    assert _certificates(examined_session) == PASSING
    assert certificates_resume() == 0


def test_the_resume_command_queues_every_missing_certificate(
    examined_session, training_expert, django_capture_on_commit_callbacks, capsys
):
    with django_capture_on_commit_callbacks(execute=False):
        session_services.session_certify(session=examined_session, actor=training_expert)

    call_command("training_certificates_resume", "--minutes", "0")

    assert f"{PASSING} certificates queued" in capsys.readouterr().out
    assert _certificates(examined_session) == PASSING


def test_the_session_page_shows_the_batchs_progress_until_it_is_done(
    login, examined_session, training_expert, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        session_services.session_certify(session=examined_session, actor=training_expert)
    client = login(training_expert)
    progress_url = reverse("training:session_certificates", args=[examined_session.pk])

    page = client.get(reverse("training:session_detail", args=[examined_session.pk])).content.decode()
    assert "در حال صدور گواهی‌نامه‌ها: ۰ از ۳" in page
    assert f'hx-get="{progress_url}"' in page

    certificates_resume(older_than=dt.timedelta(0))
    done = client.get(progress_url).content.decode()
    assert "همه ۳ گواهی‌نامه صادر شده است." in done
    assert "hx-get" not in done


def test_an_agency_cannot_poll_the_batch(login, examined_session, agency_officer):
    response = login(agency_officer).get(reverse("training:session_certificates", args=[examined_session.pk]))
    assert response.status_code in (403, 404)
