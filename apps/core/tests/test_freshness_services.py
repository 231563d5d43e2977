"""The services' own rows are agency tables (each app's AppConfig.ready): a request, fault report or complaint an
agency's person files through the desk leaves every other agency's kept lists kept, while the filer's and
those who read across show it at once (real Redis, as deployed)."""

import pytest
from django.test import Client
from django.urls import reverse

from apps.accounts.roles import Role
from apps.accounts.tests.factories import UserFactory
from apps.core import freshness
from apps.core.tests.test_freshness_agencies import redis_cache  # noqa: F401  (Redis db 14, this test's prefix)
from apps.core.tests.xlsx import xlsx_upload
from apps.search.models import SearchEntry
from apps.training.tests import conftest as training
from apps.training.tests.conftest import HEADERS, learner_rows, national_id, pdf_upload

pytestmark = pytest.mark.django_db(transaction=True)

# Service B's fixtures: the training group, a calendar course, a request filed by the service.
training_unit, training_expert, course, file_request = (
    training.training_unit,
    training.training_expert,
    training.course,
    training.file_request,
)


@pytest.fixture
def computed(monkeypatch):
    """Whose blocks of which page were read from the database (not taken from what was kept)."""
    reads = []
    real = freshness.kept

    def counted(parts, compute, reader=None, **options):
        def compute_counted():
            reads.append((parts[0].split(":")[0].rsplit("/", 1)[-1], getattr(reader, "username", None)))
            return compute()

        return real(parts, compute_counted, reader=reader, **options)

    monkeypatch.setattr(freshness, "kept", counted)
    return reads


def signed_in(**people):
    clients = {}
    for name, user in people.items():
        clients[name] = Client()
        clients[name].force_login(user)
    return clients


def readers_of(reads, template):
    return {who for page, who in reads if page == template}


def file_training_request(client, course, start):
    return client.post(
        "/api/training/requests",
        {
            "course_id": course.pk,
            "receipt_number": f"R{start}",
            "receipt_amount": course.tuition * 2,
            "receipt_date": "2026-05-01",
            "learner_file": xlsx_upload([HEADERS, *learner_rows(start, 2)]),
            "letter_file": pdf_upload(),
            "receipt_file": pdf_upload("receipt.pdf"),
        },
    )


def test_a_training_request_filed_in_one_agency_leaves_the_others_request_list_kept(
    computed, course, file_request, agency_officer, other_officer, training_expert
):
    theirs = file_request(other_officer, start=50, count=2)
    clients = signed_in(A=agency_officer, B=other_officer, trainer=training_expert)
    url = reverse("training:request_list")
    for client in clients.values():
        client.get(url)
    computed.clear()

    response = file_training_request(clients["A"], course, start=0)

    assert response.status_code == 201, response.content
    code = response.json()["tracking_code"]
    bodies = {name: client.get(url).content.decode() for name, client in clients.items()}
    # Read afresh for the filer and the training group, who reads across; the other agency's list stays kept.
    assert readers_of(computed, "request_list.html") == {"officer", "trainer"}
    assert code in bodies["A"] and code in bodies["trainer"]
    assert code not in bodies["B"] and theirs.tracking_code in bodies["B"]


def test_a_fault_report_and_a_complaint_filed_in_one_agency_leave_the_others_case_list_kept(
    computed, agency_officer, other_officer, org_expert
):
    clients = signed_in(A=agency_officer, B=other_officer, expert=org_expert)
    url = reverse("workflow:case_list")
    for client in clients.values():
        client.get(url)
    computed.clear()

    fault = clients["A"].post(
        "/api/faults",
        {"category": "data", "description": "نام دستگاه در فهرست نادرست است."},
        content_type="application/json",
    )

    assert fault.status_code == 201, fault.content
    bodies = {name: client.get(url).content.decode() for name, client in clients.items()}
    assert readers_of(computed, "case_list.html") == {"officer", "expert"}
    assert fault.json()["tracking_code"] in bodies["A"] and fault.json()["tracking_code"] in bodies["expert"]
    assert fault.json()["tracking_code"] not in bodies["B"]
    computed.clear()

    complaint = clients["A"].post(
        "/api/complaints/complaints",
        {
            "kind": "complaint",
            "subject": "case",
            "case_code": fault.json()["tracking_code"],
            "text": "پاسخ دیر رسید.",
        },
        content_type="application/json",
    )

    assert complaint.status_code == 201, complaint.content
    bodies = {name: client.get(url).content.decode() for name, client in clients.items()}
    assert readers_of(computed, "case_list.html") == {"officer", "expert"}
    assert (
        complaint.json()["tracking_code"] in bodies["A"]
        and complaint.json()["tracking_code"] in bodies["expert"]
    )
    computed.clear()

    # The Organization's expert answers the report: the rows the step writes are still agency A's alone.
    answered = clients["expert"].post(
        f"/api/cases/{fault.json()['tracking_code']}/actions",
        {"action": "resolve", "reason": "نام دستگاه اصلاح شد.", "expected_state": "submitted"},
        content_type="application/json",
    )

    assert answered.status_code == 200, answered.content
    bodies = {name: client.get(url).content.decode() for name, client in clients.items()}
    assert readers_of(computed, "case_list.html") == {"officer", "expert"}
    assert answered.json()["state_label"] in bodies["A"]


def test_a_learner_enrolled_by_another_agency_sees_the_request_at_once(
    computed, course, agency_officer, other_agency
):
    # An employee of agency B whom agency A enrolls: their own requests are found by national ID, so they
    # read across, and A's write reaches their kept list.
    learner = UserFactory(
        organization=other_agency, roles=[Role.LEARNER], username="learner", national_id=national_id(0)
    )
    assert freshness.reader_agency(learner) is None
    clients = signed_in(A=agency_officer, learner=learner)
    url = reverse("training:request_list")
    clients["learner"].get(url)

    response = file_training_request(clients["A"], course, start=0)

    assert response.status_code == 201, response.content
    assert response.json()["tracking_code"] in clients["learner"].get(url).content.decode()


def test_a_value_that_reads_the_search_index_is_read_afresh_once_the_index_moves(caplog):
    # The index's writes move a generation of its own, on which only values that read it depend.
    reads = []

    def entries():
        reads.append(1)
        return SearchEntry.objects.count()

    assert freshness.kept(("index",), entries) == freshness.kept(("index",), entries) == 0
    assert len(reads) == 1
    SearchEntry.objects.create(source="case", object_id=1, title="چاپگر", url="/", text="چاپگر")
    assert freshness.kept(("index",), entries) == 1
    assert len(reads) == 2
    assert "search_searchentry" not in caplog.text


def test_a_value_that_reads_the_field_history_is_not_kept(caplog):
    # The field history's writes move no generation (`_UNSHOWN_TABLES`), so nothing kept may read it: such
    # a value is computed every time, and the error says why.
    from auditlog.models import LogEntry

    reads = []

    def entries():
        reads.append(1)
        return LogEntry.objects.count()

    freshness.kept(("history",), entries)
    freshness.kept(("history",), entries)
    assert len(reads) == 2
    assert "auditlog_logentry" in caplog.text
