"""Service levels from step records: on-time rate, median and 90th percentile, overdue now; the public
page and route leak nothing personal."""

import datetime as dt

import pytest
from django.urls import reverse

from apps.accounts.roles import Role
from apps.complaints import selectors
from apps.complaints.rules import SERVICE_LEVEL_PERCENTILE
from apps.core.dashboards import ReportFilters
from apps.support.services import fault_report_file
from apps.workflow.models import Case, StepRecord
from apps.workflow.process import Process, Side, Step, WorkingDays, register
from apps.workflow.services import case_open, perform

pytestmark = pytest.mark.django_db

# A process declared here, so the figures are shown to come from any declaration, not only support's.
NOTE = register(
    Process(
        name="complaints_test.note",
        label="یادداشت آزمایشی",
        service="complaints-test",
        initial="waiting",
        steps=(
            Step(
                "waiting",
                "در انتظار",
                actors=(Role.ORG_EXPERT,),
                side=Side.PROVINCE,
                allowance=WorkingDays(3),
            ),
            Step("done", "پایان", final=True),
        ),
    )
)

MONDAY = dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.UTC)
# Working days from Monday: Tuesday 1, Wednesday 2, the next Sunday 5 (Friday is off).
FINISHES = ((1, True), (2, True), (6, False))


def _faults(officer, expert):
    cases = [
        fault_report_file(actor=officer, category="page", description="فرم ثبت پاسخ نمی‌دهد.")
        for _ in range(4)
    ]
    for case, (days, on_time) in zip(cases, FINISHES, strict=False):
        perform(case, "resolve", actor=expert, reason="برطرف شد.")
        StepRecord.objects.filter(case=case, state="submitted").update(
            started_at=MONDAY, finished_at=MONDAY + dt.timedelta(days=days), on_time=on_time
        )
    StepRecord.objects.filter(case=cases[3]).update(due_date=dt.date(2020, 1, 1))
    return cases


def _submitted(levels):
    return next(row for row in levels if row.process == "support.fault" and row.state == "submitted")


def test_the_figures_of_a_step(agency_officer, org_expert):
    _faults(agency_officer, org_expert)
    row = _submitted(selectors.service_levels(cases=Case.objects.all()))
    assert SERVICE_LEVEL_PERCENTILE == 90
    assert (row.allowance_days, row.finished, row.on_time) == (2, 3, 2)
    assert row.on_time_percent == 67
    assert row.median_days == 2
    assert row.percentile_days == 5
    assert (row.open_now, row.overdue_now) == (1, 1)


def test_every_declared_step_with_an_allowance_has_a_row():
    levels = selectors.service_levels(cases=Case.objects.none(), service="complaints-test")
    assert [(r.process, r.state, r.allowance_days, r.on_time_percent) for r in levels] == [
        ("complaints_test.note", "waiting", 3, None)
    ]


def test_a_declared_test_process_is_measured_too(agency_officer, org_expert, province):
    case = case_open(
        process_name=NOTE.name, owner=agency_officer.organization, actor=agency_officer, title="آزمون"
    )
    StepRecord.objects.filter(case=case).update(due_date=dt.date(2020, 1, 1))
    (row,) = selectors.service_levels(cases=Case.objects.all(), service="complaints-test")
    assert (row.open_now, row.overdue_now) == (1, 1)


def test_an_agency_sees_only_its_own_figures(agency_officer, other_officer, org_expert):
    _faults(agency_officer, org_expert)
    theirs = selectors.service_levels_for_user(user=other_officer, filters=ReportFilters())
    assert _submitted(theirs).finished == 0
    forced = selectors.service_levels_for_user(
        user=other_officer, filters=ReportFilters(organization_id=agency_officer.organization_id)
    )
    assert _submitted(forced).finished == 0
    province_wide = selectors.service_levels_for_user(user=org_expert, filters=ReportFilters())
    assert _submitted(province_wide).finished == 3


def test_the_public_page_and_route_show_counts_and_nothing_personal(client, agency_officer, org_expert):
    cases = _faults(agency_officer, org_expert)
    secrets = {
        agency_officer.organization.name,
        agency_officer.last_name,
        agency_officer.mobile,
        agency_officer.national_id,
        org_expert.last_name,
        *(c.tracking_code for c in cases),
    }
    secrets |= {s.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) for s in secrets}
    page = client.get(reverse("complaints:service_level_public", args=["support"]))
    body = page.content.decode()
    assert page.status_code == 200 and "۶۷٪" in body and "در انتظار بررسی کارشناس" in body
    api = client.get("/api/complaints/service-levels/public/support")
    assert api.status_code == 200 and any(r["finished"] == 3 for r in api.json())
    for text in (body, api.content.decode()):
        assert not [s for s in secrets if s and s in text]
    assert client.get(reverse("complaints:service_level_public", args=["nothing-here"])).status_code == 404
    xlsx = client.get(reverse("complaints:service_level_public", args=["support"]), {"format": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_footer_links_the_public_pages(client):
    body = client.get(reverse("catalog:index")).content.decode()
    for name in ("complaint_track", "service_level_index", "availability"):
        assert reverse(f"complaints:{name}") in body


def test_the_index_and_the_catalog_link_to_the_public_pages(client):
    body = client.get(reverse("complaints:service_level_index")).content.decode()
    assert reverse("complaints:service_level_public", args=["training"]) in body
    catalog = client.get(reverse("catalog:detail", args=["training"])).content.decode()
    assert reverse("complaints:service_level_public", args=["training"]) in catalog
    assert reverse("complaints:complaint_new") + "?service=training" in catalog
    assert client.get(reverse("complaints:service_level_public", args=["training"])).status_code == 200
