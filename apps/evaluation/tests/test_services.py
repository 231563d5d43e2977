"""Service D's services: the state, the audit row and the message each one leaves behind."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.accounts.roles import Role
from apps.accounts.tests.factories import OrganizationFactory, UserFactory
from apps.audit.models import AuditEntry
from apps.core import providers
from apps.core.errors import ConflictError, ForbiddenError, InvalidError, ServiceError
from apps.core.jalali import today
from apps.evaluation import services
from apps.evaluation.models import Cycle, Evaluation, EvidenceFile, Index, Nomination, ScoreEntry
from apps.evaluation.rules import OBJECTION_WINDOW_WORKING_DAYS
from apps.notifications.models import Message, OutboxMessage
from apps.workflow.services import perform

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="مستند.pdf", extra=b""):
    return SimpleUploadedFile(name, PDF + extra, content_type="application/pdf")


def test_publishing_the_indices_opens_an_evaluation_case_per_agency(published, agency, other_agency):
    evaluations = Evaluation.objects.filter(cycle=published).select_related("case")
    assert {e.organization_id for e in evaluations} == {agency.pk, other_agency.pk}
    assert {e.case.state for e in evaluations} == {"self_assessment"}
    assert all(e.scores.count() == 2 for e in evaluations)
    assert published.phase == Cycle.Phase.SELF_ASSESSMENT
    assert AuditEntry.objects.filter(action="evaluation.cycle.indices_published").exists()


def test_specific_indices_wait_for_the_national_approval_of_the_province_cut(
    cycle, org_expert, national_officer
):
    services.index_create(
        actor=org_expert, cycle=cycle, code="S-01", title="اختصاصی", kind="specific", max_score=10
    )
    with pytest.raises(ServiceError, match="برش استانی"):
        services.cycle_publish_indices(actor=org_expert, cycle=cycle)
    with pytest.raises(ServiceError):
        services.cycle_approve_province_cut(actor=org_expert, cycle=cycle)
    assert services.cycle_approve_province_cut(actor=national_officer, cycle=cycle) == 1
    assert services.cycle_publish_indices(actor=org_expert, cycle=cycle) == 2


def test_an_index_applies_only_to_its_agencies(cycle, org_expert, agency, other_agency):
    services.index_create(
        actor=org_expert,
        cycle=cycle,
        code="D-01",
        title="توسعه‌ای",
        kind="development",
        max_score=10,
        agency_ids=[agency.pk],
    )
    services.cycle_publish_indices(actor=org_expert, cycle=cycle)
    assert Evaluation.objects.get(organization=agency).scores.count() == 3
    assert Evaluation.objects.get(organization=other_agency).scores.count() == 2


def test_an_index_is_fed_by_training_hours_from_service_b(cycle, org_expert, agency, monkeypatch):
    # Service B's own provider, where installed, comes back after the test.
    monkeypatch.setitem(
        providers._PROVIDERS, "training.hours_per_employee", lambda year, ids, **kw: {i: 30 for i in ids}
    )
    services.cycle_publish_indices(actor=org_expert, cycle=cycle)
    score = Evaluation.objects.get(organization=agency).scores.get(index__code="G-02")
    # W 40 × 30 hours / standard 40 hours = 30.
    assert (score.actual, score.self_score) == (D(30), D(30))
    assert score.history.get().stage == ScoreEntry.Stage.SELF


def test_self_assessment_from_the_actual_figure_is_scored_against_the_standard(evaluation, agency_officer):
    score = evaluation.scores.get(index__code="G-02")
    score = services.score_self_assess(actor=agency_officer, score=score, actual="20", description="گزارش")
    assert score.self_score == D(20)
    assert AuditEntry.objects.filter(action="evaluation.score.self_assessed", case=evaluation.case).exists()


def test_a_claim_above_the_ceiling_is_refused_and_nothing_changes(evaluation, agency_officer):
    score = evaluation.scores.get(index__code="G-01")
    with pytest.raises(ServiceError, match="حداکثر امتیاز"):
        services.score_self_assess(actor=agency_officer, score=score, claimed="61", description="")
    score.refresh_from_db()
    assert score.self_score is None and not score.history.exists()


def test_another_agency_cannot_self_assess_for_an_agency(evaluation, other_officer):
    with pytest.raises(ServiceError) as refusal:
        services.score_self_assess(
            actor=other_officer, score=evaluation.scores.first(), claimed=1, description=""
        )
    assert isinstance(refusal.value, ForbiddenError)


def test_submission_needs_every_index_claimed(evaluation, agency_officer):
    services.score_self_assess(
        actor=agency_officer, score=evaluation.scores.first(), claimed=1, description=""
    )
    with pytest.raises(ServiceError, match="همه شاخص"):
        perform(evaluation.case, "submit", actor=agency_officer)


def test_a_late_self_assessment_is_closed_until_the_organization_reopens_it(
    evaluation, agency_officer, org_expert
):
    for score in evaluation.scores.all():
        services.score_self_assess(actor=agency_officer, score=score, claimed=10, description="")
    Cycle.objects.filter(pk=evaluation.cycle_id).update(
        self_assessment_deadline=today() - dt.timedelta(days=1)
    )
    with pytest.raises(ServiceError, match="مهلت خودارزیابی"):
        perform(evaluation.case, "submit", actor=agency_officer)
    services.evaluation_reopen(actor=org_expert, evaluation=evaluation, until=today() + dt.timedelta(days=2))
    assert Message.objects.filter(recipient=agency_officer, subject="بازگشایی خودارزیابی").exists()
    case = perform(evaluation.case, "submit", actor=agency_officer)
    assert case.state == "review"


def test_evidence_is_versioned_with_its_checksum_and_reused_next_cycle(
    evaluation, agency_officer, org_expert
):
    score = evaluation.scores.first()
    first = services.evidence_attach(
        actor=agency_officer, score=score, title="گزارش سالانه", uploaded_file=pdf()
    )
    again = services.evidence_attach(
        actor=agency_officer, score=score, title="گزارش سالانه", uploaded_file=pdf()
    )
    second = services.evidence_attach(
        actor=agency_officer, score=score, title="گزارش سالانه", uploaded_file=pdf(extra=b"v2")
    )
    assert again.pk == first.pk
    assert (first.version, second.version) == (1, 2)
    assert first.sha256 == EvidenceFile.digest(pdf()) and first.sha256 != second.sha256
    # Next year's cycle takes the same vault file without a new upload.
    nxt = services.cycle_create(
        actor=org_expert,
        year=1405,
        title="۱۴۰۵",
        circular_number="1",
        circular_date=today(),
        self_assessment_deadline=today() + dt.timedelta(days=5),
    )
    services.index_create(
        actor=org_expert, cycle=nxt, code="G-01", title="دولت الکترونیک", kind="general", max_score=60
    )
    services.cycle_publish_indices(actor=org_expert, cycle=nxt)
    next_score = Evaluation.objects.get(cycle=nxt, organization=evaluation.organization).scores.get()
    services.evidence_attach(actor=agency_officer, score=next_score, reuse=second)
    assert list(next_score.evidence.all()) == [second]
    assert EvidenceFile.objects.count() == 2


def test_a_file_that_is_not_a_document_is_refused(evaluation, agency_officer):
    bad = SimpleUploadedFile("x.pdf", b"MZ not a pdf", content_type="application/pdf")
    with pytest.raises(ServiceError, match="نوع فایل"):
        services.evidence_attach(actor=agency_officer, score=evaluation.scores.first(), uploaded_file=bad)
    assert not EvidenceFile.objects.exists()


def test_only_the_evaluator_team_scores_and_only_at_its_step(evaluation, org_expert, evaluator):
    score = evaluation.scores.first()
    with pytest.raises(ServiceError) as refusal:
        services.score_evaluate(actor=org_expert, score=score, value=10)
    assert isinstance(refusal.value, ForbiddenError)
    with pytest.raises(ServiceError, match="مرحله امتیازدهی"):
        services.score_evaluate(actor=evaluator, score=score, value=10)


def test_initial_results_are_published_with_an_objection_window(scored_pair, org_expert, agency_officer):
    evaluation, other = scored_pair
    assert services.cycle_publish_initial(actor=org_expert, cycle=evaluation.cycle) == 2
    evaluation.refresh_from_db()
    other.refresh_from_db()
    cycle = Cycle.objects.get(pk=evaluation.cycle_id)
    assert (evaluation.case.state, evaluation.initial_percent, other.initial_percent) == (
        "objection",
        D(80),
        D(85),
    )
    assert cycle.objection_deadline > today() and cycle.phase == Cycle.Phase.INITIAL
    assert OBJECTION_WINDOW_WORKING_DAYS == 5
    assert Message.objects.filter(
        recipient=agency_officer, subject="اعلام نتیجه اولیه ارزیابی عملکرد"
    ).exists()


def test_an_objection_after_its_window_is_refused(scored_pair, org_expert, agency_officer):
    evaluation, _ = scored_pair
    services.cycle_publish_initial(actor=org_expert, cycle=evaluation.cycle)
    Cycle.objects.filter(pk=evaluation.cycle_id).update(objection_deadline=today() - dt.timedelta(days=1))
    with pytest.raises(ServiceError, match="مهلت ثبت اعتراض پایان یافته"):
        services.objection_file(
            actor=agency_officer,
            score=evaluation.scores.first(),
            reason="امتیاز این شاخص درست محاسبه نشده است.",
        )
    assert not evaluation.scores.filter(objections__isnull=False).exists()


def test_an_objection_on_the_last_day_of_its_window_is_accepted(scored_pair, org_expert, agency_officer):
    evaluation, _ = scored_pair
    services.cycle_publish_initial(actor=org_expert, cycle=evaluation.cycle)
    Cycle.objects.filter(pk=evaluation.cycle_id).update(objection_deadline=today())
    objection = services.objection_file(
        actor=agency_officer, score=evaluation.scores.first(), reason="امتیاز این شاخص درست محاسبه نشده است."
    )
    assert AuditEntry.objects.filter(action="evaluation.objection.filed", case=evaluation.case).exists()
    assert objection.pk


def test_a_rescore_changes_the_final_level_and_rank_and_keeps_the_old_score(
    scored_pair, org_expert, evaluator, head, agency_officer
):
    evaluation, other = scored_pair
    services.cycle_publish_initial(actor=org_expert, cycle=evaluation.cycle)
    g01 = evaluation.scores.get(index__code="G-01")
    objection = services.objection_file(
        actor=agency_officer, score=g01, reason="مستندات سامانه‌های الکترونیک دیده نشده است."
    )
    Cycle.objects.filter(pk=evaluation.cycle_id).update(objection_deadline=today() - dt.timedelta(days=1))
    # Without the re-score the agency (80%) would be خیلی خوب and second to the other agency (85%).
    perform(other.case, "close_window", actor=org_expert)
    case = perform(evaluation.case, "to_rescoring", actor=org_expert)
    with pytest.raises(ServiceError, match="همه اعتراض"):
        perform(case, "finish_rescoring", actor=evaluator)
    services.objection_answer(actor=evaluator, objection=objection, answer="مستندات پذیرفته شد.", value="58")
    perform(case, "finish_rescoring", actor=evaluator)
    assert services.cycle_approve_final(actor=head, cycle=evaluation.cycle) == 2

    evaluation.refresh_from_db()
    other.refresh_from_db()
    # (58 × 2 + 38) / (60 × 2 + 40) = 154 / 160 = 96.25%.
    assert (evaluation.final_percent, evaluation.level, evaluation.group_rank) == (D("96.25"), "عالی", 1)
    assert (other.level, other.group_rank) == ("خیلی خوب", 2)
    assert [(h.stage, h.value) for h in g01.history.all()] == [
        (ScoreEntry.Stage.SELF, D(60)),
        (ScoreEntry.Stage.EVALUATOR, D(45)),
        (ScoreEntry.Stage.RESCORE, D(58)),
    ]
    assert evaluation.case.__class__.objects.get(pk=evaluation.case_id).state == "approved"
    assert Cycle.objects.get(pk=evaluation.cycle_id).phase == Cycle.Phase.FINAL


def test_the_council_approves_only_when_every_agency_is_ready(scored_pair, org_expert, head):
    evaluation, _ = scored_pair
    with pytest.raises(ServiceError) as refusal:
        services.cycle_approve_final(actor=org_expert, cycle=evaluation.cycle)
    assert isinstance(refusal.value, ForbiddenError)
    with pytest.raises(ServiceError, match="نرسیده"):
        services.cycle_approve_final(actor=head, cycle=evaluation.cycle)


def test_final_results_reach_the_national_org_and_feed_agency_scores(final_cycle, national_officer, agency):
    cycle = final_cycle
    assert Message.objects.filter(recipient=national_officer, subject__contains="نتایج نهایی").exists()
    assert providers.ask("evaluation.agency_scores", agency.pk, [1403, 1404], default={}) == {1404: 80.0}
    services.cycle_record_national_rank(actor=national_officer, cycle=cycle, rank=4, provinces=31)
    with pytest.raises(ServiceError):
        services.cycle_record_national_rank(actor=national_officer, cycle=cycle, rank=40, provinces=31)


FINAL_SUBJECT = "ابلاغ نتایج نهایی ارزیابی عملکرد ۱۴۰۴"
RANK_SUBJECT = "ابلاغ سطح‌بندی و رتبه استان در ارزیابی عملکرد ۱۴۰۴"


def outside_officer():
    """An officer of an agency opened after the cycle's indices went out, so outside the cycle."""
    outside = OrganizationFactory(code="103", name="اداره کل خارج از دوره")
    return UserFactory(organization=outside, roles=[Role.AGENCY_OFFICER], username="outsider")


def test_approving_the_final_results_tells_every_agency_of_the_cycle_after_commit(
    scored_pair,
    org_expert,
    head,
    agency_officer,
    agency_head,
    agency_secretary,
    other_officer,
    django_capture_on_commit_callbacks,
):
    evaluation, other = scored_pair
    hr = UserFactory(organization=evaluation.organization, roles=[Role.AGENCY_HR], username="hr")
    outsider = outside_officer()
    services.cycle_publish_initial(actor=org_expert, cycle=evaluation.cycle)
    Cycle.objects.filter(pk=evaluation.cycle_id).update(objection_deadline=today() - dt.timedelta(days=1))
    for e in (evaluation, other):
        perform(e.case, "close_window", actor=org_expert)
    with django_capture_on_commit_callbacks(execute=True):
        services.cycle_approve_final(actor=head, cycle=evaluation.cycle)
        # No agency hears of a result before it is committed.
        assert not Message.objects.filter(subject=FINAL_SUBJECT).exists()

    told = Message.objects.filter(subject=FINAL_SUBJECT)
    assert {m.recipient_id for m in told} == {
        agency_officer.pk,
        agency_head.pk,
        agency_secretary.pk,
        other_officer.pk,
    }
    assert not told.filter(recipient__in=[hr, outsider]).exists()
    mine = told.get(recipient=agency_officer)
    assert mine.case_id == evaluation.case_id
    assert "۸۰ درصد" in mine.body and "«خیلی خوب»" in mine.body and "رتبه ۲ در گروه" in mine.body
    channels = OutboxMessage.objects.filter(recipient=agency_officer, subject=FINAL_SUBJECT)
    assert sorted(channels.values_list("channel", flat=True)) == ["email", "sms"]


def test_recording_the_national_rank_tells_every_agency_of_the_cycle_once_per_rank(
    final_cycle,
    national_officer,
    agency_officer,
    agency_secretary,
    other_officer,
    django_capture_on_commit_callbacks,
):
    outsider = outside_officer()
    with django_capture_on_commit_callbacks(execute=True):
        services.cycle_record_national_rank(actor=national_officer, cycle=final_cycle, rank=4, provinces=31)
        assert not Message.objects.filter(subject=RANK_SUBJECT).exists()

    told = Message.objects.filter(subject=RANK_SUBJECT)
    assert {m.recipient_id for m in told} == {agency_officer.pk, agency_secretary.pk, other_officer.pk}
    assert not told.filter(recipient=outsider).exists()
    body = told.get(recipient=agency_officer).body
    assert "رتبه ۴ از ۳۱ استان" in body and "«خیلی خوب»" in body
    # The same figures again are no news; a corrected rank is.
    with django_capture_on_commit_callbacks(execute=True):
        services.cycle_record_national_rank(actor=national_officer, cycle=final_cycle, rank=4, provinces=31)
    assert told.count() == 3
    with django_capture_on_commit_callbacks(execute=True):
        services.cycle_record_national_rank(actor=national_officer, cycle=final_cycle, rank=3, provinces=31)
    assert told.filter(body__contains="رتبه ۳ از ۳۱ استان").count() == 3
    assert AuditEntry.objects.filter(action="evaluation.cycle.national_rank").count() == 2


def test_bands_are_set_per_cycle_and_refused_when_unusable(cycle, org_expert):
    services.cycle_set_bands(
        actor=org_expert, cycle=cycle, bands=[{"label": "الف", "min": 0}, {"label": "ب", "min": 70}]
    )
    cycle.refresh_from_db()
    assert [b["label"] for b in cycle.bands] == ["ب", "الف"]
    with pytest.raises(ServiceError):
        services.cycle_set_bands(actor=org_expert, cycle=cycle, bands=[{"label": "ب", "min": 70}])


def test_the_results_book_and_festival_report_are_verifiable_pdfs(final_cycle, org_expert, agency_officer):
    from apps.evaluation import documents

    cycle = final_cycle
    book = documents.results_book_issue(actor=org_expert, cycle=cycle)
    assert book.file.read().startswith(b"%PDF") and book.verification_code
    nomination = services.nomination_file(
        actor=agency_officer,
        cycle=cycle,
        team_name="تیم خدمات الکترونیک",
        achievement="کاهش زمان پاسخ",
        members="الف، ب",
    )
    with pytest.raises(ServiceError, match="برگزیده"):
        documents.festival_report_issue(actor=org_expert, cycle=cycle)
    services.nomination_decide(
        actor=org_expert, nomination=nomination, action="select", expected_state=Nomination.Status.NOMINATED
    )
    with pytest.raises(ServiceError):
        services.nomination_decide(
            actor=org_expert,
            nomination=nomination,
            action="not_select",
            expected_state=Nomination.Status.SELECTED,
        )
    services.nomination_decide(
        actor=org_expert, nomination=nomination, action="honour", expected_state=Nomination.Status.SELECTED
    )
    report = documents.festival_report_issue(actor=org_expert, cycle=cycle)
    assert report.summary[1]["value"] == "1"


def test_members_get_an_appointment_letter_once(member, org_expert):
    from apps.evaluation import documents

    letter = documents.member_letter_issue(actor=org_expert, member=member)
    assert letter.holder_name == "مریم احمدی"
    with pytest.raises(ServiceError, match="پیش‌تر"):
        documents.member_letter_issue(actor=org_expert, member=member)


def test_orientation_attendance_is_recorded(cycle, org_expert, agency):
    session = services.session_create(
        actor=org_expert, cycle=cycle, title="توجیهی", held_on=today(), place="سالن"
    )
    row = services.attendance_record(
        actor=org_expert,
        session=session,
        organization=agency,
        attendee="رضا رضایی",
        position="کارشناس",
        present=True,
    )
    assert row.session == session and Index.objects.count() == 2


def test_the_dashboard_is_registered_and_an_agency_sees_only_itself(final_cycle, org_expert, agency_officer):
    from apps.core import dashboards

    entry = dashboards.entry("evaluation")
    staff = entry.build(user=org_expert, filters=dashboards.ReportFilters())
    mine = entry.build(user=agency_officer, filters=dashboards.ReportFilters())
    assert len(staff.tables[0].rows) == 2 and len(mine.tables[0].rows) == 1
    assert mine.tables[0].rows[0][0] == agency_officer.organization.name


def test_the_dashboard_keeps_to_the_cycles_run_within_the_date_range(final_cycle, org_expert):
    from apps.core import dashboards

    circular = final_cycle.circular_date
    build = dashboards.entry("evaluation").build
    within = build(user=org_expert, filters=dashboards.ReportFilters(start=circular, end=circular))
    assert dict(within.figures)["دوره‌های ارزیابی"] == 1 and len(within.tables[0].rows) == 2
    later = build(user=org_expert, filters=dashboards.ReportFilters(start=circular + dt.timedelta(days=1)))
    earlier = build(user=org_expert, filters=dashboards.ReportFilters(end=circular - dt.timedelta(days=1)))
    for outside in (later, earlier):
        assert dict(outside.figures)["دوره‌های ارزیابی"] == 0
        assert dict(outside.figures)["ارزیابی‌های تصویب‌شده"] == 0 and outside.tables == []


# The cycle's calendar. The fixture's calendar starts at the circular, ten days ago: the first phase
# (ten days) has ended, the second started today, the other three are still ahead.


def _phases(cycle):
    return list(cycle.calendar.order_by("starts_on", "id"))


def _days(n):
    return today() + dt.timedelta(days=n)


def test_staff_move_the_calendars_future_and_extend_the_deadline_with_an_audit_row(cycle, org_expert):
    _ended, under_way, ahead, *_ = _phases(cycle)
    services.cycle_calendar_update(
        actor=org_expert,
        cycle=cycle,
        phases={under_way.pk: (under_way.starts_on, _days(30)), ahead.pk: (_days(31), _days(49))},
        self_assessment_deadline=_days(20),
    )
    under_way.refresh_from_db()
    ahead.refresh_from_db()
    cycle.refresh_from_db()
    assert (under_way.ends_on, ahead.starts_on, ahead.ends_on) == (_days(30), _days(31), _days(49))
    assert cycle.self_assessment_deadline == _days(20)
    entry = AuditEntry.objects.get(action="evaluation.cycle.calendar_changed")
    assert set(entry.changes) == {under_way.title, ahead.title, "self_assessment_deadline"}
    assert entry.changes["self_assessment_deadline"]["to"] == _days(20).isoformat()


def test_unchanged_dates_write_no_audit_row(cycle, org_expert):
    phases = {p.pk: (p.starts_on, p.ends_on) for p in _phases(cycle)}
    services.cycle_calendar_update(
        actor=org_expert, cycle=cycle, phases=phases, self_assessment_deadline=cycle.self_assessment_deadline
    )
    assert not AuditEntry.objects.filter(action="evaluation.cycle.calendar_changed").exists()


@pytest.mark.parametrize(
    ("which", "dates", "refusal", "kind"),
    [
        # A phase that has ended is a record of what happened.
        (0, lambda p: (p.starts_on, p.ends_on + dt.timedelta(days=1)), "به پایان رسیده", ConflictError),
        # A phase under way keeps the day it began.
        (1, lambda p: (p.starts_on + dt.timedelta(days=1), p.ends_on), "آغاز شده", ConflictError),
        (1, lambda p: (p.starts_on, _days(-1)), "پیش از آغاز", InvalidError),
        (2, lambda p: (_days(20), p.ends_on), "به ترتیب", InvalidError),
        (2, lambda p: (p.starts_on, p.starts_on - dt.timedelta(days=1)), "پیش از آغاز", InvalidError),
    ],
)
def test_a_calendar_change_the_rules_forbid_is_refused_and_nothing_moves(
    cycle, org_expert, which, dates, refusal, kind
):
    before = [(p.starts_on, p.ends_on) for p in _phases(cycle)]
    phase = _phases(cycle)[which]
    with pytest.raises(ServiceError, match=refusal) as caught:
        services.cycle_calendar_update(actor=org_expert, cycle=cycle, phases={phase.pk: dates(phase)})
    assert isinstance(caught.value, kind)
    assert [(p.starts_on, p.ends_on) for p in _phases(cycle)] == before
    assert not AuditEntry.objects.filter(action="evaluation.cycle.calendar_changed").exists()


def test_only_the_organizations_staff_change_the_calendar_and_not_after_the_final_results(
    cycle, agency_officer, org_expert, final_cycle
):
    last = _phases(final_cycle)[-1]
    with pytest.raises(ServiceError, match="کارشناسان"):
        services.cycle_calendar_update(
            actor=agency_officer, cycle=final_cycle, phases={last.pk: (last.starts_on, _days(80))}
        )
    with pytest.raises(ServiceError, match="تصویب شده") as caught:
        services.cycle_calendar_update(
            actor=org_expert, cycle=final_cycle, phases={last.pk: (last.starts_on, _days(80))}
        )
    assert isinstance(caught.value, ConflictError)


def test_once_the_indices_are_out_the_deadline_is_only_extended_and_agencies_hear_of_it(
    published, org_expert, agency_officer
):
    with pytest.raises(ServiceError, match="فقط تمدید"):
        services.cycle_calendar_update(
            actor=org_expert, cycle=published, phases={}, self_assessment_deadline=_days(5)
        )
    services.cycle_calendar_update(
        actor=org_expert, cycle=published, phases={}, self_assessment_deadline=_days(15)
    )
    published.refresh_from_db()
    assert published.self_assessment_deadline == _days(15)
    assert Message.objects.filter(recipient=agency_officer, subject="تمدید مهلت خودارزیابی").exists()


def test_a_passed_deadline_is_not_moved_for_everyone_but_reopened_per_agency(published, org_expert):
    Cycle.objects.filter(pk=published.pk).update(self_assessment_deadline=_days(-1))
    published.refresh_from_db()
    with pytest.raises(ServiceError, match="بازگشایی") as caught:
        services.cycle_calendar_update(
            actor=org_expert, cycle=published, phases={}, self_assessment_deadline=_days(5)
        )
    assert isinstance(caught.value, ConflictError)
    published.refresh_from_db()
    assert published.self_assessment_deadline == _days(-1)


# Members of the festival HQ and the steering committee.


def test_a_corrected_member_has_their_old_letter_revoked_but_kept(member, org_expert):
    from apps.documents.models import IssuedDocument
    from apps.evaluation import documents

    letter = documents.member_letter_issue(actor=org_expert, member=member)
    services.body_member_update(
        actor=org_expert,
        member=member,
        full_name="مریم احمدی",
        position="معاون توسعه مدیریت",
        role_in_body="دبیر",
    )
    member.refresh_from_db()
    assert (member.role_in_body, member.letter_id) == ("دبیر", None)
    letter = IssuedDocument.objects.get(pk=letter.pk)
    assert letter.is_revoked and "اصلاح" in letter.revoke_reason
    entry = AuditEntry.objects.get(action="evaluation.body.member_changed")
    assert entry.changes["role_in_body"] == {"from": "رئیس کمیته", "to": "دبیر"}
    assert entry.changes["revoked_letter"] == letter.verification_code
    # The member may now be given a letter that says the truth.
    assert documents.member_letter_issue(actor=org_expert, member=member).pk != letter.pk


def test_an_unchanged_member_keeps_their_letter_and_writes_nothing(member, org_expert):
    from apps.evaluation import documents

    letter = documents.member_letter_issue(actor=org_expert, member=member)
    services.body_member_update(
        actor=org_expert,
        member=member,
        full_name=" مریم احمدی ",
        position="معاون توسعه مدیریت",
        role_in_body="رئیس کمیته",
    )
    member.refresh_from_db()
    assert member.letter_id == letter.pk and not member.letter.is_revoked
    assert not AuditEntry.objects.filter(action="evaluation.body.member_changed").exists()


def test_a_member_needs_a_name_and_both_positions(member, org_expert):
    with pytest.raises(ServiceError, match="نام، سمت اداری"):
        services.body_member_update(
            actor=org_expert, member=member, full_name=" ", position="x", role_in_body="y"
        )
    member.refresh_from_db()
    assert member.full_name == "مریم احمدی"


def test_a_removed_member_leaves_an_audit_row_and_their_revoked_letter(member, org_expert):
    from apps.documents.models import IssuedDocument
    from apps.evaluation import documents
    from apps.evaluation.models import BodyMember

    letter = documents.member_letter_issue(actor=org_expert, member=member)
    services.body_member_remove(actor=org_expert, member=member)
    assert not BodyMember.objects.filter(pk=member.pk).exists()
    letter = IssuedDocument.objects.get(pk=letter.pk)
    assert letter.is_revoked and "کمیته راهبری" in letter.revoke_reason
    entry = AuditEntry.objects.get(action="evaluation.body.member_removed")
    assert (
        entry.changes["full_name"] == "مریم احمدی"
        and entry.changes["revoked_letter"] == letter.verification_code
    )
    assert AuditEntry.objects.filter(action="documents.evaluation_appointment.revoked").exists()


def test_an_agency_neither_changes_nor_removes_a_member(member, agency_officer):
    from apps.evaluation.models import BodyMember

    with pytest.raises(ServiceError, match="کارشناسان") as caught:
        services.body_member_update(
            actor=agency_officer, member=member, full_name="x", position="y", role_in_body="z"
        )
    assert isinstance(caught.value, ForbiddenError)
    with pytest.raises(ServiceError, match="کارشناسان"):
        services.body_member_remove(actor=agency_officer, member=member)
    assert BodyMember.objects.get(pk=member.pk).full_name == "مریم احمدی"
    assert (
        not AuditEntry.objects.filter(action__startswith="evaluation.body.member_")
        .exclude(action="evaluation.body.member_added")
        .exists()
    )


# The cycle's timeline and a nomination are processes of their own (workflow.py): the core moves them.


def test_the_cycles_steps_move_its_agencies_with_it_and_no_agency_alone(scored_pair, org_expert):
    evaluation, other = scored_pair
    with pytest.raises(ConflictError, match="از صفحه دوره ارزیابی"):
        perform(evaluation.case, "publish_initial", actor=org_expert)
    services.cycle_publish_initial(actor=org_expert, cycle=evaluation.cycle)
    cycle = Cycle.objects.select_related("case").get(pk=evaluation.cycle_id)
    assert cycle.case.state == cycle.phase == Cycle.Phase.INITIAL
    step = AuditEntry.objects.get(action="evaluation.cycle.initial_published")
    assert (step.case_id, step.from_state, step.to_state) == (cycle.case_id, "self_assessment", "initial")
    moved = AuditEntry.objects.filter(action="evaluation.agency.publish_initial")
    assert {e.case_id for e in moved} == {evaluation.case_id, other.case_id}
    # The agencies' cases moved after the cycle's, in the same step.
    assert all(e.pk > step.pk for e in moved)


def test_a_cycle_not_yet_published_announces_no_initial_results(cycle, org_expert):
    with pytest.raises(ConflictError, match="در این مرحله دوره"):
        services.cycle_publish_initial(actor=org_expert, cycle=cycle)
    assert Cycle.objects.get(pk=cycle.pk).phase == Cycle.Phase.SETUP


def test_a_nominations_decisions_are_its_process_steps(cycle, org_expert, agency_officer):
    nomination = services.nomination_file(
        actor=agency_officer, cycle=cycle, team_name="تیم برتر", achievement="دستاورد", members="الف، ب"
    )
    assert (nomination.status, nomination.case.state) == (Nomination.Status.NOMINATED, "nominated")
    assert AuditEntry.objects.filter(action="evaluation.nomination.nominated", case=nomination.case).exists()
    with pytest.raises(ServiceError) as refusal:
        services.nomination_decide(
            actor=agency_officer, nomination=nomination, action="select", expected_state="nominated"
        )
    assert isinstance(refusal.value, ForbiddenError)
    services.nomination_decide(
        actor=org_expert, nomination=nomination, action="not_select", expected_state="nominated"
    )
    nomination = Nomination.objects.select_related("case").get(pk=nomination.pk)
    assert (nomination.status, nomination.case.state, nomination.case.is_closed) == ("not_selected",) * 2 + (
        True,
    )
    with pytest.raises(ConflictError, match="در وضعیت فعلی پرونده ممکن نیست"):
        services.nomination_decide(
            actor=org_expert, nomination=nomination, action="honour", expected_state="not_selected"
        )


def test_a_nomination_decision_taken_on_a_stale_page_is_refused_naming_who_decided_first(
    cycle, org_expert, agency_officer, province, management_unit
):
    colleague = UserFactory(organization=province, unit=management_unit, roles=[Role.ORG_EXPERT])
    nomination = services.nomination_file(
        actor=agency_officer, cycle=cycle, team_name="تیم برتر", achievement="دستاورد", members="الف، ب"
    )
    services.nomination_decide(
        actor=colleague, nomination=nomination, action="select", expected_state="nominated"
    )
    entries = AuditEntry.objects.filter(case=nomination.case).count()
    # The other member saw the team still nominated: their decision, offered there, is not taken now.
    with pytest.raises(ConflictError, match=f"توسط {colleague.get_full_name()} اقدام شده است"):
        services.nomination_decide(
            actor=org_expert, nomination=nomination, action="not_select", expected_state="nominated"
        )
    nomination = Nomination.objects.select_related("case").get(pk=nomination.pk)
    assert (nomination.status, nomination.case.state) == ("selected", "selected")
    assert AuditEntry.objects.filter(case=nomination.case).count() == entries


def test_a_nomination_decision_without_the_state_seen_is_refused(cycle, org_expert, agency_officer):
    nomination = services.nomination_file(
        actor=agency_officer, cycle=cycle, team_name="تیم برتر", achievement="دستاورد", members="الف، ب"
    )
    with pytest.raises(InvalidError, match="صفحه را دوباره باز کنید"):
        services.nomination_decide(
            actor=org_expert, nomination=nomination, action="select", expected_state=""
        )
    assert Nomination.objects.get(pk=nomination.pk).status == "nominated"
