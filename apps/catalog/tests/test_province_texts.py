"""A province's own wording of a service card: it wins for that province's readers (and for whoever asks
for that province); everyone else reads the nation's text."""

import pytest
from django.test import Client
from django.urls import reverse

from apps.accounts.roles import OrgKind, Role
from apps.accounts.tests.factories import OrganizationFactory, ProvinceFactory, UserFactory
from apps.catalog.content import TRAINING
from apps.catalog.models import ProvinceServiceText

pytestmark = pytest.mark.django_db

ILAM_DURATION = "در استان ایلام: ده روز کاری پس از ثبت درخواست"
ILAM_DESCRIPTION = "دوره‌های آموزشی کارکنان دولت در استان ایلام، با هماهنگی دفتر آموزش استان"


@pytest.fixture
def ilam():
    province = ProvinceFactory(code="ilam", name="ایلام", tracking_prefix="12")
    ProvinceServiceText.objects.create(
        province=province, service="training", field="duration", text=ILAM_DURATION
    )
    ProvinceServiceText.objects.create(
        province=province, service="training", field="description", text=ILAM_DESCRIPTION
    )
    return province


def _reader(province):
    organization = OrganizationFactory(kind=OrgKind.AGENCY, province=province)
    client = Client()
    client.force_login(UserFactory(organization=organization, roles=[Role.AGENCY_OFFICER]))
    return client


def _national_duration() -> str:
    return f'data-testid="duration">{TRAINING.duration}</td>'


def _card(client, **params) -> str:
    response = client.get(reverse("catalog:detail", args=["training"]), params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_provinces_reader_reads_its_own_wording(ilam):
    page = _card(_reader(ilam))
    assert ILAM_DURATION in page and ILAM_DESCRIPTION in page
    assert _national_duration() not in page
    listing = _reader(ilam).get(reverse("catalog:index")).content.decode()
    assert ILAM_DESCRIPTION in listing and f"?province={ilam.pk}" in listing


def test_everyone_else_reads_the_nations_text(ilam):
    for client in (Client(), _reader(ProvinceFactory())):
        page = _card(client)
        assert _national_duration() in page and ILAM_DURATION not in page
    # Another service of the same province keeps the nation's text: only what the province wrote changes.
    assert (
        "ده روز کاری" not in _reader(ilam).get(reverse("catalog:detail", args=["managers"])).content.decode()
    )


def test_a_citizen_picks_a_province_by_its_persian_name(ilam):
    index = Client().get(reverse("catalog:index")).content.decode()
    assert (
        f'<option value="{ilam.pk}" >ایلام</option>' in index
        or f'<option value="{ilam.pk}">ایلام</option>' in index
    )
    page = _card(Client(), province=ilam.pk)
    assert ILAM_DURATION in page and "سازمان مدیریت و برنامه‌ریزی استان ایلام" in page
