"""Service tests: each step changes what it should, writes its audit row and tells the right people."""

import pytest

from apps.audit.models import AuditEntry
from apps.core.digits import to_persian_digits
from apps.core.errors import ForbiddenError, NotFoundError, ServiceError
from apps.documents.models import IssuedDocument
from apps.notifications.models import Message
from apps.recruitment.models import Candidate, ExamReport, Hire, JobQuota, Round
from apps.recruitment.selectors import ledger_by_agency, ledger_reconciles, ledger_totals
from apps.recruitment.services import hires, rounds, supervisors
from apps.workflow.services import perform

from .conftest import national_id, png_upload

pytestmark = pytest.mark.django_db


def test_a_hire_file_walks_from_registration_to_the_employee_number(
    registration_round, hr, org_expert, national_officer, register
):
    case = register(hr, registration_round, 0)
    quota = JobQuota.objects.get(round=registration_round, job_code="J1")
    assert (case.state, quota.registered, quota.approved) == ("submitted", 1, 0)
    assert case.current_unit.code == "management"
    assert Message.objects.filter(recipient=org_expert, case=case).exists()

    case = perform(case, "forward", actor=org_expert)
    assert case.state == "national"
    assert case.current_org == national_officer.organization

    case = hires.hire_finalize(
        actor=national_officer,
        hire=case.hire,
        employee_number="۱۲۳۴۵۶۷۸".translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")),
    )
    quota.refresh_from_db()
    assert case.is_closed and case.state == "approved"
    assert Hire.objects.get(case=case).employee_number == "12345678"
    assert quota.approved == 1
    assert Message.objects.filter(recipient=hr, case=case, subject__contains="شماره مستخدم").exists()
    entry = AuditEntry.objects.get(case=case, action="recruitment.hire.approve")
    assert entry.changes["employee_number"] == "12345678"
    assert ledger_reconciles(round_=registration_round)


def test_the_approve_button_waits_for_an_employee_number(
    registration_round, hr, org_expert, national_officer, register
):
    case = perform(register(hr, registration_round, 0), "forward", actor=org_expert)
    with pytest.raises(ServiceError, match="شماره مستخدم"):
        perform(case, "approve", actor=national_officer)
    with pytest.raises(ServiceError, match="رقم"):
        hires.hire_finalize(actor=national_officer, hire=case.hire, employee_number="12ab")
    case.refresh_from_db()
    assert case.state == "national" and case.hire.employee_number == ""


def test_an_employee_number_is_given_once(registration_round, hr, org_expert, national_officer, register):
    first = perform(register(hr, registration_round, 0), "forward", actor=org_expert)
    second = perform(register(hr, registration_round, 1), "forward", actor=org_expert)
    hires.hire_finalize(actor=national_officer, hire=first.hire, employee_number="90000001")
    with pytest.raises(ServiceError, match="فرد دیگری"):
        hires.hire_finalize(actor=national_officer, hire=second.hire, employee_number="90000001")


def test_only_the_owner_agency_registers_and_only_its_own_people(
    registration_round, other_hr, agency_officer, register
):
    with pytest.raises(ServiceError) as refusal:
        register(other_hr, registration_round, 0)
    assert isinstance(refusal.value, NotFoundError)
    assert not Hire.objects.exists()


def test_the_agency_fixes_a_returned_file_and_the_change_is_audited(
    registration_round, hr, org_expert, register
):
    case = register(hr, registration_round, 0)
    with pytest.raises(ServiceError, match="پس از بازگشت"):
        hires.hire_update(actor=hr, hire=case.hire, changes={"father_name": "احمد"})
    perform(case, "return", actor=org_expert, reason="نام پدر با شناسنامه یکی نیست.")
    hires.hire_update(actor=hr, hire=case.hire, changes={"father_name": "احمد"})
    entry = AuditEntry.objects.get(case=case, action="recruitment.hire.updated")
    assert entry.changes == {"father_name": {"from": "محمود", "to": "احمد"}}


def test_the_ledger_reconciles_from_national_posts_down_to_each_file(
    registration_round, hr, org_expert, national_officer, register, agency, other_agency
):
    for n in (0, 1, 2):
        register(hr, registration_round, n)
    perform(Hire.objects.get(national_id=national_id(0)).case, "forward", actor=org_expert)
    hires.hire_finalize(
        actor=national_officer, hire=Hire.objects.get(national_id=national_id(0)), employee_number="7000001"
    )

    quotas = JobQuota.objects.filter(round=registration_round)
    totals = ledger_totals(quotas=quotas)
    by_agency = {row["agency_id"]: row for row in ledger_by_agency(quotas=quotas)}
    assert totals == {"posts": 15, "allocated": 15, "registered": 3, "approved": 1, "remaining": 12}
    for field in ("posts", "allocated", "registered", "approved"):
        assert sum(row[field] for row in by_agency.values()) == totals[field]
    assert by_agency[agency.pk]["registered"] == Hire.objects.filter(agency=agency).count() == 3
    assert by_agency[other_agency.pk]["registered"] == 0
    assert ledger_reconciles(round_=registration_round)


def test_results_published_tell_the_deputy_and_the_agencies(
    announced_round, org_expert, national_officer, hr, other_hr
):
    venue = announced_round.venues.get()
    rounds.exam_report_file(actor=org_expert, venue=venue, present=10, absent=2)
    rounds.round_reports_send(actor=org_expert, round_=announced_round)
    assert (
        Message.objects.get(recipient=national_officer, subject__contains="گزارش‌های آزمون").body == "۱ حوزه"
    )

    rows = [
        {
            "national_id": national_id(1),
            "first_name": "الف",
            "last_name": "ب",
            "job_code": "J1",
            "exam_score": 70,
            "quota_type": "free",
        }
    ]
    assert rounds.results_publish(actor=national_officer, round_=announced_round, rows=rows) == 1
    announced_round.refresh_from_db()
    assert announced_round.stage == Round.Stage.RESULTS
    assert Candidate.objects.get().status == Candidate.Status.INITIAL
    for person in (org_expert, hr):
        assert Message.objects.get(recipient=person, subject__contains="پذیرفته‌شدگان اولیه").body == "۱ نفر"
    # The other agency has nobody on the list and hears nothing.
    assert not Message.objects.filter(recipient=other_hr).exists()


def test_reports_go_to_the_national_org_only_when_every_venue_has_one(announced_round, org_expert):
    rounds.venue_add(actor=org_expert, round_=announced_round, name="حوزه دوم", address="دزفول", capacity=100)
    first = announced_round.venues.order_by("id").first()
    rounds.exam_report_file(actor=org_expert, venue=first, present=10, absent=1)
    with pytest.raises(ServiceError, match="حوزه دوم"):
        rounds.round_reports_send(actor=org_expert, round_=announced_round)
    assert not ExamReport.objects.filter(sent_at__isnull=False).exists()


def test_a_supervisor_files_the_report_of_his_own_venue_only(
    announced_round, org_expert, roster_person, supervisor_user
):
    venue = announced_round.venues.get()
    with pytest.raises(ServiceError, match="ناظران همین حوزه"):
        rounds.exam_report_file(actor=supervisor_user, venue=venue, present=1, absent=0)
    supervisors.supervisor_nominate(actor=org_expert, venue=venue, supervisor=roster_person)
    report = rounds.exam_report_file(
        actor=supervisor_user,
        venue=venue,
        present=480,
        absent=20,
        incidents="یک مورد تقلب",
        forms_file=png_upload("form.png"),
    )
    assert report.filed_by == supervisor_user
    with pytest.raises(ServiceError, match="ظرفیت"):
        rounds.exam_report_file(actor=supervisor_user, venue=venue, present=500, absent=1)


def test_nominating_a_supervisor_issues_a_card_that_verifies(
    announced_round, org_expert, roster_person, client
):
    venue = announced_round.venues.get()
    nomination = supervisors.supervisor_nominate(actor=org_expert, venue=venue, supervisor=roster_person)
    card = IssuedDocument.objects.get(pk=nomination.card_id)
    assert card.kind == "supervisor_card"
    assert card.holder_national_id == roster_person.national_id
    assert card.file.read().startswith(b"%PDF")
    page = client.get(f"/verify/{card.verification_code}/")
    assert page.status_code == 200
    body = page.content.decode()
    # The public page shows the card's facts; the holder's name only masked (documents' own rule).
    # Its numbers read in Persian digits, as every number a person reads on the desk.
    assert "اصیل" in body and to_persian_digits(nomination.card_number) in body and venue.name in body

    with pytest.raises(ServiceError, match="برای این حوزه معرفی شده"):
        supervisors.supervisor_nominate(actor=org_expert, venue=venue, supervisor=roster_person)


def test_a_supervisor_photo_must_be_an_image(org_expert):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("photo.png", b"%PDF-1.4 not an image", content_type="image/png")
    with pytest.raises(ServiceError, match="PNG"):
        supervisors.supervisor_add(
            actor=org_expert, full_name="ناظر", national_id=national_id(77), photo=fake
        )


def test_agencies_cannot_run_the_deputys_steps(new_round, hr):
    with pytest.raises(ServiceError) as refusal:
        rounds.round_announce(
            actor=hr, round_=new_round, exam_date=new_round.created_at.date(), supervisors_requested=1
        )
    assert isinstance(refusal.value, ForbiddenError)


def test_a_round_closes_only_when_its_files_are_closed(registration_round, hr, org_expert, register):
    register(hr, registration_round, 0)
    with pytest.raises(ServiceError, match=r"^۱ پرونده استخدام این دوره هنوز باز است\.$"):
        rounds.round_close(actor=org_expert, round_=registration_round)
    Hire.objects.all().delete()
    rounds.round_close(actor=org_expert, round_=registration_round)
    registration_round.refresh_from_db()
    assert registration_round.stage == Round.Stage.CLOSED


def test_the_numbers_in_the_rounds_messages_are_in_persian_digits(results_round, org_expert, hr):
    # The request for supervisors (round_announce) and a quota allocated for registration.
    announced = Message.objects.filter(subject__contains="درخواست معرفی ناظر")
    assert announced.exists() and {m.body for m in announced} == {"تعداد ناظران درخواستی: ۲"}
    quota = JobQuota.objects.get(round=results_round, job_code="J1")
    rounds.quota_allocate(actor=org_expert, quota=quota, allocated=5)
    allocated = Message.objects.filter(recipient=hr, subject__contains="تخصیص یافت")
    assert allocated.exists() and {m.body for m in allocated} == {"۵ نفر — اهواز"}


def test_an_interview_score_out_of_range_is_refused_in_persian_digits(
    results_round, org_expert, interview_panel
):
    panel = interview_panel
    with pytest.raises(ServiceError) as refused:
        rounds.candidate_interview_record(
            actor=org_expert, candidate=Candidate.objects.first(), panel=panel, score=101, minutes="—"
        )
    assert refused.value.message == "نمره مصاحبه باید بین ۰ تا ۱۰۰ باشد."
