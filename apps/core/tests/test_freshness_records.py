"""An organization record seen only by some agencies (a course session: the agencies whose requests it took)
writes as theirs: its steps, its attendance and score sheets and its learners' certificates move on those
agencies and those who read across, and every other agency's kept lists stay kept (real Redis, as deployed)."""

from decimal import Decimal

import pytest
from django.db import transaction
from django.urls import reverse

from apps.accounts.permissions import visible
from apps.accounts.roles import Role
from apps.accounts.tests.factories import OrganizationFactory, UserFactory
from apps.audit.models import AuditEntry
from apps.audit.trail import audit_append
from apps.core import freshness
from apps.core.jalali import format_date
from apps.core.tests.test_freshness_agencies import redis_cache  # noqa: F401  (Redis db 14, this test's prefix)
from apps.core.tests.test_freshness_services import computed, readers_of, signed_in  # noqa: F401
from apps.documents.models import IssuedDocument
from apps.managers.models import ManagerProfile
from apps.training.models import CourseSession, Learner
from apps.training.permissions import SESSION
from apps.training.services import sessions as session_services
from apps.training.tests import conftest as training
from apps.training.tests.conftest import plan
from apps.workflow.models import Case

pytestmark = pytest.mark.django_db(transaction=True)

training_unit, training_expert, course, file_request, gathered = (
    training.training_unit,
    training.training_expert,
    training.course,
    training.file_request,
    training.gathered,
)


@pytest.fixture
def third_officer(db):
    return UserFactory(
        organization=OrganizationFactory(code="103", name="اداره کل راه و شهرسازی استان خوزستان"),
        roles=[Role.AGENCY_OFFICER],
        username="thirdofficer",
    )


@pytest.fixture
def looks(computed, agency_officer, other_officer, third_officer, training_expert):  # noqa: F811
    """Each person's request list, and whose was read from the database rather than taken as kept."""
    clients = signed_in(A=agency_officer, B=other_officer, C=third_officer, trainer=training_expert)
    url = reverse("training:request_list")

    def look():
        computed.clear()
        bodies = {name: client.get(url).content.decode() for name, client in clients.items()}
        return bodies, readers_of(computed, "request_list.html")

    return look


def state_of(request) -> str:
    return Case.objects.get(pk=request.case_id).state_label


def test_a_sessions_steps_sheets_and_certificates_move_on_only_the_agencies_whose_requests_it_took(
    looks, gathered, course, agency_officer, other_officer, training_expert
):
    ours = gathered(agency_officer, count=20).training_request
    theirs = gathered(other_officer, start=100, count=2).training_request
    looks()

    session = plan(training_expert, course, [ours.case])
    bodies, readers = looks()
    assert readers == {"officer", "trainer"}
    assert state_of(ours) in bodies["A"] and ours.case.tracking_code not in bodies["B"]

    session_services.session_announce(session=session, actor=training_expert)
    bodies, readers = looks()
    # The requests now run and are due on the session's last day, which the core's bulk update wrote.
    assert readers == {"officer", "trainer"}
    assert state_of(ours) in bodies["A"] and format_date(session.ends_on) in bodies["A"]
    assert theirs.case.tracking_code in bodies["B"]

    learners = list(Learner.objects.filter(request__session=session).order_by("pk"))
    session_services.absences_record(session=session, actor=training_expert, absent={learners[0].pk: {1}})
    assert looks()[1] == {"officer", "trainer"}

    session_services.session_finish(session=session, actor=training_expert)
    assert looks()[1] == {"officer", "trainer"}

    scores = {x.pk: Decimal(0) for x in learners} | {learners[1].pk: Decimal(90)}
    session_services.scores_record(session=session, actor=training_expert, scores=scores)
    assert looks()[1] == {"officer", "trainer"}

    session_services.session_examine(session=session, actor=training_expert)
    assert looks()[1] == {"officer", "trainer"}

    # The certificates are issued after the step commits, each in a transaction of its own, as a worker does.
    session_services.session_certify(session=session, actor=training_expert)
    assert looks()[1] == {"officer", "trainer"}
    assert IssuedDocument.objects.filter(holder_national_id=learners[1].national_id).exists()
    assert Learner.objects.get(pk=learners[1].pk).certificate_id is not None


def test_a_request_merged_into_a_session_brings_its_agency_into_the_sessions_steps(
    looks, gathered, course, agency_officer, other_officer, training_expert
):
    ours = gathered(agency_officer, count=20).training_request
    theirs = gathered(other_officer, start=100, count=2).training_request
    session = plan(training_expert, course, [ours.case])
    looks()

    session_services.session_top_up(session=session, actor=training_expert, requests=[theirs])
    bodies, readers = looks()
    assert readers == {"officer", "otherofficer", "trainer"}
    assert state_of(theirs) in bodies["B"]

    session_services.session_announce(session=session, actor=training_expert)
    bodies, readers = looks()
    # Read once the step committed, the session's agencies are both; the third agency's list stays kept.
    assert readers == {"officer", "otherofficer", "trainer"}
    assert format_date(session.ends_on) in bodies["B"]


def test_a_case_of_the_organization_that_is_no_declared_records_empties_everyones(
    looks, gathered, agency_officer, training_expert, org_expert, province
):
    from apps.workflow.services import case_open
    from apps.workflow.tests.conftest import REVIEW
    from apps.workflow.tests.service_table import test_service_table  # noqa: F401

    gathered(agency_officer, count=2)
    looks()
    case_open(process_name=REVIEW.name, owner=province, actor=org_expert, title="پرونده سازمان")
    assert looks()[1] == {"officer", "otherofficer", "thirdofficer", "trainer"}


def test_a_session_gone_before_its_write_is_read_empties_everyones(
    looks, gathered, course, agency_officer, training_expert
):
    # Its agencies can no longer be read: when in doubt, everyone's.
    session = plan(training_expert, course, [gathered(agency_officer, count=20)])
    looks()
    writes = freshness._Writes()
    writes.name_record("training_coursesession", "UPDATE", "training_coursesession", session.pk + 1000)
    writes()
    assert looks()[1] == {"officer", "otherofficer", "thirdofficer", "trainer"}


def test_a_write_whose_agencies_cannot_be_read_empties_everyones(
    looks, gathered, course, agency_officer, training_expert
):
    session = plan(training_expert, course, [gathered(agency_officer, count=20)])
    looks()
    # Read on a connection that cannot be opened: the committed write is everyone's.
    writes = freshness._Writes("a database that is not there")
    writes.name_record("training_coursesession", "UPDATE", "training_coursesession", session.pk)
    writes()
    assert looks()[1] == {"officer", "otherofficer", "thirdofficer", "trainer"}


def test_statements_a_service_says_are_some_agencies_rows_move_on_only_those(
    looks, gathered, agency_officer, other_officer
):
    ours = gathered(agency_officer, count=2)
    gathered(other_officer, start=100, count=2)
    looks()
    with transaction.atomic(), freshness.rows_of(Case, agencies={agency_officer.organization_id}):
        Case.objects.filter(pk=ours.pk).update(title="درخواست به‌روزشده")
    assert looks()[1] == {"officer", "trainer"}

    # Outside the block, a statement no signal names is everyone's again.
    with transaction.atomic():
        Case.objects.filter(pk=ours.pk).update(title="درخواست دوباره به‌روزشده")
    assert looks()[1] == {"officer", "otherofficer", "thirdofficer", "trainer"}


def test_a_table_with_shared_rows_cannot_be_said_to_be_some_agencies(agency):
    with pytest.raises(ValueError), freshness.rows_of(ManagerProfile, agencies={agency.pk}):
        pass


def test_an_audit_entry_no_case_names_moves_nothing_and_no_kept_value_reads_the_trail(
    looks, gathered, agency_officer, training_expert, caplog
):
    gathered(agency_officer, count=2)
    looks()
    session = CourseSession(pk=1)
    with transaction.atomic():
        audit_append(
            action="training.attendance.recorded", actor=training_expert, subject=session, changes={}
        )
    assert looks()[1] == set()

    reads = []

    def entries():
        reads.append(1)
        return AuditEntry.objects.count()

    freshness.kept(("trail",), entries)
    freshness.kept(("trail",), entries)
    assert len(reads) == 2
    assert "workflow_auditentry" in caplog.text


def test_a_sessions_step_moves_on_its_provinces_staff_and_not_another_provinces(
    gathered,
    course,
    agency_officer,
    training_expert,
    fars,
):
    reads = []

    def sessions(user):
        def read():
            reads.append(user.username)
            return sorted(
                visible(CourseSession.objects.all(), user, kind_name=SESSION).values_list("state", flat=True)
            )

        return freshness.kept(("sessions", str(user.pk)), read, reader=user)

    session = plan(training_expert, course, [gathered(agency_officer, count=20)])
    assert freshness.reader_province(training_expert) == course.province_id
    sessions(training_expert), sessions(fars["expert"])
    reads.clear()

    session_services.session_announce(session=session, actor=training_expert)

    assert sessions(training_expert) == [CourseSession.State.ANNOUNCED]
    assert sessions(fars["expert"]) == []
    assert reads == [training_expert.username]
