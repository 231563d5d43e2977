"""Demo data: last year's cycle approved and levelled, this year's with each agency at a different step."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from apps.accounts.roles import Role
from apps.core.jalali import format_year, parse_jalali_date, today
from apps.workflow.services import perform, record_perform

from . import services
from .documents import member_letter_issue
from .models import Body, Cycle, Evaluation, Index

# code, title, kind, axis, ceiling W, weight, direction, standard S, unit, evidence required, source
INDICES = (
    (
        "G-01",
        "استقرار دولت الکترونیک و هوشمندسازی",
        "general",
        "دولت هوشمند",
        60,
        2,
        "increasing",
        None,
        "",
        True,
        "",
    ),
    (
        "G-02",
        "آموزش کارکنان (ساعت سرانه)",
        "general",
        "سرمایه انسانی",
        40,
        1,
        "increasing",
        40,
        "ساعت",
        False,
        "training.hours_per_employee",
    ),
    ("G-03", "رضایت مردم از خدمات", "general", "خدمات عمومی", 50, 1, "increasing", None, "", False, ""),
    ("S-01", "کاهش زمان پاسخ به درخواست‌ها", "specific", "", 50, 1, "decreasing", 10, "روز", False, ""),
    ("D-01", "مشارکت در طرح‌های توسعه‌ای استان", "development", "", 30, 1, "increasing", None, "", False, ""),
)
# Each agency's claim as a share of W, and the evaluator's as a share of W, by its position in the demo.
PROFILES = ((0.95, 0.9), (0.8, 0.7), (0.7, 0.55), (0.6, 0.5), (0.9, 0.85))
# The step this year's case is left at, by the agency's position.
THIS_YEAR_STOPS = ("self_assessment", "review", "scoring", "objection", "rescoring")
# The province's place among the provinces in last year's cycle, as the national org announced it.
PAST_NATIONAL_RANK = (4, 31)
EVIDENCE_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# The attachments every cycle's circular goes out with: (title, file name).
CIRCULAR_ATTACHMENTS = (
    ("متن کامل بخشنامه ارزیابی عملکرد", "بخشنامه.pdf"),
    ("شیوه‌نامه اجرایی و جدول زمان‌بندی", "شیوه‌نامه.pdf"),
    ("فرم خودارزیابی شاخص‌های عمومی", "فرم-خودارزیابی.pdf"),
)


def _cycle(world, year: int, circular: str, phase_done: bool) -> Cycle:
    expert = world.org_staff[Role.ORG_EXPERT]
    cycle = Cycle.objects.filter(province_id=world.province.province_id, year=year).first()
    if cycle is not None:
        return cycle
    circular_date = parse_jalali_date(circular)
    cycle = services.cycle_create(
        actor=expert,
        year=year,
        title=f"ارزیابی عملکرد دستگاه‌های اجرایی استان — سال {format_year(year)}",
        circular_number=f"{year % 100}/9401",
        circular_date=circular_date,
        self_assessment_deadline=max(today(), circular_date + dt.timedelta(days=30)),
    )
    for code, title, kind, axis, ceiling, weight, direction, standard, unit, evidence, source in INDICES:
        services.index_create(
            actor=expert,
            cycle=cycle,
            code=code,
            title=title,
            kind=kind,
            axis=axis,
            max_score=ceiling,
            weight=weight,
            direction=direction,
            standard=standard,
            unit=unit,
            evidence_required=evidence,
            source=source,
        )
    for title, name in CIRCULAR_ATTACHMENTS:
        # A comment line per file makes each checksum its own, as real attachments' are.
        content = EVIDENCE_PDF + f"% {title}\n".encode()
        services.circular_attachment_add(
            actor=expert,
            cycle=cycle,
            title=title,
            file=SimpleUploadedFile(name, content, content_type="application/pdf"),
        )
    Index.objects.filter(cycle=cycle, kind=Index.Kind.SPECIFIC).update(province_cut_approved=True)
    # The indices go out through the cycle's own step; the demo opens its few agencies' evaluations itself,
    # one at a time (`_walk`), rather than every agency of the province as cycle_publish_indices does.
    record_perform(cycle, "publish_indices", actor=expert)
    if not phase_done:
        _bodies_and_sessions(world, cycle)
    cycle.refresh_from_db()
    return cycle


def _bodies_and_sessions(world, cycle: Cycle) -> None:
    expert = world.org_staff[Role.ORG_EXPERT]
    chair = services.body_member_add(
        actor=expert,
        cycle=cycle,
        kind=Body.Kind.STEERING,
        full_name="مریم احمدی",
        position="معاون توسعه مدیریت و سرمایه انسانی",
        role_in_body="رئیس کمیته",
    )
    member_letter_issue(actor=expert, member=chair)
    services.body_member_add(
        actor=expert,
        cycle=cycle,
        kind=Body.Kind.FESTIVAL_HQ,
        full_name="علی موسوی",
        position="رئیس گروه توسعه مدیریت",
        role_in_body="دبیر ستاد",
    )
    services.session_create(
        actor=expert,
        cycle=cycle,
        title="آموزش توجیهی شاخص‌های ارزیابی",
        held_on=cycle.circular_date + dt.timedelta(days=7),
        place="سالن جلسات سازمان",
    )


def _walk(world, agency, cycle: Cycle, stop: str, profile: tuple[float, float]) -> Evaluation:
    """Moves the agency's case through the real services up to `stop` (at the latest, the council's step)."""
    expert = world.org_staff[Role.ORG_EXPERT]
    officer = world.agency_users[agency.id][Role.AGENCY_OFFICER]
    evaluator = world.org_staff[Role.EVALUATOR]
    indices = list(cycle.indices.prefetch_related("agencies"))
    evaluation = services.evaluation_open(
        actor=expert, cycle=cycle, agency=agency, indices=indices, targeted={}
    )
    # The group names the agency's evaluator team (seed row 13); the demo's one evaluator scores every agency.
    services.evaluation_assign_evaluators(actor=expert, evaluation=evaluation, evaluators=[evaluator])
    claim, given = profile
    for score in evaluation.scores.select_related("index"):
        if score.self_score is None:
            services.score_self_assess(
                actor=officer,
                score=score,
                claimed=round(float(score.index.max_score) * claim, 2),
                description="بر پایه گزارش عملکرد سالانه",
            )
        if score.index.evidence_required:
            upload = SimpleUploadedFile("گزارش-عملکرد.pdf", EVIDENCE_PDF, content_type="application/pdf")
            services.evidence_attach(
                actor=officer, score=score, title="گزارش عملکرد سالانه", uploaded_file=upload
            )
    if stop == "self_assessment":
        return evaluation
    case = perform(evaluation.case, "submit", actor=officer)
    if stop == "review":
        return evaluation
    case = perform(case, "confirm", actor=expert)
    for score in evaluation.scores.select_related("index"):
        services.score_evaluate(
            actor=evaluator,
            score=score,
            value=round(float(score.index.max_score) * given, 2),
            comment="مستندات بررسی شد.",
        )
    if stop == "scoring":
        return evaluation
    case = perform(case, "finish_scoring", actor=evaluator)
    # Announced through the cycle's step: the agencies scored by now (this one) hear of it, the window opens.
    services.cycle_publish_initial(actor=expert, cycle=cycle)
    cycle.refresh_from_db()
    first = evaluation.scores.select_related("index").first()
    objection = services.objection_file(
        actor=officer, score=first, reason="مستندات استقرار سامانه‌ها در امتیازدهی دیده نشده است."
    )
    if stop == "objection":
        return evaluation
    case = perform(case, "to_rescoring", actor=expert)
    if stop == "rescoring":
        return evaluation
    services.objection_answer(
        actor=evaluator,
        objection=objection,
        answer="مستندات پذیرفته شد و امتیاز اصلاح شد.",
        value=first.index.max_score * 9 / 10,
    )
    perform(case, "finish_rescoring", actor=evaluator)
    if stop == "final_review":
        return evaluation
    raise ValueError(stop)


def _results_announced(world, cycle: Cycle, evaluation: Evaluation) -> None:
    """The council's approval and the province's rank through the cycle's services (seed rows 16 and 18), so
    the agency's officer, head and council secretary find both messages in their inboxes."""
    services.cycle_approve_final(actor=world.org_staff[Role.ORG_HEAD], cycle=cycle)
    cycle.refresh_from_db()
    if cycle.national_rank is None:
        rank, provinces = PAST_NATIONAL_RANK
        services.cycle_record_national_rank(
            actor=world.national_staff[Role.NATIONAL_OFFICER], cycle=cycle, rank=rank, provinces=provinces
        )
    else:
        # The demo adds its agencies one at a time, so a later one joins after the rank was recorded: it is
        # told the rank as the service told the agencies of the cycle then.
        services.national_rank_notify(cycle_id=cycle.pk, evaluation_ids=[evaluation.pk])


def build(world, agency) -> None:
    past = _cycle(world, 1403, "1404/03/13", phase_done=True)
    position = past.evaluations.count()
    profile = PROFILES[position % len(PROFILES)]
    evaluation = _walk(world, agency, past, "final_review", profile)
    _results_announced(world, past, evaluation)
    current = _cycle(world, 1404, "1405/03/13", phase_done=False)
    _walk(world, agency, current, THIS_YEAR_STOPS[position % len(THIS_YEAR_STOPS)], profile)
    officer = world.agency_users[agency.id][Role.AGENCY_OFFICER]
    services.nomination_file(
        actor=officer,
        cycle=past,
        team_name=f"تیم تحول اداری {agency.name}",
        achievement="کاهش زمان پاسخ به درخواست‌های مردم به نصف با خدمات الکترونیک",
        members="مریم کریمی، رضا حسینی، نرگس صالحی",
    )
    services.attendance_record(
        actor=world.org_staff[Role.ORG_EXPERT],
        session=current.sessions.first(),
        organization=agency,
        attendee=f"{officer.get_full_name()}",
        position=officer.title or "کارشناس رابط",
        present=position % 3 != 2,
    )
