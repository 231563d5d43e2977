"""The appointment end to end through the services: every step's rule, its audit row and its messages."""

import datetime as dt
import hashlib
from decimal import Decimal

import pytest

from apps.audit.models import AuditEntry
from apps.core import providers
from apps.core.errors import ConflictError, ForbiddenError, ServiceError
from apps.core.jalali import format_date, parse_jalali_date, today
from apps.documents.models import IssuedDocument
from apps.managers import appointment, selectors
from apps.managers.models import Candidate, Decree, Source
from apps.managers.rules import FOUR_YEARS, SIX_MONTHS, add_months
from apps.managers.services import agency as agency_services
from apps.managers.services import council as council_services
from apps.managers.services import decrees as decree_services
from apps.managers.services import nominations as nomination_services
from apps.managers.services import profiles as profile_services
from apps.notifications.models import Message
from apps.workflow.history import describe
from apps.workflow.services import perform, record_perform

from .conftest import GENERAL_SEVENS, form3

pytestmark = pytest.mark.django_db


def test_the_superior_opens_form_1_and_adds_candidates_with_source_and_priority(drive):
    case = drive("nomination")
    assert case.state == "nomination"
    candidates = list(case.nomination.candidates.order_by("priority"))
    assert [c.priority for c in candidates] == [1, 2]
    assert candidates[0].source == Source.AGENCY
    assert AuditEntry.objects.filter(case=case, action="managers.candidate.added").count() == 2


def test_only_the_posts_competent_superior_may_nominate(post, agency):
    from apps.accounts.roles import Role
    from apps.accounts.tests.factories import UserFactory

    another_head = UserFactory(organization=agency, roles=[Role.AGENCY_HEAD])
    with pytest.raises(ServiceError) as refusal:
        nomination_services.nomination_open(actor=another_head, post=post, proposer_position="معاون")
    assert isinstance(refusal.value, ForbiddenError)


def test_form_1_cannot_go_to_hr_without_a_candidate(head, post):
    case = nomination_services.nomination_open(actor=head, post=post, proposer_position="مدیرکل")
    with pytest.raises(ServiceError, match="دست‌کم یک نامزد"):
        perform(case, "submit", actor=head)


def test_hr_cannot_forward_until_form_3_is_filled_for_everyone(drive, hr):
    case = drive("hr_check")
    with pytest.raises(ServiceError, match="فرم شماره ۳"):
        perform(case, "forward", actor=hr)


def test_hr_cannot_forward_when_nobody_meets_the_conditions(drive, hr):
    case = drive("hr_check")
    for candidate in case.nomination.candidates.all():
        nomination_services.candidate_check(
            actor=hr,
            candidate=candidate,
            data=form3(candidate, related_experience_months=71, management_experience_months=23),
        )
    with pytest.raises(ServiceError, match="هیچ نامزدی شرایط احراز"):
        perform(case, "forward", actor=hr)


def test_hr_returns_the_nomination_with_a_reason(drive, hr):
    case = drive("hr_check")
    with pytest.raises(ServiceError, match="دلیل"):
        perform(case, "return", actor=hr)
    case = perform(case, "return", actor=hr, reason="مدارک نامزد دوم ناقص است.")
    assert case.state == "nomination"


def test_form_3_belongs_to_hr_at_its_step(drive, head, hr):
    case = drive("nomination")
    candidate = case.nomination.candidates.first()
    with pytest.raises(ServiceError) as refusal:
        nomination_services.candidate_check(actor=hr, candidate=candidate, data=form3(candidate))
    assert isinstance(refusal.value, ConflictError)
    case = perform(case, "submit", actor=head)
    with pytest.raises(ServiceError) as refusal:
        nomination_services.candidate_check(actor=head, candidate=candidate, data=form3(candidate))
    assert isinstance(refusal.value, ForbiddenError)


def test_a_management_course_from_service_b_is_fetched_at_the_hr_check(drive, hr, monkeypatch):
    case = drive("hr_check")
    candidate = case.nomination.candidates.first()
    course = {
        "title": "دوره بهبود مدیریت",
        "hours": 40,
        "finished_on": "1404/05/01",
        "certificate_code": "CERT1",
        "url": "http://testserver/verify/CERT1/",
    }
    # Service B's own provider, where installed, comes back after the test.
    monkeypatch.setitem(providers._PROVIDERS, "training.management_courses", lambda national_id: [course])
    candidate = nomination_services.candidate_check(
        actor=hr,
        candidate=candidate,
        data=form3(candidate, management_course_confirmed=False, master_management_confirmed=False),
    )
    results = appointment.candidate_results(candidate, [])
    b = next(r for r in results if r.code == "b")
    assert b.met is True and b.link == "http://testserver/verify/CERT1/"


def test_the_council_records_the_session_and_scores_with_the_agencys_weights(drive, secretary):
    case = drive("council")
    nomination = case.nomination
    session = council_services.session_record(
        actor=secretary,
        nomination=nomination,
        number="1405-21",
        held_on=today(),
        attendees=[{"name": "رئیس شورا", "position": "رئیس"}],
        superior_invited=True,
    )
    candidate = nomination.candidates.first()
    general = dict.fromkeys(
        [
            "planning",
            "organizing",
            "leading",
            "controlling",
            "communication",
            "information",
            "decision",
            "conceptual",
            "human",
            "technical",
        ],
        Decimal("7.2"),
    )
    candidate = council_services.candidate_score(
        actor=secretary, candidate=candidate, general=general, specific=[]
    )
    # Default weights 0.40, 0.30, 0.15, 0.15; the agency has no specific criteria, so its 0.30 is not
    # counted: (72% × 0.4 + 90% × 0.15 + 80% × 0.15) ÷ 0.70 = 54.3 ÷ 0.7 = 77.57 of 100.
    assert candidate.final_score == Decimal("77.57")
    assert candidate.weighted["general"] == {
        "points": "72.0",
        "maximum": "100",
        "share": "72.00",
        "weight": "0.40",
        "weighted": "41.14",
    }
    assert candidate.weighted["specific"]["share"] is None
    assert session.superior_invited and nomination.session_id == session.pk
    assert AuditEntry.objects.filter(case=case, action="managers.candidate.scored").exists()


def test_a_general_score_above_ten_is_refused(drive, secretary):
    case = drive("council")
    candidate = case.nomination.candidates.first()
    general = dict.fromkeys(
        [
            "planning",
            "organizing",
            "leading",
            "controlling",
            "communication",
            "information",
            "decision",
            "conceptual",
            "human",
            "technical",
        ],
        11,
    )
    with pytest.raises(ServiceError, match="۰ تا ۱۰"):
        council_services.candidate_score(actor=secretary, candidate=candidate, general=general, specific=[])
    assert Candidate.objects.get(pk=candidate.pk).final_score is None


def test_the_council_cannot_decide_without_a_recorded_session(drive, secretary):
    case = drive("council")
    with pytest.raises(ServiceError, match="جلسه شورا"):
        perform(case, "decide", actor=secretary)


def test_the_council_picks_the_best_score_then_the_superiors_priority(drive):
    case = drive("decree")
    nomination = case.nomination
    # The second nominee scored 8s against the first's 7s.
    assert nomination.selected.priority == 2
    assert nomination.opinion and nomination.decided_at


def test_a_tie_goes_to_the_superiors_priority(drive, secretary):
    case = drive("council")
    nomination = case.nomination
    council_services.session_record(
        actor=secretary,
        nomination=nomination,
        number="9",
        held_on=today(),
        attendees=[{"name": "رئیس", "position": "رئیس"}],
        superior_invited=False,
    )
    for candidate in nomination.candidates.all():
        council_services.candidate_score(
            actor=secretary,
            candidate=candidate,
            general=dict.fromkeys(
                [
                    "planning",
                    "organizing",
                    "leading",
                    "controlling",
                    "communication",
                    "information",
                    "decision",
                    "conceptual",
                    "human",
                    "technical",
                ],
                8,
            ),
            specific=[],
        )
    perform(case, "decide", actor=secretary)
    nomination.refresh_from_db()
    assert nomination.selected.priority == 1


def test_the_decree_cites_the_minutes_and_holds_four_years(drive, secretary):
    case = drive("appointed")
    decree = Decree.objects.get(nomination__case=case)
    assert case.state == "appointed" and case.is_closed
    assert decree.valid_until == add_months(decree.issued_on, FOUR_YEARS * 12)
    assert decree.minutes_number == "1405-07"
    assert decree.allowance_eligible
    assert decree.profile.is_current_manager
    document = IssuedDocument.objects.get(pk=decree.document_id)
    assert document.file.read().startswith(b"%PDF")
    assert {
        "label": "صورت‌جلسه شورا",
        "value": f"1405-07 — {document.summary[2]['value'].split(' — ')[1]}",
    } in (document.summary)
    assert AuditEntry.objects.filter(case=case, action="documents.manager_decree.issued").exists()


def test_a_decree_issued_on_1404_01_01_holds_until_1408_01_01_in_the_record_and_its_pdf(
    drive, head, monkeypatch
):
    case = drive("decree")
    # 48 Gregorian months from 2025-03-21 end on 2029-03-21, which is 1408/01/02.
    monkeypatch.setattr(appointment, "today", lambda: parse_jalali_date("1404/01/01"))
    decree = decree_services.decree_issue(actor=head, case=case)
    assert format_date(decree.valid_until, persian_digits=False) == "1408/01/01"
    summary = {
        row["label"]: row["value"] for row in IssuedDocument.objects.get(pk=decree.document_id).summary
    }
    assert summary["اعتبار تا"] == "۱۴۰۸/۰۱/۰۱"


@pytest.mark.parametrize(
    ("on", "allowed"),
    [("1405/06/30", True), ("1405/06/31", True), ("1405/07/01", True), ("1405/07/02", False)],
)
def test_the_six_months_of_a_decree_of_1405_01_01_run_until_1405_07_01(drive, head, monkeypatch, on, allowed):
    case = drive("appointed")
    decree = Decree.objects.get(nomination__case=case)
    Decree.objects.filter(pk=decree.pk).update(issued_on=parse_jalali_date("1405/01/01"))
    monkeypatch.setattr(decree_services, "today", lambda: parse_jalali_date(on))
    decree = Decree.objects.get(pk=decree.pk)
    assert format_date(decree_services.probation_ends(decree), persian_digits=False) == "1405/07/01"
    notice = "فرد منتخب از عهده وظایف برنمی‌آید."
    if allowed:
        decree_services.decree_replace_in_probation(actor=head, decree=decree, notice=notice)
        assert Decree.objects.get(pk=decree.pk).status == Decree.Status.REPLACED
    else:
        with pytest.raises(ServiceError, match="شش ماه"):
            decree_services.decree_replace_in_probation(actor=head, decree=decree, notice=notice)
        assert Decree.objects.get(pk=decree.pk).status == Decree.Status.ACTIVE


@pytest.mark.parametrize("state", ["nomination", "hr_check", "council"])
def test_a_decree_is_refused_before_the_council_decided(drive, head, state):
    case = drive(state)
    with pytest.raises(ServiceError, match="شورا"):
        decree_services.decree_issue(actor=head, case=case)
    assert not Decree.objects.exists()


def test_the_decree_step_itself_refuses_without_a_recorded_decision(drive, head):
    case = drive("decree")
    # A decision wiped behind the desk's back (say, by a database edit) stops the decree too.
    type(case.nomination).objects.filter(pk=case.nomination.pk).update(selected=None, decided_at=None)
    with pytest.raises(ServiceError, match="فرم شماره ۴"):
        decree_services.decree_issue(actor=head, case=case)
    with pytest.raises(ServiceError, match="فرم شماره ۴"):
        appointment.decree_create(case, head, "")
    assert not Decree.objects.exists()


def test_only_the_superior_issues_the_decree(drive, secretary):
    case = drive("decree")
    with pytest.raises(ServiceError) as refusal:
        decree_services.decree_issue(actor=secretary, case=case)
    assert isinstance(refusal.value, ForbiddenError)


def test_within_six_months_the_superior_replaces_and_the_council_is_told_in_writing(
    drive, head, secretary, council_member
):
    case = drive("appointed")
    decree = Decree.objects.get(nomination__case=case)
    Decree.objects.filter(pk=decree.pk).update(issued_on=today() - dt.timedelta(days=150))
    decree = decree_services.decree_replace_in_probation(
        actor=head, decree=Decree.objects.get(pk=decree.pk), notice="فرد منتخب از عهده وظایف برنمی‌آید."
    )
    assert decree.status == Decree.Status.REPLACED and not decree.allowance_eligible
    told = set(Message.objects.filter(subject__contains="شش ماه نخست").values_list("recipient_id", flat=True))
    assert {secretary.pk, council_member.pk} <= told


def test_the_written_notice_of_a_six_month_change_is_a_verifiable_pdf_for_the_council(
    client, drive, head, secretary
):
    case = drive("appointed")
    decree = Decree.objects.get(nomination__case=case)
    Decree.objects.filter(pk=decree.pk).update(issued_on=today() - dt.timedelta(days=150))
    decree = decree_services.decree_replace_in_probation(
        actor=head, decree=Decree.objects.get(pk=decree.pk), notice="فرد منتخب از عهده وظایف برنمی‌آید."
    )

    notice = IssuedDocument.objects.get(pk=Decree.objects.get(pk=decree.pk).notice_document_id)
    assert notice.kind == "manager_replacement_notice" and notice.case_id == case.pk
    pdf = notice.file.read()
    assert pdf.startswith(b"%PDF") and hashlib.sha256(pdf).hexdigest() == notice.sha256
    assert {"label": "سمت", "value": decree.post.title} in notice.summary
    assert AuditEntry.objects.filter(case=case, action="documents.manager_replacement_notice.issued").exists()
    assert (
        AuditEntry.objects.get(case=decree.case, action="managers.decree.replaced").changes[
            "verification_code"
        ]
        == notice.verification_code
    )
    told = Message.objects.get(recipient=secretary, subject__contains="شش ماه نخست")
    assert notice.verification_code in told.body
    verified = client.get(f"/verify/{notice.verification_code}/")
    assert verified.status_code == 200
    assert verified.context["facts"]["kind"] == "manager_replacement_notice"
    assert not verified.context["facts"]["revoked"]


def test_a_refused_replacement_issues_no_notice(drive, head):
    case = drive("appointed")
    decree = Decree.objects.get(nomination__case=case)
    Decree.objects.filter(pk=decree.pk).update(issued_on=today() - dt.timedelta(days=150))
    with pytest.raises(ServiceError, match="اعلام کتبی"):
        decree_services.decree_replace_in_probation(
            actor=head, decree=Decree.objects.get(pk=decree.pk), notice="کوتاه"
        )
    assert not IssuedDocument.objects.filter(kind="manager_replacement_notice").exists()


def test_after_six_months_the_superior_alone_cannot_replace(drive, head):
    case = drive("appointed")
    decree = Decree.objects.get(nomination__case=case)
    Decree.objects.filter(pk=decree.pk).update(
        issued_on=add_months(today(), -SIX_MONTHS) - dt.timedelta(days=1)
    )
    with pytest.raises(ServiceError, match="شش ماه"):
        decree_services.decree_replace_in_probation(
            actor=head, decree=Decree.objects.get(pk=decree.pk), notice="فرد منتخب از عهده وظایف برنمی‌آید."
        )
    assert Decree.objects.get(pk=decree.pk).status == Decree.Status.ACTIVE


def test_on_the_last_day_of_six_months_the_superior_may_still_replace(drive, head):
    case = drive("appointed")
    decree = Decree.objects.get(nomination__case=case)
    Decree.objects.filter(pk=decree.pk).update(issued_on=add_months(today(), -SIX_MONTHS))
    decree = decree_services.decree_replace_in_probation(
        actor=head, decree=Decree.objects.get(pk=decree.pk), notice="فرد منتخب از عهده وظایف برنمی‌آید."
    )
    assert decree.status == Decree.Status.REPLACED


def test_a_change_before_four_years_needs_evaluations_a_proposal_and_the_council(drive, head, hr, secretary):
    case = drive("appointed")
    decree = Decree.objects.get(nomination__case=case)
    with pytest.raises(ServiceError, match="ارزیابی عملکرد"):
        decree_services.change_propose(actor=head, decree=decree, proposal="تغییر مدیر پیشنهاد می‌شود.")
    decree_services.evaluation_record(actor=hr, decree=decree, year=1405, score=Decimal("48"))
    with pytest.raises(ServiceError, match="پیش‌تر ثبت"):
        decree_services.evaluation_record(actor=hr, decree=decree, year=1405, score=Decimal("50"))
    change = decree_services.change_propose(
        actor=head, decree=decree, proposal="با توجه به امتیاز پایین، تغییر پیشنهاد می‌شود."
    )
    assert change.state == "council"
    assert Decree.objects.get(pk=decree.pk).status == Decree.Status.ACTIVE
    perform(change, "approve", actor=secretary, reason="شورا با تغییر موافقت کرد.")
    decree.refresh_from_db()
    assert decree.status == Decree.Status.CHANGED and decree.end_note == "شورا با تغییر موافقت کرد."


def test_a_decree_lives_in_its_own_lifecycle_from_the_appointment_to_the_councils_change(
    drive, head, hr, secretary
):
    case = drive("appointed")
    decree = Decree.objects.select_related("case").get(nomination__case=case)
    # The appointment closed when the decree was signed; the decree's own case stands at «active».
    assert case.is_closed and decree.case.process == "managers.decree"
    assert (decree.case.state, decree.case.owner_id, decree.case.is_closed) == (
        "active",
        case.owner_id,
        False,
    )
    assert AuditEntry.objects.filter(case=decree.case, action="managers.decree.issued").exists()

    # Ending a decree is the council's approval of a change case, never a move on the decree alone.
    with pytest.raises(ServiceError, match="تأیید پیشنهاد تغییر در شورا"):
        record_perform(decree, "change", actor=secretary, reason="شورا با تغییر موافقت کرد.")
    decree_services.evaluation_record(actor=hr, decree=decree, year=1405, score=Decimal("48"))
    change = decree_services.change_propose(
        actor=head, decree=decree, proposal="با توجه به امتیاز پایین، تغییر پیشنهاد می‌شود."
    )
    perform(change, "approve", actor=secretary, reason="شورا با تغییر موافقت کرد.")
    decree = Decree.objects.select_related("case").get(pk=decree.pk)
    assert (decree.status, decree.case.state, decree.case.is_closed) == ("changed", "changed", True)
    entry = AuditEntry.objects.get(case=decree.case, action="managers.decree.changed")
    assert describe(entry).did == (
        "اقدام «پایان حکم با تأیید شورا» را انجام داد و پرونده از مرحلهٔ «معتبر» به مرحلهٔ "
        "«تغییر پیش از پایان چهار سال» رفت"
    )
    with pytest.raises(ServiceError, match="دیگر معتبر نیست"):
        decree_services.decree_replace_in_probation(
            actor=head, decree=decree, notice="فرد منتخب از عهده وظایف برنمی‌آید."
        )


def test_a_complainant_is_heard_at_a_session(drive, secretary):
    case = drive("decree")
    hearing = council_services.hearing_request(
        actor=secretary, complainant="کارمند معترض", subject="اعتراض به نتیجه سنجش صلاحیت.", in_presence=True
    )
    hearing = council_services.hearing_schedule(
        actor=secretary, hearing=hearing, session=case.nomination.session
    )
    assert hearing.session.number == "1405-07"


def test_publishing_to_the_national_pool_is_explicit_and_adoption_copies_nothing_personal(
    make_profile, head, other_head
):
    profile = make_profile("سعید کرمی")
    assert not profile.published_to_pool
    with pytest.raises(ServiceError):
        profile_services.profile_adopt(actor=other_head, pooled=profile)
    profile_services.profile_publish(actor=head, profile=profile, published=True)
    copy = profile_services.profile_adopt(actor=other_head, pooled=profile)
    assert copy.organization_id == other_head.organization_id
    assert (
        copy.full_name == "سعید کرمی" and copy.national_id == "" and copy.mobile == "" and copy.address == ""
    )


def test_a_repeated_national_id_is_refused_in_the_same_agency(make_profile, head):
    profile = make_profile()
    with pytest.raises(ServiceError, match="کد ملی"):
        profile_services.profile_save(
            actor=head,
            data={
                "full_name": "دیگری",
                "father_name": "حسن",
                "national_id": profile.national_id,
                "highest_degree": "bachelor",
                "bachelor_field": "حسابداری",
            },
        )


def test_a_post_needs_a_superior_of_the_same_agency(head, other_head):
    with pytest.raises(ServiceError, match="همین دستگاه"):
        agency_services.post_save(
            actor=head,
            data={
                "title": "رئیس اداره",
                "number": "B-09",
                "level": "base",
                "unit": "اداره",
                "location": "اهواز",
                "job_field": "مدیریت",
                "superior": other_head,
            },
        )


def test_a_managers_committee_sits_with_five_members(drive, secretary):
    agency_services.rules_save(
        actor=secretary, data={"body": "committee"}, specific_criteria=[], extra_conditions=[]
    )
    case = drive("council")
    four = [{"name": f"عضو {n}", "position": "عضو"} for n in range(4)]
    with pytest.raises(ServiceError, match="کمیته امور مدیران"):
        council_services.session_record(
            actor=secretary,
            nomination=case.nomination,
            number="1",
            held_on=today(),
            attendees=four,
            superior_invited=False,
        )
    session = council_services.session_record(
        actor=secretary,
        nomination=case.nomination,
        number="1",
        held_on=today(),
        attendees=[*four, {"name": "عضو ۵", "position": "عضو"}],
        superior_invited=False,
    )
    assert session.body == "committee"


# Form 4 on one scale (issue 21, item 5).

PERFECT = dict.fromkeys(GENERAL_SEVENS, 10)


def _council_with_rules(drive, secretary, **rules):
    """A nomination at the council step, under the agency's own coefficients and specific criteria."""
    case = drive("council")
    agency_services.rules_save(
        actor=secretary,
        data=rules.get("data", {}),
        specific_criteria=rules.get("specific", []),
        extra_conditions=[],
    )
    return case


def test_a_perfect_candidate_scores_100_with_two_specific_criteria(drive, secretary, hr):
    case = _council_with_rules(drive, secretary, specific=["تسلط بر قوانین", "تجربه میدانی"])
    candidate = case.nomination.candidates.first()
    Candidate.objects.filter(pk=candidate.pk).update(
        appraisal_scores=[{"year": 1404, "score": "100"}], performance_scores=[{"year": 1404, "score": "100"}]
    )
    scored = council_services.candidate_score(
        actor=secretary, candidate=Candidate.objects.get(pk=candidate.pk), general=PERFECT, specific=[10, 10]
    )
    # Summed raw, the two specific criteria gave 20 × 0.30 = 6 and the perfect candidate 76 of 100.
    assert scored.final_score == Decimal("100.00")
    assert scored.weighted["specific"] == {
        "points": "20",
        "maximum": "20",
        "share": "100.00",
        "weight": "0.30",
        "weighted": "30.00",
    }


def test_two_specific_criteria_at_nine_of_ten_are_ninety_percent_of_their_clause(drive, secretary):
    case = _council_with_rules(drive, secretary, specific=["تسلط بر قوانین", "تجربه میدانی"])
    candidate = case.nomination.candidates.first()
    scored = council_services.candidate_score(
        actor=secretary, candidate=candidate, general=PERFECT, specific=[9, 9]
    )
    assert scored.weighted["specific"]["share"] == "90.00"
    assert scored.weighted["specific"]["weighted"] == "27.00"  # not 18 × 0.30 = 5.40


def test_a_specific_criterion_above_ten_is_refused(drive, secretary):
    case = _council_with_rules(drive, secretary, specific=["تسلط بر قوانین"])
    candidate = case.nomination.candidates.first()
    with pytest.raises(ServiceError, match="۰ تا ۱۰"):
        council_services.candidate_score(actor=secretary, candidate=candidate, general=PERFECT, specific=[11])
    assert Candidate.objects.get(pk=candidate.pk).final_score is None


def test_coefficients_that_are_all_zero_are_refused(secretary):
    zero = dict.fromkeys(("weight_general", "weight_specific", "weight_appraisal", "weight_performance"), 0)
    with pytest.raises(ServiceError, match="ضرایب اهمیت"):
        agency_services.rules_save(actor=secretary, data=zero, specific_criteria=[], extra_conditions=[])


# General criteria alone, weighed 1: the final score is the general criteria's sum, to the point.
GENERAL_ONLY = {
    "weight_general": Decimal(1),
    "weight_specific": Decimal(0),
    "weight_appraisal": Decimal(0),
    "weight_performance": Decimal(0),
}


@pytest.mark.parametrize(("each", "final", "flagged"), [("7.5", "75.00", False), ("7.4", "74.00", True)])
def test_a_nominee_at_the_middle_levels_desired_75_is_not_flagged_and_one_point_under_is(
    drive, secretary, each, final, flagged
):
    case = _council_with_rules(drive, secretary, data=GENERAL_ONLY)
    candidate = case.nomination.candidates.first()
    candidate = council_services.candidate_score(
        actor=secretary, candidate=candidate, general=dict.fromkeys(PERFECT, Decimal(each)), specific=[]
    )
    sheet = selectors.candidate_sheet(candidate=candidate)
    assert (candidate.final_score, sheet.desired) == (Decimal(final), Decimal("75"))
    assert sheet.below_desired is flagged
    assert bool(sheet.shortfall) is flagged
    if flagged:
        assert sheet.shortfall == (
            "امتیاز نهایی نسرین آزادی (۷۴ از ۱۰۰) از امتیاز مطلوب سطح میانی (۷۵) کمتر است."
        )
