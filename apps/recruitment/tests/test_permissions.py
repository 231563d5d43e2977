"""Service A's rows of the permission table at their boundaries (seeds 000, 001; issue 20): an employee
reaches no hire file, not even their own agency's; a supervisor only their own card, venue and report; the
training group nothing of recruitment; the national officer the files sent to the nation, not a draft."""

import pytest
from django.urls import reverse

from apps.accounts.roles import Role
from apps.accounts.tests.factories import OrgUnitFactory, UserFactory
from apps.core.errors import ForbiddenError, ServiceError
from apps.recruitment.services import hire_documents, rounds, supervisors
from apps.workflow.services import perform

from .conftest import national_id, pdf_upload, png_upload

pytestmark = pytest.mark.django_db


def _case_url(case) -> str:
    return reverse("workflow:case_detail", kwargs={"tracking_code": case.tracking_code})


def test_an_employee_of_the_agency_gets_404_on_its_hire_file_even_as_the_person_hired(
    registration_round, hr, agency, register, login
):
    case = register(hr, registration_round, 0)
    # The learner is the very person the file is about (their national ID): the file is still the
    # agency's HR business, not theirs to read.
    learner = UserFactory(
        organization=agency, roles=[Role.LEARNER], username="learner", national_id=case.hire.national_id
    )
    client = login(learner)
    assert client.get(_case_url(case)).status_code == 404
    assert client.get(reverse("recruitment:hire_edit", kwargs={"pk": case.hire.pk})).status_code == 404
    assert client.get(f"/api/recruitment/hires/{case.hire.pk}/documents").status_code == 404
    assert client.get(reverse("recruitment:round_list")).status_code == 403
    with pytest.raises(ServiceError) as refused:
        hire_documents.hire_document_attach(
            actor=learner, hire=case.hire, requirement="degree", uploaded_file=pdf_upload()
        )
    assert isinstance(refused.value, ForbiddenError)


def test_a_council_member_reaches_nothing_of_recruitment(registration_round, hr, agency, register, login):
    case = register(hr, registration_round, 0)
    member = UserFactory(organization=agency, roles=[Role.COUNCIL_MEMBER], username="member")
    client = login(member)
    assert client.get(_case_url(case)).status_code == 404
    assert (
        client.get(reverse("recruitment:round_detail", kwargs={"pk": registration_round.pk})).status_code
        == 404
    )


@pytest.fixture
def two_venues(announced_round, org_expert, roster_person, agency):
    """Supervisor A (roster_person, with an account) at the first venue, supervisor B (an account too) at
    a second one; both venues' reports filed by their own supervisors."""
    first = announced_round.venues.get()
    second = rounds.venue_add(
        actor=org_expert, round_=announced_round, name="دانشگاه دزفول", address="دزفول", capacity=300
    )
    b_user = UserFactory(
        organization=agency, roles=[Role.SUPERVISOR], username="supervisor-b", national_id=national_id(901)
    )
    b_person = supervisors.supervisor_add(
        actor=org_expert,
        full_name="محمد رضایی",
        national_id=national_id(901),
        photo=png_upload(),
        user=b_user,
    )
    mine = supervisors.supervisor_nominate(actor=org_expert, venue=first, supervisor=roster_person)
    theirs = supervisors.supervisor_nominate(actor=org_expert, venue=second, supervisor=b_person)
    rounds.exam_report_file(actor=b_user, venue=second, present=250, absent=50)
    return mine, theirs


def test_a_supervisor_opens_their_own_card_venue_and_report_and_not_anothers(
    two_venues, supervisor_user, login
):
    mine, theirs = two_venues
    client = login(supervisor_user)
    card = lambda n: reverse("recruitment:nomination_card", kwargs={"pk": n.pk})  # noqa: E731
    assert client.get(card(mine)).status_code == 200
    assert client.get(card(theirs)).status_code == 404
    assert client.get(reverse("recruitment:venue_detail", kwargs={"pk": mine.venue_id})).status_code == 200
    for name in ("venue_detail", "venue_report", "venue_cards"):
        assert (
            client.get(reverse(f"recruitment:{name}", kwargs={"pk": theirs.venue_id})).status_code == 404
        ), name
    # Their own venue's report is theirs to file; the sheet of every card of it is not theirs to print.
    assert client.get(reverse("recruitment:venue_report", kwargs={"pk": mine.venue_id})).status_code == 200
    assert client.get(reverse("recruitment:venue_cards", kwargs={"pk": mine.venue_id})).status_code == 403
    with pytest.raises(ServiceError) as refused:
        rounds.exam_report_file(actor=supervisor_user, venue=theirs.venue, present=1, absent=0)
    assert isinstance(refused.value, ForbiddenError)
    # No round, roster or other side of the exam.
    assert (
        client.get(reverse("recruitment:round_detail", kwargs={"pk": mine.venue.round_id})).status_code == 404
    )
    assert (
        client.get(reverse("recruitment:venue_list", kwargs={"pk": mine.venue.round_id})).status_code == 404
    )


def test_the_training_group_cannot_open_a_round_or_a_hire_file(
    registration_round, hr, province, register, login
):
    case = register(hr, registration_round, 0)
    training = OrgUnitFactory(organization=province, code="training", name="گروه آموزش")
    trainer = UserFactory(organization=province, unit=training, roles=[Role.ORG_EXPERT], username="trainer")
    client = login(trainer)
    assert client.get(reverse("recruitment:round_list")).status_code == 403
    assert (
        client.get(reverse("recruitment:round_detail", kwargs={"pk": registration_round.pk})).status_code
        == 404
    )
    assert client.get(f"/api/recruitment/rounds/{registration_round.pk}/ledger").status_code == 404
    assert client.get(_case_url(case)).status_code == 404


def test_the_national_officer_sees_the_files_sent_to_the_nation_and_not_a_draft(
    registration_round, hr, org_expert, national_officer, register, login
):
    draft = register(hr, registration_round, 0, draft=True)
    submitted = register(hr, registration_round, 1)
    sent = perform(register(hr, registration_round, 2), "forward", actor=org_expert)
    client = login(national_officer)
    assert client.get(_case_url(sent)).status_code == 200
    assert client.get(_case_url(draft)).status_code == 404
    assert client.get(_case_url(submitted)).status_code == 404
    listed = client.get(f"/api/recruitment/rounds/{registration_round.pk}/hires").json()["items"]
    assert [row["tracking_code"] for row in listed] == [sent.tracking_code]
    # The employee number is the national officer's step: the Deputy may see the file, not give it.
    finalize = reverse("recruitment:hire_finalize", kwargs={"pk": sent.hire.pk})
    assert login(org_expert).post(finalize, {"employee_number": "7777777"}).status_code == 403
    assert login(national_officer).post(finalize, {"employee_number": "7777777"}).status_code == 302
    sent.refresh_from_db()
    assert sent.state == "approved"
    # Approved, it stays on the national org's list; a draft still never shows there.
    assert client.get(_case_url(sent)).status_code == 200
