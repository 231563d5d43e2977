"""Factories for organizations and users, shared by every app's tests."""

import factory

from apps.accounts.models import Organization, OrgUnit, Province, User
from apps.accounts.roles import OrgKind, Role
from apps.core.national_id import national_id_with_checksum

PASSWORD = "Khedmat-Test-1405"


class ProvinceFactory(factory.django.DjangoModelFactory):
    """Khuzestan unless told otherwise: the one province the tests' organizations share by default."""

    class Meta:
        model = Province
        django_get_or_create = ("code",)

    code = "khuzestan"
    name = "خوزستان"
    tracking_prefix = "11"


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("code",)

    kind = OrgKind.AGENCY
    code = factory.Sequence(lambda n: f"9{n:03d}")
    name = factory.Sequence(lambda n: f"اداره کل آزمایشی شماره {n}")
    # The national body alone is in no province.
    province = factory.LazyAttribute(lambda o: None if o.kind == OrgKind.NATIONAL else ProvinceFactory())


class OrgUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit
        django_get_or_create = ("organization", "code")

    organization = factory.SubFactory(OrganizationFactory, kind=OrgKind.PROVINCE, code="P")
    code = "management"
    name = "گروه توسعه مدیریت"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "کاربر"
    last_name = factory.Sequence(lambda n: f"آزمایشی {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    national_id = factory.Sequence(
        lambda n: national_id_with_checksum(f"{100000000 + n * 7919 % 899999999:09d}")
    )
    mobile = factory.Sequence(lambda n: f"0912{n:07d}")
    organization = factory.SubFactory(OrganizationFactory)
    roles = factory.LazyFunction(lambda: [Role.AGENCY_OFFICER])
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()
