"""The demo builder: the agency's demo employee attends courses, so their own record shows what the seed
promises an employee: the requests that list them and their certificate once released."""

import pytest

from apps.accounts import permissions
from apps.accounts.demo import world_build
from apps.accounts.models import Organization
from apps.accounts.roles import Role
from apps.documents.models import IssuedDocument
from apps.training.demo import build
from apps.training.models import TrainingRequest

pytestmark = pytest.mark.django_db


def test_the_demo_employee_reaches_their_own_requests_and_released_certificate(
    client, django_capture_on_commit_callbacks
):
    world = world_build(
        agencies=[{"code": "901", "name": "دستگاه نمونه", "kind": "directorate"}], suffix="-t"
    )
    agency_id = next(iter(world.agency_users))
    # The certificates are rendered after commit, as the demo loader's own transaction lets them be.
    with django_capture_on_commit_callbacks(execute=True):
        build(world, Organization.objects.get(pk=agency_id))
    employee = world.agency_users[agency_id][Role.LEARNER]

    requests = permissions.visible(TrainingRequest.objects.all(), employee)
    assert requests.count() == 3
    assert all(r.learners.filter(national_id=employee.national_id).exists() for r in requests)

    certificates = permissions.visible(IssuedDocument.objects.all(), employee)
    assert certificates.count() == 1
    certificate = certificates.get()
    assert certificate.holder_national_id == employee.national_id
    client.force_login(employee)
    assert client.get(f"/documents/{certificate.pk}/download/").status_code == 200
