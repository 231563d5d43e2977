"""Local holidays through the desk: a province's Organization staff import their own province's local
holidays, which move only its deadlines; the official national list stays the administrators'."""

import pytest

from apps.accounts.roles import OrgKind, Role
from apps.accounts.tests.factories import OrganizationFactory, OrgUnitFactory, ProvinceFactory, UserFactory
from apps.core.errors import ForbiddenError
from apps.core.holiday_calendar import holidays_import_official
from apps.core.jalali import parse_jalali_date as j
from apps.core.models import Holiday, HolidayYear
from apps.core.services import import_start
from apps.core.tests.xlsx import xlsx_upload
from apps.core.workdays import WorkCalendar

pytestmark = pytest.mark.django_db

# A Sunday in 1405 that is no national holiday: the province's own day off.
LOCAL_DAY = "1405/02/20"


@pytest.fixture
def year_1405():
    from apps.core.management.commands.load_holidays import HOLIDAYS_1405

    holidays_import_official(rows=[{"date": j(d), "title": t} for d, t in HOLIDAYS_1405])


@pytest.fixture
def ilam():
    return ProvinceFactory(code="ilam", name="ایلام", tracking_prefix="12")


def _org_staff(province, role=Role.ORG_EXPERT, unit="training"):
    organization = OrganizationFactory(kind=OrgKind.PROVINCE, province=province)
    group = OrgUnitFactory(organization=organization, code=unit)
    return UserFactory(organization=organization, unit=group, roles=[role])


def _import(user, *lines):
    return import_start(
        spec_name="holidays", uploaded_file=xlsx_upload([["تاریخ", "مناسبت"], *lines]), user=user
    )


def test_a_provinces_staff_import_their_own_provinces_local_holidays(year_1405, ilam):
    expert = _org_staff(ilam)
    years_before = list(HolidayYear.objects.values_list("year", "estimated"))
    national_before = Holiday.objects.filter(province__isnull=True).count()

    job = _import(expert, [LOCAL_DAY, "روز ملی ایلام"])
    assert job.status == job.Status.DONE, job.errors
    row = Holiday.objects.get(date=j(LOCAL_DAY))
    assert (row.province_id, row.title, row.estimated) == (ilam.pk, "روز ملی ایلام", False)
    # The nation's list and its covered years are as they were.
    assert Holiday.objects.filter(province__isnull=True).count() == national_before
    assert list(HolidayYear.objects.values_list("year", "estimated")) == years_before

    # Only Ilam's deadlines move over it.
    day = j(LOCAL_DAY)
    assert not WorkCalendar(province_id=ilam.pk).is_working_day(day)
    assert WorkCalendar(province_id=ProvinceFactory().pk).is_working_day(day)
    assert WorkCalendar().is_working_day(day)


def test_a_provinces_day_already_a_holiday_is_a_row_error_but_another_provinces_is_not(year_1405, ilam):
    Holiday.objects.create(date=j("1405/02/21"), title="روز خوزستان", province=ProvinceFactory())
    deputy = _org_staff(ilam, Role.ORG_DEPUTY, unit="management")
    job = _import(deputy, ["1405/01/01", "آغاز نوروز"], ["1405/02/21", "روز محلی"])
    assert job.status == job.Status.FAILED
    assert [e["row_number"] for e in job.errors] == [2]
    assert job.errors[0]["message"] == "این تاریخ پیش‌تر ثبت شده است."

    assert _import(deputy, ["1405/02/21", "روز محلی"]).status == job.Status.DONE
    again = _import(deputy, ["1405/02/21", "روز محلی"])
    assert again.status == job.Status.FAILED and again.errors[0]["row_number"] == 2


def test_the_administrators_import_is_the_official_national_list(national):
    admin = UserFactory(organization=national, is_superuser=True, is_staff=True)
    job = _import(admin, ["1406/01/01", "آغاز نوروز"])
    assert job.status == job.Status.DONE, job.errors
    assert Holiday.objects.get(date=j("1406/01/01")).province_id is None
    assert HolidayYear.objects.get(year=1406).estimated is False


def test_an_agency_may_not_import_holidays(ilam):
    agency = OrganizationFactory(province=ilam)
    officer = UserFactory(organization=agency, roles=[Role.AGENCY_OFFICER])
    with pytest.raises(ForbiddenError):
        _import(officer, [LOCAL_DAY, "روز محلی"])
    assert not Holiday.objects.filter(date=j(LOCAL_DAY)).exists()
