"""Fixtures every app's tests share: a province with its Organization, two agencies, one user per role."""

import pytest

from apps.accounts.roles import OrgKind, Role
from apps.accounts.tests.factories import (
    PASSWORD,
    OrganizationFactory,
    OrgUnitFactory,
    ProvinceFactory,
    UserFactory,
)

pytest_plugins = ["apps.core.tests.browser"]


@pytest.fixture(autouse=True)
def _media_and_cache(settings, tmp_path):
    # Argon2 is slow by design and the suite creates thousands of users; the one test of the hashing
    # itself puts the project's hashers back.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.KHEDMAT_SMS_FILE_PATH = str(tmp_path / "sms.log")
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def province(db):
    return OrganizationFactory(
        kind=OrgKind.PROVINCE, code="P", name="سازمان مدیریت و برنامه‌ریزی استان خوزستان"
    )


@pytest.fixture
def national(db):
    return OrganizationFactory(kind=OrgKind.NATIONAL, code="N", name="سازمان اداری و استخدامی کشور")


@pytest.fixture
def agency(db):
    return OrganizationFactory(code="101", name="استانداری خوزستان")


@pytest.fixture
def other_agency(db):
    return OrganizationFactory(code="102", name="اداره کل آموزش و پرورش استان خوزستان")


@pytest.fixture
def fars(db):
    """A second province: its Organization, its expert and one agency with its officer."""
    province = ProvinceFactory(code="fars", name="فارس", tracking_prefix="17")
    organization = OrganizationFactory(
        kind=OrgKind.PROVINCE, code="FP", name="سازمان مدیریت و برنامه‌ریزی استان فارس", province=province
    )
    unit = OrgUnitFactory(organization=organization, code="management", name="گروه توسعه مدیریت")
    agency = OrganizationFactory(code="701", name="استانداری فارس", province=province)
    return {
        "expert": UserFactory(
            organization=organization, unit=unit, roles=[Role.ORG_EXPERT], username="farsexpert"
        ),
        "officer": UserFactory(organization=agency, roles=[Role.AGENCY_OFFICER], username="farsofficer"),
    }


@pytest.fixture
def management_unit(province):
    return OrgUnitFactory(organization=province, code="management", name="گروه توسعه مدیریت")


@pytest.fixture
def org_expert(province, management_unit):
    return UserFactory(
        organization=province, unit=management_unit, roles=[Role.ORG_EXPERT], username="expert"
    )


@pytest.fixture
def group_head(province, management_unit):
    return UserFactory(
        organization=province, unit=management_unit, roles=[Role.ORG_GROUP_HEAD], username="grouphead"
    )


@pytest.fixture
def agency_officer(agency):
    return UserFactory(organization=agency, roles=[Role.AGENCY_OFFICER], username="officer")


@pytest.fixture
def other_officer(other_agency):
    return UserFactory(organization=other_agency, roles=[Role.AGENCY_OFFICER], username="otherofficer")


@pytest.fixture
def national_officer(national):
    return UserFactory(organization=national, roles=[Role.NATIONAL_OFFICER], username="national")


@pytest.fixture
def login(client):
    """Signs a user in on the test client and returns the client."""

    def _login(user):
        client.force_login(user)
        return client

    return _login
