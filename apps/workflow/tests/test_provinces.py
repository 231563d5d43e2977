"""Each province's own calendar and numbering: its local holidays move only its deadlines, and its cases'
tracking codes start with its prefix and never repeat another's. A case keeps its province in its own
column, which the province scope reads."""

import datetime as dt
import importlib
from types import SimpleNamespace

from django.apps import apps as django_apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.models import Organization
from apps.accounts.permissions import visible
from apps.accounts.roles import OrgKind, Role
from apps.accounts.tests.factories import OrganizationFactory, OrgUnitFactory, ProvinceFactory, UserFactory
from apps.core.models import Holiday
from apps.core.workdays import WorkCalendar
from apps.workflow import models as workflow_models
from apps.workflow import services as workflow_services
from apps.workflow.models import Case, CaseAttachment, tracking_code_new
from apps.workflow.selectors import case_list_for_user
from apps.workflow.services import case_open
from apps.workflow.tests.conftest import REVIEW

# A Saturday, with only Friday off, so the days after it are plain working days.
START = dt.date(2025, 6, 7)


def _second_province():
    ilam = ProvinceFactory(code="ilam", name="ایلام", tracking_prefix="12")
    organization = OrganizationFactory(kind=OrgKind.PROVINCE, code="P-ilam", province=ilam)
    OrgUnitFactory(organization=organization, code="management")
    agency = OrganizationFactory(code="ILM101", name="استانداری ایلام", province=ilam)
    officer = UserFactory(organization=agency, roles=[Role.AGENCY_OFFICER], username="officer-ilam")
    return ilam, organization, officer


def test_a_local_holiday_moves_only_its_provinces_deadlines(db, settings):
    settings.KHEDMAT_WEEKLY_DAYS_OFF = [4]
    khuzestan, ilam = ProvinceFactory(), ProvinceFactory(code="ilam", name="ایلام", tracking_prefix="12")
    before = WorkCalendar(province_id=khuzestan.pk).add_working_days(START, 3)
    Holiday.objects.create(date=START + dt.timedelta(days=1), title="تعطیل محلی", province=khuzestan)

    assert WorkCalendar(province_id=khuzestan.pk).add_working_days(START, 3) == before + dt.timedelta(days=1)
    assert WorkCalendar(province_id=ilam.pk).add_working_days(START, 3) == before
    # The nation's calendar (a case of the national body) keeps no province's local day either.
    assert WorkCalendar().add_working_days(START, 3) == before


def test_a_national_holiday_moves_every_provinces_deadlines(db, settings):
    settings.KHEDMAT_WEEKLY_DAYS_OFF = [4]
    khuzestan, ilam = ProvinceFactory(), ProvinceFactory(code="ilam", name="ایلام", tracking_prefix="12")
    before = WorkCalendar(province_id=khuzestan.pk).add_working_days(START, 3)
    Holiday.objects.create(date=START + dt.timedelta(days=1), title="تعطیل رسمی")
    for province in (khuzestan, ilam):
        assert WorkCalendar(province_id=province.pk).add_working_days(START, 3) == before + dt.timedelta(
            days=1
        )


def test_a_case_is_due_by_its_owners_provinces_calendar(
    db, settings, agency_officer, management_unit, national, monkeypatch
):
    settings.KHEDMAT_WEEKLY_DAYS_OFF = [4]
    monkeypatch.setattr(workflow_services, "today", lambda: START)
    _ilam, _organization, ilam_officer = _second_province()
    # The Sunday after is a local holiday in Khuzestan alone.
    Holiday.objects.create(
        date=dt.date(2025, 6, 8), title="تعطیل محلی", province=agency_officer.organization.province
    )

    here = case_open(
        process_name=REVIEW.name, owner=agency_officer.organization, actor=agency_officer, title="ا"
    )
    there = case_open(
        process_name=REVIEW.name, owner=ilam_officer.organization, actor=ilam_officer, title="ب"
    )

    assert here.due_date > there.due_date


def test_a_case_waits_on_its_own_provinces_organization(db, agency_officer, management_unit, national):
    _ilam, ilam_organization, ilam_officer = _second_province()
    here = case_open(
        process_name=REVIEW.name, owner=agency_officer.organization, actor=agency_officer, title="ا"
    )
    there = case_open(
        process_name=REVIEW.name, owner=ilam_officer.organization, actor=ilam_officer, title="ب"
    )

    assert here.current_org == management_unit.organization
    assert there.current_org == ilam_organization
    assert there.current_unit.organization == ilam_organization


def test_tracking_codes_start_with_their_provinces_prefix(db, agency_officer, management_unit, national):
    ilam, _organization, ilam_officer = _second_province()
    here = case_open(
        process_name=REVIEW.name, owner=agency_officer.organization, actor=agency_officer, title="ا"
    )
    there = case_open(
        process_name=REVIEW.name, owner=ilam_officer.organization, actor=ilam_officer, title="ب"
    )

    assert here.tracking_code.startswith("11") and len(here.tracking_code) == 10
    assert there.tracking_code.startswith(ilam.tracking_prefix) and len(there.tracking_code) == 10
    national_code = tracking_code_new(Organization.objects.get(kind=OrgKind.NATIONAL))
    assert national_code.startswith(workflow_models.NATIONAL_TRACKING_PREFIX)


def test_a_tracking_code_already_taken_is_drawn_again(
    db, agency_officer, management_unit, national, monkeypatch
):
    taken = case_open(
        process_name=REVIEW.name, owner=agency_officer.organization, actor=agency_officer, title="ا"
    )
    draws = iter([int(taken.tracking_code[2:]), 12345678])
    monkeypatch.setattr(workflow_models.secrets, "randbelow", lambda _n: next(draws))

    again = case_open(
        process_name=REVIEW.name, owner=agency_officer.organization, actor=agency_officer, title="ب"
    )

    assert again.tracking_code == "1112345678"
    assert Case.objects.filter(tracking_code=taken.tracking_code).count() == 1


def test_a_case_carries_its_owners_province_from_its_opening_and_the_national_bodys_none(
    db, agency_officer, management_unit, national
):
    ilam, _organization, ilam_officer = _second_province()
    here = case_open(
        process_name=REVIEW.name, owner=agency_officer.organization, actor=agency_officer, title="ا"
    )
    there = case_open(
        process_name=REVIEW.name, owner=ilam_officer.organization, actor=ilam_officer, title="ب"
    )
    theirs = Case.objects.create(
        process=REVIEW.name,
        title="پ",
        owner=national,
        created_by=UserFactory(organization=national, roles=[Role.NATIONAL_OFFICER]),
    )

    assert here.province_id == agency_officer.organization.province_id is not None
    assert Case.objects.get(pk=there.pk).province == ilam
    assert theirs.province_id is None


def test_the_province_scope_reads_the_cases_own_province_and_not_its_owners(
    db, agency_officer, management_unit, national, org_expert
):
    case = case_open(
        process_name=REVIEW.name, owner=agency_officer.organization, actor=agency_officer, title="ا"
    )
    attachment = CaseAttachment.objects.create(
        case=case,
        title="نامه",
        file="attachments/x.pdf",
        kind="pdf",
        size=1,
        sha256="0" * 64,
        uploaded_by=agency_officer,
    )
    attachments = CaseAttachment.objects.filter(pk=attachment.pk)
    assert case_list_for_user(user=org_expert).filter(pk=case.pk).exists()
    assert visible(attachments, org_expert).exists()
    rows = str(case_list_for_user(user=org_expert).query).split(" WHERE ", 1)[1]
    # The filter is on the case table itself, which `case_province_idx` answers newest first; the owner is
    # joined for its name only.
    assert f'"workflow_case"."province_id" = {org_expert.organization.province_id}' in rows
    assert "accounts_organization" not in rows

    ilam, _organization, _officer = _second_province()
    Case.objects.filter(pk=case.pk).update(province=ilam)
    assert not case_list_for_user(user=org_expert).filter(pk=case.pk).exists()
    assert not visible(attachments, org_expert).exists()


def test_the_national_officers_province_filter_reads_the_cases_own_province(
    db, agency_officer, management_unit, national
):
    ilam, _organization, ilam_officer = _second_province()
    case_open(process_name=REVIEW.name, owner=agency_officer.organization, actor=agency_officer, title="ا")
    there = case_open(
        process_name=REVIEW.name, owner=ilam_officer.organization, actor=ilam_officer, title="ب"
    )
    admin = UserFactory(organization=national, is_superuser=True)
    only = case_list_for_user(user=admin, filters={"province": str(ilam.pk)})
    assert list(only.values_list("pk", flat=True)) == [there.pk]
    assert f'"workflow_case"."province_id" = {ilam.pk}' in str(only.query)


def test_the_data_migration_fills_every_cases_province_from_its_owner_in_batches(
    db, agency_officer, management_unit, national, monkeypatch
):
    _ilam, _organization, ilam_officer = _second_province()
    opened = [
        case_open(process_name=REVIEW.name, owner=officer.organization, actor=officer, title=f"{n}")
        for n, officer in enumerate(
            [agency_officer, ilam_officer, agency_officer, ilam_officer, ilam_officer]
        )
    ]
    theirs = Case.objects.create(
        process=REVIEW.name,
        title="ملی",
        owner=national,
        created_by=UserFactory(organization=national, roles=[Role.NATIONAL_OFFICER]),
    )
    Case.objects.update(province=None)
    fill = importlib.import_module("apps.workflow.migrations.0008_case_province_fill")
    monkeypatch.setattr(fill, "BATCH", 2)

    with CaptureQueriesContext(connection) as captured:
        fill.fill(django_apps, SimpleNamespace(connection=connection))

    for case in opened:
        case.refresh_from_db()
        assert case.province_id == case.owner.province_id is not None
    theirs.refresh_from_db()
    assert theirs.province_id is None
    updates = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("UPDATE")]
    assert len(updates) == 3  # six cases, two ids a batch
