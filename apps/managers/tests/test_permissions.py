"""Service C's rows of the permission table at their boundaries (apps/managers/permissions.py): the council
reads the forms of the nominees on its agenda only, the training group nothing of managers, an appointee
their own decree and not a colleague's, HR the agency's database, the national officer the pool and the
half-yearly report."""

import pytest
from django.urls import reverse

from apps.accounts.roles import Role
from apps.accounts.security import REFUSED_HEADER
from apps.accounts.tests.factories import OrgUnitFactory, UserFactory
from apps.core.errors import ForbiddenError
from apps.managers.models import Decree
from apps.managers.services import council as council_services
from apps.managers.services import nominations as nomination_services
from apps.managers.services import profiles as profile_services


def _refused(response) -> int:
    return int(response[REFUSED_HEADER]) if response.has_header(REFUSED_HEADER) else 0


@pytest.fixture
def training_expert(province):
    unit = OrgUnitFactory(organization=province, code="training", name="گروه آموزش")
    return UserFactory(organization=province, unit=unit, roles=[Role.ORG_EXPERT], username="trainer")


def test_a_council_member_reads_the_forms_of_nominees_on_the_agenda_and_no_others(
    login, drive, council_member
):
    on_agenda = drive("council").nomination
    not_yet = drive("hr_check").nomination
    client = login(council_member)
    seen = on_agenda.candidates.first()
    unseen = not_yet.candidates.first()
    assert client.get(reverse("managers:form3", args=[seen.pk])).status_code == 200
    assert client.get(reverse("managers:profile_form2", args=[seen.profile_id])).status_code == 200
    assert client.get(reverse("managers:form1", args=[on_agenda.pk])).status_code == 200
    # A nomination HR has not sent to the council is not the member's to read.
    for url in (
        reverse("managers:form3", args=[unseen.pk]),
        reverse("managers:profile_form2", args=[unseen.profile_id]),
        reverse("managers:form1", args=[not_yet.pk]),
    ):
        response = client.get(url)
        assert (response.status_code, _refused(response)) == (404, 404), url
    # The case page of the agenda's nomination opens; the other's does not.
    assert client.get(reverse("workflow:case_detail", args=[on_agenda.case.tracking_code])).status_code == 200
    assert client.get(reverse("workflow:case_detail", args=[not_yet.case.tracking_code])).status_code == 404


def test_a_council_member_reads_nothing_else_of_the_agency(login, council_member, make_profile, drive):
    profile = make_profile("کامران فرهادی")
    nomination = drive("council").nomination
    client = login(council_member)
    # Not the managers' database, nor the profile of someone who is nobody's nominee.
    assert client.get(reverse("managers:profile_list")).status_code == 403
    assert client.get(reverse("managers:profile_form2", args=[profile.pk])).status_code == 404
    # Seeing Form 3 is not filling it: that is HR's, and scoring is the secretary's.
    candidate = nomination.candidates.first()
    response = client.post(reverse("managers:candidate_score", args=[candidate.pk]), {})
    assert (response.status_code, _refused(response)) == (403, 403)


def test_the_council_secretary_scores_and_hr_checks_each_only_their_own_form(drive, hr, secretary):
    from apps.core.errors import ServiceError

    from .conftest import GENERAL_SEVENS, form3

    candidate = drive("council").nomination.candidates.first()
    with pytest.raises(ServiceError) as refusal:
        council_services.candidate_score(actor=hr, candidate=candidate, general=GENERAL_SEVENS, specific=[])
    assert isinstance(refusal.value, ForbiddenError)
    checking = drive("hr_check").nomination.candidates.first()
    with pytest.raises(ServiceError) as refusal:
        nomination_services.candidate_check(actor=secretary, candidate=checking, data=form3(checking))
    assert isinstance(refusal.value, ForbiddenError)


def test_the_training_group_cannot_open_the_managers_database(login, training_expert, make_profile):
    profile = make_profile()
    client = login(training_expert)
    response = client.get(reverse("managers:profile_list"))
    assert (response.status_code, _refused(response)) == (403, 403)
    response = client.get(reverse("managers:profile_detail", args=[profile.pk]))
    assert (response.status_code, _refused(response)) == (404, 404)
    assert client.get("/api/managers/profiles").status_code == 403
    assert client.get(reverse("managers:home")).status_code == 403


def test_hr_reads_the_agencys_database_and_the_management_group_the_provinces(
    login, hr, org_expert, make_profile, other_head
):
    mine = make_profile()
    theirs = make_profile("الهام شریفی", organization_head=other_head)
    client = login(hr)
    assert client.get(reverse("managers:profile_detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("managers:profile_detail", args=[theirs.pk])).status_code == 404
    client = login(org_expert)
    listed = {row["id"] for row in client.get("/api/managers/profiles").json()}
    assert {mine.pk, theirs.pk} <= listed
    # The group follows the database; it does not write in it.
    assert client.post(reverse("managers:profile_edit", args=[mine.pk]), {}).status_code == 403


def test_an_employee_gets_their_own_decree_and_not_a_colleagues(login, drive, agency):
    drive("appointed")
    decree = Decree.objects.get()
    appointee = UserFactory(
        organization=agency,
        roles=[Role.LEARNER],
        national_id=decree.profile.national_id,
        username="appointee",
    )
    colleague = UserFactory(organization=agency, roles=[Role.LEARNER], username="colleague")
    client = login(appointee)
    page = client.get(reverse("managers:decree_detail", args=[decree.pk]))
    assert page.status_code == 200
    # The appointee reads; the forms of clause 10 are the superior's and HR's.
    assert reverse("managers:evaluation_add", args=[decree.pk]) not in page.content.decode()
    assert client.get(reverse("documents:download", args=[decree.document_id])).status_code == 200
    # What follows the decree (evaluations, changes) is another kind, not theirs at all.
    response = client.post(reverse("managers:evaluation_add", args=[decree.pk]), {})
    assert _refused(response) == 404
    client = login(colleague)
    response = client.get(reverse("managers:decree_detail", args=[decree.pk]))
    assert (response.status_code, _refused(response)) == (404, 404)
    assert client.get(reverse("documents:download", args=[decree.document_id])).status_code == 404
    assert client.get(reverse("managers:profile_list")).status_code == 403


def test_the_national_officer_reads_the_pool_and_the_report_not_the_database(
    login, national_officer, make_profile, head
):
    profile = make_profile()
    profile_services.profile_publish(actor=head, profile=profile, published=True)
    client = login(national_officer)
    assert client.get(reverse("managers:pool_detail", args=[profile.pk])).status_code == 200
    assert client.get(reverse("managers:report")).status_code == 200
    assert client.get(reverse("managers:profile_detail", args=[profile.pk])).status_code == 404
    assert client.get(reverse("managers:decree_list")).status_code == 403
